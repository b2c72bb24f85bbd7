"""What a completed lab tells the learner: time taken, help used, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from courseware.course import labstate
from courseware.course.model import Course, Lab
from courseware.course.runner import StepResult

LAB_KEY = "_lab"  # labstate's lab-wide record (when the lab was first checked)


@dataclass(frozen=True)
class Completion:
    """A finished lab's summary."""

    lab_id: str
    minutes: int | None
    hints: int
    with_hint: int
    with_solution: int
    next_steps: tuple[str, ...]

    def lines(self) -> list[str]:
        """The summary as the learner reads it."""
        took = f"in {self.minutes} min" if self.minutes is not None else ""
        help_text = (
            f"{self.hints} hint(s) opened; {self.with_hint} step(s) passed with a hint, "
            f"{self.with_solution} with the solution"
        )
        return [
            f"Lab {self.lab_id} complete {took}".rstrip() + ".",
            help_text + ".",
            *self.next_steps,
        ]


def _time(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


def next_steps(lab: Lab, course: Course | None) -> tuple[str, ...]:
    """The lab's ``next:`` section in words (chapter section, quiz, next lab)."""
    found: list[str] = []
    chapter = lab.next.get("chapter")
    if chapter:
        found_chapter = course.chapter(chapter) if course else None
        title = found_chapter.title if found_chapter else chapter
        section = lab.next.get("section")
        found.append(f"Next: read {title}" + (f" § {section}" if section else "") + ".")
    if lab.next.get("quiz"):
        found.append(f"Next: practise the {lab.next['quiz']} quiz bank (`courseware quiz`).")
    if lab.next.get("lab"):
        other = course.lab(lab.next["lab"]) if course else None
        name = other.title if other else lab.next["lab"]
        found.append(f"Next lab: {name} (courseware lab show {lab.next['lab']}).")
    return tuple(found)


def completion(
    lab: Lab, results: list[StepResult], course: Course | None = None
) -> Completion | None:
    """The summary when every step passed, else None."""
    if not results or any(r.status != "passed" for r in results):
        return None
    saved = labstate.load().get(lab.id, {})
    started = _time(saved.get(LAB_KEY, {}).get("started_at"))
    passed = [_time(saved.get(s.id, {}).get("passed_at")) for s in lab.steps]
    stamps = [p for p in passed if p is not None]
    minutes = None
    if started is not None and stamps:
        minutes = max(0, round((max(stamps) - started).total_seconds() / 60))
    steps = [saved.get(s.id, {}) for s in lab.steps]
    hints = sum(int(s.get("hints_shown", 1 if s.get("used_hint") else 0)) for s in steps)
    return Completion(
        lab.id,
        minutes,
        hints,
        sum(1 for s in steps if s.get("passed_with") == "hint"),
        sum(1 for s in steps if s.get("passed_with") == "solution"),
        next_steps(lab, course),
    )
