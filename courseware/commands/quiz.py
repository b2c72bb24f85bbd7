"""``courseware quiz``: open the app straight on the quiz screen."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the ``quiz`` subcommand."""
    parser = sub.add_parser(
        "quiz",
        help="open the app on the quiz: practice, exam simulation, reviews due",
        description="Open the courseware app directly on the quiz screen.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the app with the quiz screen on top."""
    from courseware.tui.app import run as run_app

    return run_app(port=args.port, start_screen="quiz")
