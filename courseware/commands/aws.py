"""``courseware aws …``: the AWS CLI, pointed at the embedded cloud."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``aws`` pass-through subcommand."""
    parser = sub.add_parser(
        "aws",
        help="run the AWS CLI against the embedded cloud (endpoint and dummy credentials added)",
        description="Run `aws ARGS…` against the running embedded cloud.",
        add_help=False,
    )
    parser.add_argument("aws_args", nargs=argparse.REMAINDER)
    parser.set_defaults(func=run, accepts_extra=True)


def run(args: argparse.Namespace) -> int:
    """Pass the arguments to ``aws``; return its exit code."""
    from courseware.cloud.awscli import AwsCliMissingError, run_aws
    from courseware.cloud.endpoint import EndpointError, require_endpoint

    try:
        endpoint = require_endpoint()
        return run_aws(endpoint, [*args.aws_args, *args.extra]).returncode
    except (EndpointError, AwsCliMissingError) as exc:
        print(f"courseware aws: {exc}", file=sys.stderr)
        return 1
