"""The ``courseware`` command.

With no subcommand it opens the app. Each subcommand lives in its own module
under :mod:`courseware.commands` and exposes ``register(subparsers)``; they are
discovered here so adding one never touches this file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import courseware
import courseware.commands


class UsageError(Exception):
    """A command was called with arguments it cannot use (exit code 2)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every discovered subcommand."""
    parser = argparse.ArgumentParser(
        prog="courseware",
        description="Learn AWS serverless by doing, against an embedded offline AWS.",
    )
    parser.add_argument("--version", action="version", version=courseware.__version__)
    parser.add_argument(
        "--port", type=int, default=None, help="port for the app's embedded cloud (default 4566)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(courseware.commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"courseware.commands.{info.name}")
        module.register(sub)
    return parser


def _run_app(args: argparse.Namespace) -> int:
    from courseware.tui.app import run

    return run(port=args.port)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not getattr(args, "accepts_extra", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    handler = getattr(args, "func", _run_app)
    try:
        return int(handler(args) or 0)
    except UsageError as exc:
        print(f"courseware: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
