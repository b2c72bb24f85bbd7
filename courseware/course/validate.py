"""``courseware validate``: every content file, and every lab proven on a fresh cloud.

For each lab (rustlings' ``dev check`` on live state): each step's checks must fail before
its solution runs and pass after it, and at the end every resource step must still pass.
Knowledge answers are observations at a moment (a polled message may since have been
consumed), so they are checked when their step is solved, not again at the end.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from courseware.cloud.endpoint import Endpoint, moto_api_headers
from courseware.course.errors import ContentError
from courseware.course.loader import load_course
from courseware.course.model import Course, Lab
from courseware.course.runner import run_step, solve_step, wait_until_passed

SETTLE_SECONDS = 30.0


@dataclass
class Report:
    """What validation found."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def reset_cloud(endpoint: Endpoint) -> None:
    """Wipe every resource of the cloud (moto's reset API)."""
    request = urllib.request.Request(
        f"{endpoint.url}/moto-api/reset",
        method="POST",
        data=b"",
        headers=moto_api_headers(endpoint),
    )
    with urllib.request.urlopen(request, timeout=30):
        pass


def validate_lab(lab: Lab, endpoint: Endpoint, settle: float = SETTLE_SECONDS) -> list[str]:
    """Prove one lab on the (fresh) cloud at ``endpoint``; returns problems."""
    problems: list[str] = []
    for step in lab.steps:
        where = f"labs/{lab.id}/lab.yaml:{step.line} step {step.id!r}"
        before = run_step(lab, step, endpoint)
        if before.status == "passed":
            problems.append(f"{where}: passes before its solution runs (the check proves nothing)")
        solved = solve_step(lab, step, endpoint)
        if not solved.ok:
            problems.append(f"{where}: its solution failed:\n{solved.output.strip()}")
            break
        after = wait_until_passed(lab, step, endpoint, solved.answer, settle)
        if after.status != "passed":
            problems.append(
                f"{where}: still {after.status} after its solution: {after.message} (expected {after.expected}, actual {after.actual})"
            )
            break
    if not problems:
        for step in lab.steps:
            if step.kind == "knowledge":
                continue
            final = run_step(lab, step, endpoint)
            if final.status != "passed":
                problems.append(
                    f"labs/{lab.id}/lab.yaml:{step.line} step {step.id!r}: fails once the whole lab is solved: {final.message}"
                )
    return problems


def validate(
    root: Path | None = None, live: bool = True, progress: Callable[[str], None] = print
) -> Report:
    """Validate all content, and (when ``live``) every lab on a private embedded cloud."""
    report = Report()
    try:
        course: Course = load_course(root)
    except ContentError as exc:
        report.problems.extend(str(p) for p in exc.problems)
        return report
    from courseware.course.quiz import validate_quizzes

    sections = {c.id: {s.id for s in c.sections} for c in course.chapters}
    quiz_problems = validate_quizzes(course.root, sections)
    report.problems.extend(str(p) for p in quiz_problems)
    if quiz_problems:
        return report
    report.notes.append(
        f"{len(course.chapters)} chapters, {len(course.labs)} labs, {len(course.quiz_files)} quiz banks load cleanly"
    )
    from courseware.course.quiz.validate import validate_exam_coverage

    coverage_problems, coverage_notes = validate_exam_coverage(course.root, sections)
    report.problems.extend(str(p) for p in coverage_problems)
    report.notes.extend(coverage_notes)
    if coverage_problems:
        return report
    if not live:
        return report
    from courseware.cloud.server import EmbeddedCloud

    cloud = EmbeddedCloud(port=0)
    endpoint = cloud.start()
    try:
        for lab in course.labs:
            reset_cloud(endpoint)
            began = time.monotonic()
            problems = validate_lab(lab, endpoint)
            report.problems.extend(problems)
            if not problems:
                progress(
                    f"lab {lab.id}: all {len(lab.steps)} steps fail before and pass after their solutions ({time.monotonic() - began:.1f}s)"
                )
    finally:
        cloud.stop()
    return report
