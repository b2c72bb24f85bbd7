"""Exam scoring.

AWS does not publish how it scales exam scores (it uses a compensatory, equated scaling to
100-1000 with 720 to pass). This app uses a documented stand-in: a **linear map of the raw
percentage correct** onto the profile's range, ``scaled = min + (max - min) * correct / total``
rounded to the nearest whole number; 720 of 100-1000 then needs about 69 % correct. Multiple-
answer questions score all-or-nothing, as on the real exam. Unanswered questions are wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from courseware.course.quiz.model import ExamProfile, Question


@dataclass(frozen=True)
class Score:
    """An exam's result."""

    correct: int
    total: int
    scaled: int
    passed: bool
    by_domain: dict[str, tuple[int, int]]  # domain id: (correct, total), in profile order

    @property
    def percent(self) -> float:
        """Raw percentage correct."""
        return 100.0 * self.correct / self.total if self.total else 0.0


def scale(correct: int, total: int, profile: ExamProfile) -> int:
    """The linear scaled score (see the module docstring)."""
    if total <= 0:
        return profile.min_score
    span = profile.max_score - profile.min_score
    return profile.min_score + round(span * correct / total)


def score_exam(
    questions: Iterable[Question], chosen: Mapping[str, Iterable[str]], profile: ExamProfile
) -> Score:
    """Score answers (question id -> chosen letters) to the exam's questions."""
    by_domain = {d.id: (0, 0) for d in profile.domains}
    correct = total = 0
    for q in questions:
        right = q.is_correct(chosen.get(q.id, ()))
        correct += right
        total += 1
        domain = q.domains.get(profile.id)
        if domain is not None:
            had, seen = by_domain.get(domain, (0, 0))
            by_domain[domain] = (had + right, seen + 1)
    scaled = scale(correct, total, profile)
    return Score(correct, total, scaled, scaled >= profile.passing_score, by_domain)
