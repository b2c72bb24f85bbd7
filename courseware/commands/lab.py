"""``courseware lab``: list, show, check, answer, solve and reset labs from the shell."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from courseware.cli import UsageError

SYMBOL = {"passed": "✔", "failed": "✘", "pending": "…"}


def register(sub: Any) -> None:
    """Add ``lab`` and its actions."""
    parser = sub.add_parser("lab", help="work with hands-on labs from the shell (grader friendly)")
    actions = parser.add_subparsers(dest="lab_action", metavar="ACTION", required=True)
    actions.add_parser("list", help="list the labs").set_defaults(func=list_labs)
    show = actions.add_parser("show", help="print a lab's steps and instructions")
    show.add_argument("lab")
    show.set_defaults(func=show_lab)
    for name, func, text in (
        ("check", check, "check steps against the cloud (exit 0 only if all pass)"),
        ("solve", solve, "run step solutions in order"),
        ("reset", reset, "delete the lab's resources and recorded answers"),
        ("answer", answer, "answer a knowledge step"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("lab")
        if name == "answer":
            action.add_argument("step")
            action.add_argument("value")
        if name == "check":
            action.add_argument("--step", help="check only this step")
            action.add_argument("--json", action="store_true", help="machine-readable output")
            action.add_argument("--watch", action="store_true", help="re-check every few seconds")
        if name == "solve":
            action.add_argument("--until", metavar="STEP", help="stop after this step")
        action.add_argument(
            "--embedded",
            action="store_true",
            help="use a private, empty cloud started for this command only (not your cloud)",
        )
        action.set_defaults(func=func)


def _lab(lab_id: str) -> Any:
    from courseware.course.loader import load_course

    course = load_course()
    lab = course.lab(lab_id)
    if lab is None:
        raise UsageError(f"no lab {lab_id!r}; labs: {', '.join(lab.id for lab in course.labs)}")
    return lab


@contextmanager
def _endpoint(embedded: bool) -> Iterator[Any]:
    from courseware.cloud.endpoint import EndpointError, require_endpoint

    if not embedded:
        try:
            yield require_endpoint()
        except EndpointError as exc:
            raise UsageError(f"{exc} (or pass --embedded)") from None
        return
    from courseware.cloud.server import EmbeddedCloud

    print(EMBEDDED_NOTE, file=sys.stderr)
    with EmbeddedCloud(port=0) as cloud:
        yield cloud.endpoint


EMBEDDED_NOTE = (
    "note: --embedded uses a private, empty cloud started for this command and thrown away "
    "after it, not your cloud: nothing you built is in it. Drop --embedded to check your work."
)


def list_labs(args: argparse.Namespace) -> int:
    """Print each lab's id, length and title."""
    from courseware.course.loader import load_course

    for lab in load_course().labs:
        print(f"{lab.id:16} {lab.minutes:3d} min  {len(lab.steps)} steps  {lab.title}")
    return 0


def show_lab(args: argparse.Namespace) -> int:
    """Print the lab's steps with instructions."""
    lab = _lab(args.lab)
    print(f"# {lab.title}\n\n{lab.summary}\n")
    for number, step in enumerate(lab.steps, 1):
        print(f"## {number}. {step.title}  [{step.id}]\n\n{step.instructions.strip()}\n")
        if step.kind == "knowledge":
            print(
                f"Question: {step.question}\n  answer with: courseware lab answer {lab.id} {step.id} VALUE\n"
            )
    return 0


def _print_results(lab: Any, results: list[Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps({"lab": lab.id, "steps": [r.as_json() for r in results]}, indent=2))
        return
    for result in results:
        print(f"{SYMBOL[result.status]} {result.step_id:14} {result.title}")
        if result.status != "passed":
            print(f"    {result.message}")
            if result.expected or result.actual:
                print(f"    expected: {result.expected}\n    found:    {result.actual}")


def check(args: argparse.Namespace) -> int:
    """Check steps; exit 0 only when every checked step passed."""
    from courseware.course.session import check_lab, check_step

    lab = _lab(args.lab)
    if args.step and lab.step(args.step) is None:
        raise UsageError(
            f"lab {lab.id!r} has no step {args.step!r}; steps: {', '.join(s.id for s in lab.steps)}"
        )
    with _endpoint(args.embedded) as endpoint:
        while True:
            results = (
                [check_step(lab, lab.step(args.step), endpoint)]
                if args.step
                else check_lab(lab, endpoint)
            )
            _print_results(lab, results, args.json)
            passed = all(r.status == "passed" for r in results)
            if passed and not args.step and not args.json and not args.embedded:
                _print_completion(lab, results)
            if not args.watch or passed:
                return 0 if passed else 1
            sys.stdout.flush()
            time.sleep(3)
            print("-" * 40)


def _print_completion(lab: Any, results: list[Any]) -> None:
    from courseware.course.completion import completion
    from courseware.course.loader import load_course

    done = completion(lab, results, load_course())
    if done is not None:
        print("\n" + "\n".join(done.lines()))


def answer(args: argparse.Namespace) -> int:
    """Answer a knowledge step; exit 0 when correct."""
    from courseware.course.session import check_step

    lab = _lab(args.lab)
    step = lab.step(args.step)
    if step is None or step.kind != "knowledge":
        raise UsageError(f"lab {lab.id!r} has no knowledge step {args.step!r}")
    with _endpoint(args.embedded) as endpoint:
        result = check_step(lab, step, endpoint, args.value)
    _print_results(lab, [result], False)
    return 0 if result.status == "passed" else 1


def solve(args: argparse.Namespace) -> int:
    """Run solutions in order (up to --until); stop at the first that fails."""
    from courseware.course.runner import wait_until_passed
    from courseware.course.session import solve as solve_one

    lab = _lab(args.lab)
    if args.until and lab.step(args.until) is None:
        raise UsageError(f"lab {lab.id!r} has no step {args.until!r}")
    with _endpoint(args.embedded) as endpoint:
        for step in lab.steps:
            result = solve_one(lab, step, endpoint)
            if not result.ok:
                print(f"✘ {step.id}: the solution failed", file=sys.stderr)
                print(result.output, file=sys.stderr)
                return 1
            status = wait_until_passed(lab, step, endpoint, result.answer).status
            done = (
                result.answer and f"answer {result.answer}"
            ) or f"{len(result.commands)} command(s)"
            print(f"{SYMBOL[status]} {step.id}: {done}; step {status}")
            if step.id == args.until:
                break
    return 0


def reset(args: argparse.Namespace) -> int:
    """Delete the lab's resources and recorded answers."""
    from courseware.course import labstate
    from courseware.course.runner import reset_lab

    lab = _lab(args.lab)
    with _endpoint(args.embedded) as endpoint:
        deleted = reset_lab(lab, endpoint)
    labstate.clear(lab.id)
    from courseware.course.progress import ProgressStore, StoreError

    try:
        with ProgressStore() as store:
            store.reset_lab(lab.id)
    except StoreError as exc:
        print(f"courseware lab reset: progress not reset: {exc}", file=sys.stderr)
    print(
        f"reset {lab.id}: deleted {', '.join(deleted) if deleted else 'nothing (no resources found)'}"
    )
    return 0
