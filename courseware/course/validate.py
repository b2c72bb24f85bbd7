"""``courseware validate``: every content file, and every lab proven on a fresh cloud.

For each lab (rustlings' ``dev check`` on live state, taken further): each step's check must
fail on every known wrong state (the start state, all earlier steps done, and the lab.yaml
``fixtures: wrong:`` ones such as the console's defaults) and pass on every right one (the
CLI solution and ``fixtures: right:``: boto3, the console path, a learner's own handler…),
each built on a fresh cloud; then the lab is solved in order and every resource step must
still pass. A step without declared fixtures fails validation.
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
from courseware.course.proving import prove_step
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


def missing_fixtures(lab: Lab) -> list[str]:
    """Steps that declare no fixtures (a lab without them fails validation)."""
    return [
        f"labs/{lab.id}/lab.yaml:{step.line} step {step.id!r}: declares no fixtures "
        "(wrong and right states its check is proven against)"
        for step in lab.steps
        if not step.fixtures
    ]


def validate_lab(
    lab: Lab,
    endpoint: Endpoint,
    settle: float = SETTLE_SECONDS,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """Prove one lab: every step against its fixtures, then the whole lab solved in order."""
    problems = missing_fixtures(lab)
    for step in lab.steps:
        proof = prove_step(lab, step, endpoint, lambda: reset_cloud(endpoint))
        problems.extend(proof.problems)
        if progress is not None:
            verdict = "ok" if not proof.problems else f"{len(proof.problems)} problem(s)"
            progress(
                f"lab {lab.id} step {step.id}: proven against {proof.wrong} wrong and "
                f"{proof.right} right fixture(s) ({verdict})"
            )
    reset_cloud(endpoint)
    for step in lab.steps:
        solved = solve_step(lab, step, endpoint)
        if not solved.ok:
            problems.append(
                f"labs/{lab.id}/lab.yaml:{step.line} step {step.id!r}: its solution failed "
                f"when the lab is solved in order:\n{solved.output.strip()}"
            )
            return problems
        wait_until_passed(lab, step, endpoint, solved.answer, settle)
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
    root: Path | None = None,
    live: bool = True,
    progress: Callable[[str], None] = print,
    labs: list[str] | None = None,
) -> Report:
    """Validate all content, and (when ``live``) every lab (or those in ``labs``) on a private
    embedded cloud."""
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
    from courseware.course.syllabus import check_systems

    system_problems, system_notes = check_systems(course)
    report.problems.extend(str(p) for p in system_problems)
    report.notes.extend(system_notes)
    unknown = sorted(set(labs or []) - {lab.id for lab in course.labs})
    report.problems.extend(f"--lab {lab_id}: there is no such lab" for lab_id in unknown)
    for lab in course.labs:
        report.problems.extend(missing_fixtures(lab))
    if not live or report.problems:
        return report
    from courseware.cloud.server import EmbeddedCloud

    cloud = EmbeddedCloud(port=0)
    endpoint = cloud.start()
    try:
        for lab in course.labs:
            if labs and lab.id not in labs:
                continue
            reset_cloud(endpoint)
            began = time.monotonic()
            problems = [
                p
                for p in validate_lab(lab, endpoint, progress=progress)
                if p not in report.problems
            ]
            report.problems.extend(problems)
            if not problems:
                progress(
                    f"lab {lab.id}: every step fails on its wrong states and passes on its right ones ({time.monotonic() - began:.1f}s)"
                )
    finally:
        cloud.stop()
    return report
