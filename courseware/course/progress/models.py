"""Plain records the progress store hands out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class StepProgress:
    """What the learner did in one lab step.

    ``status`` is ``"passed"`` once the step's checks passed (it stays passed until the lab
    is reset) or ``"failed"`` when checks ran and failed.
    """

    step_id: str
    status: str
    passed_at: datetime | None
    updated_at: datetime
    used_hint: bool = False
    used_solution: bool = False

    @property
    def display_status(self) -> str:
        """``passed``, ``failed`` or ``solved-with-help`` (passed after a hint or solution)."""
        if self.status == "passed" and (self.used_hint or self.used_solution):
            return "solved-with-help"
        return self.status


@dataclass(frozen=True)
class Location:
    """Where the learner was: ``kind`` is e.g. ``chapter``, ``lab`` or ``quiz``."""

    kind: str
    id: str
    section: str | None
    at: datetime


@dataclass(frozen=True)
class AnswerRecord:
    """One answered question in a quiz attempt."""

    attempt_id: int
    question_id: str
    chosen: tuple[str, ...]
    correct: bool
    domains: dict[str, str]
    answered_at: datetime


@dataclass(frozen=True)
class ExamResult:
    """A finished exam simulation."""

    id: int
    profile: str
    started_at: datetime
    finished_at: datetime
    correct: int
    total: int
    scaled: int
    passed: bool
    by_domain: dict[str, tuple[int, int]] = field(default_factory=dict)
