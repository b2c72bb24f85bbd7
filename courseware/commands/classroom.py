"""``courseware class …``: the instructor's commands for a class served with ``serve --class``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from courseware.cli import UsageError


def register(sub: Any) -> None:
    """Add ``class`` and its actions."""
    parser = sub.add_parser("class", help="a classroom's status, grade exports, resets and notes")
    parser.add_argument("--class", dest="class_name", required=True, metavar="NAME")
    actions = parser.add_subparsers(dest="class_action", metavar="ACTION", required=True)
    actions.add_parser("status", help="learners × lab steps (○ ✔ ✘)").set_defaults(func=status)
    export = actions.add_parser("export", help="the grades as CSV, JSON or JUnit XML")
    export.add_argument("--format", choices=("csv", "json", "junit"), default="csv")
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    export.set_defaults(func=export_grades)
    reset = actions.add_parser("reset", help="reset one learner's lab (in their account only)")
    reset.add_argument("learner")
    reset.add_argument("lab")
    reset.set_defaults(func=reset_lab)
    note = actions.add_parser("note", help="broadcast a note to every learner's app")
    note.add_argument("text", nargs="+")
    note.set_defaults(func=send_note)


def _room(args: argparse.Namespace) -> Any:
    from courseware.course.classroom import ClassError, ClassRoom
    from courseware.course.classroom.roster import classes_dir

    if not (classes_dir() / args.class_name / "class.json").exists():
        raise UsageError(
            f"no class {args.class_name!r} (start one with `courseware serve --class`)"
        )
    try:
        return ClassRoom(args.class_name)
    except ClassError as exc:
        raise UsageError(str(exc)) from None


def status(args: argparse.Namespace) -> int:
    """Print the grid."""
    from courseware.course.classroom.grades import collect
    from courseware.course.loader import load_course
    from courseware.tui.classroom.grid_model import columns, row

    room = _room(args)
    rows = collect(room, load_course())
    print(f"class {room.name} · code {room.code} · {len(rows)} learners")
    if rows:
        labels = [label for _, label in columns(rows)]
        print("\t".join(labels))
        for grades in rows:
            print("\t".join(row(grades)))
    return 0


def export_grades(args: argparse.Namespace) -> int:
    """Write the report."""
    from courseware.course.classroom.grades import export
    from courseware.course.loader import load_course

    text = export(_room(args), load_course(), args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def reset_lab(args: argparse.Namespace) -> int:
    """Reset one learner's lab."""
    from courseware.cloud.endpoint import EndpointError, require_endpoint
    from courseware.course.classroom import ClassError
    from courseware.course.classroom.actions import reset_learner_lab
    from courseware.course.loader import load_course

    room = _room(args)
    lab = load_course().lab(args.lab)
    if lab is None:
        raise UsageError(f"no lab {args.lab!r}")
    try:
        learner = room.learner(args.learner)
        deleted = reset_learner_lab(room, learner, lab, require_endpoint())
    except (ClassError, EndpointError) as exc:
        raise UsageError(str(exc)) from None
    print(f"reset {lab.id} for {learner.name}: deleted {', '.join(deleted) or 'nothing'}")
    return 0


def send_note(args: argparse.Namespace) -> int:
    """Append a note every learner's app shows."""
    from courseware.course.classroom.notes import add_note

    try:
        add_note(_room(args).folder, " ".join(args.text))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print("note sent")
    return 0
