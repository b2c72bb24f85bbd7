"""``courseware progress``: a summary table; ``export FILE`` / ``import FILE`` (JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    """Add ``progress`` with its ``export`` and ``import`` actions."""
    parser = sub.add_parser(
        "progress",
        help="show your progress; export / import it as JSON",
        description="Without an action, print a summary of chapters, labs, quizzes and reviews.",
    )
    parser.add_argument("--profile", default="", help="exam profile for quiz figures (dva-c02)")
    parser.set_defaults(func=show)
    actions = parser.add_subparsers(dest="progress_action", metavar="ACTION")
    export = actions.add_parser("export", help="write all progress to a JSON file ('-' = stdout)")
    export.add_argument("file")
    export.set_defaults(func=export_progress)
    imp = actions.add_parser(
        "import",
        help="merge progress from a JSON export (with --class: learners' exports into one report)",
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument(
        "--class",
        dest="class_name",
        metavar="NAME",
        help="merge each file as one learner of class NAME (named by the file's stem)",
    )
    imp.set_defaults(func=import_progress)


def _open_store() -> Any:
    from courseware.cli import UsageError
    from courseware.course.progress import ProgressStore, SchemaError, StoreError

    try:
        return ProgressStore()
    except (StoreError, SchemaError) as exc:
        raise UsageError(str(exc)) from None


def show(args: argparse.Namespace) -> int:
    """Print the summary tables."""
    from rich.console import Console

    from courseware.course.progress.summary import summarize

    with _open_store() as store:
        summary = summarize(store, profile_id=args.profile)
    Console(width=max(Console().width, 80)).print(render_summary(summary))
    return 0


def render_summary(summary: Any) -> Any:
    """Rich renderables for a :class:`~courseware.course.progress.summary.Summary`."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def table(title: str, *columns: str) -> Table:
        t = Table(title=title, title_justify="left", expand=False)
        for i, column in enumerate(columns):
            t.add_column(column, justify="right" if i else "left")
        return t

    pct = percent

    chapters = table("Chapters", "Chapter", "Sections read", "Done")
    for row in summary.chapters:
        chapters.add_row(row.title, f"{row.done}/{row.total}", pct(row.done, row.total))
    if not summary.chapters:
        chapters.add_row("(no chapters in content/chapters yet)", "–", "–")
    labs = table("Labs", "Lab", "Steps passed", "With help")
    for row in summary.labs:
        labs.add_row(row.title, f"{row.done}/{row.total}", str(row.helped))
    quiz = table(f"Quiz accuracy by {summary.profile} domain", "Domain", "Correct", "Accuracy")
    for row in summary.domains:
        quiz.add_row(row.title, f"{row.done}/{row.total}", pct(row.done, row.total))
    parts: list[Any] = [chapters, labs, quiz]
    exam = summary.last_exam
    if exam is None:
        parts.append(Text(f"Last exam: none yet ({summary.profile})"))
    else:
        verdict = "[green]PASS[/]" if exam.passed else "[red]FAIL[/]"
        parts.append(
            Text.from_markup(
                f"Last exam ({summary.profile}, {exam.finished_at:%Y-%m-%d %H:%M} UTC): "
                f"{exam.scaled}/1000 {verdict} — {exam.correct}/{exam.total} correct; "
                f"{summary.exams_taken} taken"
            )
        )
    due = f"Reviews due now: {summary.due_now}"
    if summary.next_due is not None and summary.due_now == 0:
        due += f" (next at {summary.next_due:%Y-%m-%d %H:%M} UTC)"
    parts.append(Text(due))
    return Group(*parts)


def export_progress(args: argparse.Namespace) -> int:
    """Write the export (JSON, versioned)."""
    with _open_store() as store:
        text = json.dumps(store.export_json(), indent=1, ensure_ascii=False) + "\n"
    if args.file == "-":
        sys.stdout.write(text)
    else:
        Path(args.file).write_text(text, encoding="utf-8")
        print(f"progress exported to {args.file}")
    return 0


def _read_export(file: str) -> Any:
    try:
        return json.loads(Path(file).read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"courseware progress import: cannot read {file}: {exc.strerror}", file=sys.stderr)
    except ValueError as exc:
        print(f"courseware progress import: {file} is not JSON: {exc}", file=sys.stderr)
    return None


def _store_for(args: argparse.Namespace, file: str) -> Any:
    """The store a file merges into: this user's, or its learner's in ``--class``."""
    if not args.class_name:
        return _open_store()
    from courseware.cli import UsageError
    from courseware.course.classroom import ClassError, ClassRoom
    from courseware.course.progress import ProgressStore

    try:
        room = ClassRoom(args.class_name)
        name = Path(file).stem
        known = {lr.name.lower(): lr for lr in room.learners()}
        learner = known.get(name.lower()) or room.add_learner(name)
    except ClassError as exc:
        raise UsageError(str(exc)) from None
    return ProgressStore(room.home(learner.id) / "progress.sqlite3")


def import_progress(args: argparse.Namespace) -> int:
    """Merge exports; a clear error (exit 1) for a file that is not one."""
    from courseware.course.progress import ImportFormatError
    from courseware.course.progress.transfer import check_header

    for file in args.files:
        data = _read_export(file)
        if data is None:
            return 1
        try:
            check_header(data)  # before a class gets a learner for it
        except ImportFormatError as exc:
            print(f"courseware progress import: {file}: {exc}", file=sys.stderr)
            return 1
        with _store_for(args, file) as store:
            try:
                store.import_json(data)
            except ImportFormatError as exc:
                print(f"courseware progress import: {file}: {exc}", file=sys.stderr)
                return 1
        where = (
            f" as learner {Path(file).stem} of class {args.class_name}" if args.class_name else ""
        )
        print(f"progress merged from {file}{where}")
    return 0


def percent(done: int, total: int) -> str:
    """``done`` of ``total`` as a whole percentage, rounded half up (7 of 9 → "78 %")."""
    return f"{(200 * done + total) // (2 * total)} %" if total else "–"
