"""Practice and review sessions: one question at a time with immediate feedback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from courseware.course.progress import ProgressStore
from courseware.course.progress.clock import Clock, utc_now
from courseware.course.quiz.model import Question


class SessionError(Exception):
    """An action the session does not allow now (answering twice, after time is up...)."""


@dataclass(frozen=True)
class Feedback:
    """What the learner sees after answering: right or wrong, why, where to read more."""

    question: Question
    chosen: frozenset[str]
    correct: bool
    next_due: datetime | None

    @property
    def explanations(self) -> list[tuple[str, str, bool, bool]]:
        """``(letter, explanation, is_answer, was_chosen)`` for every option."""
        return [
            (letter, option.explanation, letter in self.question.answers, letter in self.chosen)
            for letter, option in zip(self.question.letters, self.question.options, strict=True)
        ]

    @property
    def link(self) -> tuple[str, str]:
        """``(chapter_id, section_id)`` to read about it."""
        return self.question.chapter, self.question.section


class PracticeSession:
    """Questions in order; each answer is checked at once, stored and scheduled for review.

    Args:
        questions: the questions to ask, in order.
        store: where answers go (None: nothing is stored).
        mode: ``practice`` or ``review`` (stored with the attempt).
        scope: what was chosen, e.g. ``chapter:sqs`` or ``domain:dva-c02/security``.
        minutes: an optional time limit (practice may be timed; None = untimed).
        now: the clock (tests pass a fixed one).
    """

    def __init__(
        self,
        questions: Iterable[Question],
        *,
        store: ProgressStore | None = None,
        mode: str = "practice",
        scope: str | None = None,
        minutes: int | None = None,
        now: Clock = utc_now,
    ) -> None:
        self.questions = list(questions)
        if not self.questions:
            raise SessionError("no questions to practise")
        self.store = store
        self.now = now
        self.started_at = now()
        self.deadline = None if minutes is None else self.started_at + timedelta(minutes=minutes)
        self.index = 0
        self.feedback: dict[int, Feedback] = {}
        self.attempt_id = store.start_attempt(mode, scope=scope) if store else None

    @property
    def current(self) -> Question:
        """The question being asked."""
        return self.questions[self.index]

    @property
    def finished(self) -> bool:
        """True when every question has been answered (or time is up)."""
        return len(self.feedback) == len(self.questions) or self.time_up

    @property
    def time_up(self) -> bool:
        """True once a timed session's time has run out."""
        return self.deadline is not None and self.now() >= self.deadline

    def remaining(self) -> timedelta | None:
        """Time left, or None when untimed."""
        if self.deadline is None:
            return None
        return max(self.deadline - self.now(), timedelta(0))

    def answer(self, chosen: Iterable[str]) -> Feedback:
        """Check the learner's letters for the current question.

        Raises:
            SessionError: already answered, time is up, or the wrong number of options.
        """
        question = self.current
        picked = frozenset(chosen)
        if self.index in self.feedback:
            raise SessionError("this question is already answered")
        if self.time_up:
            raise SessionError("time is up")
        if len(picked) != question.choose or not picked <= set(question.letters):
            raise SessionError(f"choose {question.choose} of {', '.join(question.letters)}")
        correct = question.is_correct(picked)
        due = None
        if self.store is not None and self.attempt_id is not None:
            due = self.store.record_answer(
                self.attempt_id,
                question.id,
                chosen=sorted(picked),
                correct=correct,
                domains=question.domains,
            )
            if len(self.feedback) + 1 == len(self.questions):
                self.store.finish_attempt(self.attempt_id)
        result = Feedback(question, picked, correct, due)
        self.feedback[self.index] = result
        return result

    def next(self) -> bool:
        """Move to the next question; False when there is none."""
        if self.index + 1 >= len(self.questions):
            return False
        self.index += 1
        return True

    @property
    def correct_count(self) -> int:
        """Questions answered correctly so far."""
        return sum(f.correct for f in self.feedback.values())


def due_questions(store: ProgressStore, questions: Iterable[Question]) -> list[Question]:
    """The questions whose review card is due now (missed ones come back), soonest first."""
    by_item = {f"quiz:{q.id}": q for q in questions}
    return [by_item[item] for item in store.due_items("quiz:") if item in by_item]
