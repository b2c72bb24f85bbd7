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
    parser.add_argument(
        "--exam-minutes",
        type=int,
        metavar="N",
        help="practise exams with an N-minute limit from now on (0: the exam's own, e.g. 130)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the app with the quiz screen on top."""
    from courseware.tui.app import run as run_app

    if args.exam_minutes is not None:
        from courseware.cli import UsageError
        from courseware.course.progress import ProgressStore

        if args.exam_minutes < 0:
            raise UsageError("--exam-minutes must be 0 or more")
        with ProgressStore() as store:
            store.set_setting("quiz.exam_minutes", args.exam_minutes)

    return run_app(port=args.port, start_screen="quiz")
