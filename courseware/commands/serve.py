"""``courseware serve``: the app in a web browser (textual-serve), one shared embedded cloud."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from courseware.cloud.endpoint import DEFAULT_PORT, is_loopback

DEFAULT_WEB_PORT = 8000


def register(sub: Any) -> None:
    """Add the ``serve`` subcommand."""
    parser = sub.add_parser(
        "serve",
        help="open the app in a web browser (each tab runs the app; all share one embedded cloud)",
        description=(
            "Serve the courseware app over HTTP with textual-serve. Every browser tab runs its own "
            "app process; they all use the one embedded cloud this command starts."
        ),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="web server address (default 127.0.0.1)"
    )
    parser.add_argument(
        "--web-port", type=int, default=DEFAULT_WEB_PORT, help="web server port (default 8000)"
    )
    parser.add_argument(
        "--cloud-port", type=int, default=DEFAULT_PORT, help="embedded cloud port (default 4566)"
    )
    parser.add_argument(
        "--class",
        dest="class_name",
        metavar="NAME",
        help="a classroom: learners join with a code (or a roster link), each in their own account",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, behind a reverse proxy (e.g. https://class.example.org)",
    )
    parser.add_argument(
        "--roster", metavar="CSV", help="with --class: pre-load learners (a 'name' column)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the cloud, then serve the app until interrupted."""
    from textual_serve.server import Server

    from courseware.cloud.endpoint import clear_address, write_address
    from courseware.cloud.server import CloudError, EmbeddedCloud, PortInUseError
    from courseware.cloud.state.store import default_state_dir

    if args.roster and not args.class_name:
        print("courseware serve: --roster needs --class NAME", file=sys.stderr)
        return 2
    if not is_loopback(args.host) and not args.class_name:
        print(
            f"courseware serve: warning: serving on {args.host}; anyone who can reach it can run "
            "the app (and its AWS CLI pane) on this machine. The embedded cloud stays on loopback.",
            file=sys.stderr,
        )
    from courseware.cloud import guard

    guard.allow_origin(f"http://{args.host}:{args.web_port}")
    cloud = EmbeddedCloud(port=args.cloud_port, state_dir=default_state_dir())
    try:
        endpoint = cloud.start()
    except PortInUseError:
        cloud = EmbeddedCloud(port=0, state_dir=default_state_dir())
        endpoint = cloud.start()
    except CloudError as exc:
        print(f"courseware serve: {exc}", file=sys.stderr)
        return 1
    write_address(endpoint)
    command = f"{shlex.quote(sys.executable)} -m courseware"
    print(
        f"courseware serve: cloud at {endpoint.url}; open http://{args.host}:{args.web_port}/",
        flush=True,
    )
    try:
        if args.class_name:
            from courseware.commands._class_serve import serve_class

            return serve_class(args, endpoint)
        Server(
            command,
            host=args.host,
            port=args.web_port,
            title="courseware",
            public_url=args.public_url,
        ).serve()
    finally:
        clear_address(endpoint)
        cloud.stop()
    return 0
