"""``courseware validate``: check all content, and prove every lab on a fresh private cloud."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``validate`` subcommand."""
    parser = sub.add_parser(
        "validate",
        help="validate chapters, labs and quizzes; prove every lab's checks and solutions",
        description="Exit 0 only when all content is valid and every lab proves out on a fresh cloud.",
    )
    parser.add_argument(
        "--static", action="store_true", help="only load and check the files (no cloud)"
    )
    parser.add_argument(
        "--lab", metavar="ID", action="append", help="prove only this lab (repeatable)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print problems (file:line …) and return 1 when there are any."""
    from courseware.course.validate import validate

    report = validate(
        live=not args.static,
        progress=lambda line: print(f"ok  {line}", flush=True),
        labs=args.lab,
    )
    for note in report.notes:
        print(f"ok  {note}")
    for problem in report.problems:
        print(f"ERR {problem}", file=sys.stderr)
    if report.ok:
        print("courseware validate: all content is valid")
        return 0
    print(f"courseware validate: {len(report.problems)} problem(s)", file=sys.stderr)
    return 1
