"""The class's grades: every learner × lab step from their own progress store, and exports.

CSV and JSON for spreadsheets and scripts; JUnit XML (one ``<testsuite>`` per learner, one
``<testcase>`` per lab step) so an LMS or a CI server can read it like a test report.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from typing import Any

from courseware.course.classroom.roster import ClassRoom, Learner
from courseware.course.model import Course
from courseware.course.progress import ProgressStore, StoreError
from courseware.course.progress.clock import to_text

SYMBOLS = {"passed": "✔", "failed": "✘", "pending": "○"}


@dataclass(frozen=True)
class StepGrade:
    """One learner's state in one lab step."""

    lab: str
    step: str
    title: str
    status: str  # passed, failed or pending (never checked)
    used_hint: bool = False
    used_solution: bool = False
    updated_at: str = ""


@dataclass(frozen=True)
class LearnerGrades:
    """Everything the instructor sees about one learner."""

    id: str
    name: str
    account: str
    steps: list[StepGrade]
    last_activity: str
    quiz: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def passed(self) -> int:
        """How many steps are passed."""
        return sum(s.status == "passed" for s in self.steps)


def learner_grades(room: ClassRoom, learner: Learner, course: Course) -> LearnerGrades:
    """Read one learner's progress store (an empty one when they have not started)."""
    steps: list[StepGrade] = []
    quiz: dict[str, tuple[int, int]] = {}
    times: list[str] = []
    try:
        with ProgressStore(room.home(learner.id) / "progress.sqlite3") as store:
            for lab in course.labs:
                done = store.lab_steps(lab.id)
                for step in lab.steps:
                    got = done.get(step.id)
                    if got is None:
                        steps.append(StepGrade(lab.id, step.id, step.title, "pending"))
                        continue
                    at = to_text(got.updated_at)
                    times.append(at)
                    steps.append(
                        StepGrade(
                            lab.id,
                            step.id,
                            step.title,
                            got.status,
                            got.used_hint,
                            got.used_solution,
                            at,
                        )
                    )
            quiz = store.domain_accuracy()
            times.extend(to_text(a.answered_at) for a in store.answers())
    except StoreError:
        steps = [
            StepGrade(lab.id, s.id, s.title, "pending") for lab in course.labs for s in lab.steps
        ]
    account = learner.creds.account_id if learner.creds else ""
    return LearnerGrades(learner.id, learner.name, account, steps, max(times, default=""), quiz)


def collect(room: ClassRoom, course: Course) -> list[LearnerGrades]:
    """Every learner's grades, in joining order."""
    return [learner_grades(room, learner, course) for learner in room.learners()]


def to_json(room: ClassRoom, rows: list[LearnerGrades]) -> str:
    """The whole report as JSON."""
    data: dict[str, Any] = {
        "class": room.name,
        "learners": [
            {**asdict(r), "quiz": {d: list(v) for d, v in r.quiz.items()}, "passed": r.passed}
            for r in rows
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_csv(rows: list[LearnerGrades]) -> str:
    """One row per learner × step."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "learner",
            "name",
            "account",
            "lab",
            "step",
            "status",
            "used_hint",
            "used_solution",
            "updated_at",
        ]
    )
    for r in rows:
        for s in r.steps:
            writer.writerow(
                [
                    r.id,
                    r.name,
                    r.account,
                    s.lab,
                    s.step,
                    s.status,
                    int(s.used_hint),
                    int(s.used_solution),
                    s.updated_at,
                ]
            )
    return out.getvalue()


def to_junit(room: ClassRoom, rows: list[LearnerGrades]) -> str:
    """JUnit XML: a test suite per learner, a test case per lab step."""
    suites = ET.Element("testsuites", name=room.name)
    for r in rows:
        failures = sum(s.status == "failed" for s in r.steps)
        skipped = sum(s.status == "pending" for s in r.steps)
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=r.name,
            id=r.id,
            tests=str(len(r.steps)),
            failures=str(failures),
            skipped=str(skipped),
            errors="0",
        )
        for s in r.steps:
            case = ET.SubElement(suite, "testcase", classname=f"{r.id}.{s.lab}", name=s.step)
            if s.status == "failed":
                ET.SubElement(case, "failure", message=f"{s.title}: not passed yet")
            elif s.status == "pending":
                ET.SubElement(case, "skipped", message=f"{s.title}: not attempted")
            help_used = "solution" if s.used_solution else "hint" if s.used_hint else ""
            if help_used:
                ET.SubElement(case, "system-out").text = f"passed with help: {help_used}"
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def export(room: ClassRoom, course: Course, fmt: str) -> str:
    """The report in ``fmt`` (csv, json or junit)."""
    rows = collect(room, course)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "json":
        return to_json(room, rows)
    if fmt == "junit":
        return to_junit(room, rows)
    raise ValueError(f"unknown export format {fmt!r} (csv, json or junit)")
