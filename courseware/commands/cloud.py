"""``courseware cloud``: run the embedded cloud headless."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from courseware.cloud.endpoint import DEFAULT_PORT


def register(sub: Any) -> None:
    """Add the ``cloud`` subcommand."""
    parser = sub.add_parser(
        "cloud",
        help="run the embedded AWS headless (for the AWS CLI, boto3 and graders)",
        description="Run the embedded AWS on 127.0.0.1 until interrupted.",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port (0 picks a free one; default 4566)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the cloud, print where it is, wait for Ctrl-C or SIGTERM."""
    from courseware.cloud.endpoint import clear_address, exports, write_address
    from courseware.cloud.server import CloudError, EmbeddedCloud

    cloud = EmbeddedCloud(port=args.port)
    try:
        endpoint = cloud.start()
    except CloudError as exc:
        print(f"courseware cloud: {exc}", file=sys.stderr)
        return 1
    write_address(endpoint)
    print(f"courseware cloud ready at {endpoint.url} (started in {cloud.started_in:.2f}s)")
    for line in exports(endpoint):
        print(line)
    sys.stdout.flush()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        clear_address(endpoint)
        cloud.stop()
    return 0
