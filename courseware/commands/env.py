"""``courseware env``: print the exports for the running cloud."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``env`` subcommand."""
    parser = sub.add_parser(
        "env",
        help="print export lines pointing boto3 / awscli v2 at the running cloud",
        description='Print shell export lines; use as: eval "$(courseware env)"',
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the exports, or explain that no cloud runs (exit 1)."""
    from courseware.cloud.endpoint import EndpointError, exports, require_endpoint

    try:
        endpoint = require_endpoint()
    except EndpointError as exc:
        print(f"courseware env: {exc}", file=sys.stderr)
        return 1
    print("\n".join(exports(endpoint)))
    return 0
