"""An exam simulation: a fixed deadline (no pause), flags, free navigation, then a score."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from courseware.course.progress import ProgressStore
from courseware.course.progress.clock import Clock, utc_now
from courseware.course.quiz.model import ExamProfile, Question
from courseware.course.quiz.practice import SessionError
from courseware.course.quiz.scoring import Score, score_exam


@dataclass(frozen=True)
class Reviewed:
    """One question of a submitted exam, for the review list."""

    number: int
    question: Question
    chosen: frozenset[str]
    correct: bool
    flagged: bool


@dataclass(frozen=True)
class ExamOutcome:
    """A submitted exam: the score, every answer for review, and the stored result id."""

    profile: ExamProfile
    score: Score
    review: list[Reviewed]
    started_at: datetime
    finished_at: datetime
    result_id: int | None


class ExamSession:
    """Answers can change until submit; the clock keeps running (there is no pause).

    Args:
        questions: the drawn questions.
        profile: the exam profile (scoring, default time).
        minutes: the time limit (default: the profile's, e.g. 130).
        store: where the attempt, its answers, review cards and the result go.
        now: the clock.
    """

    def __init__(
        self,
        questions: Iterable[Question],
        profile: ExamProfile,
        *,
        minutes: int | None = None,
        store: ProgressStore | None = None,
        now: Clock = utc_now,
    ) -> None:
        self.questions = list(questions)
        if not self.questions:
            raise SessionError("no questions for this exam")
        self.profile = profile
        self.store = store
        self.now = now
        self.started_at = now()
        self.deadline = self.started_at + timedelta(
            minutes=profile.minutes if minutes is None else minutes
        )
        self.index = 0
        self.chosen: dict[int, frozenset[str]] = {}
        self.flagged: set[int] = set()
        self.outcome: ExamOutcome | None = None

    @property
    def current(self) -> Question:
        """The question on screen."""
        return self.questions[self.index]

    def remaining(self) -> timedelta:
        """Time left (never negative)."""
        return max(self.deadline - self.now(), timedelta(0))

    @property
    def time_up(self) -> bool:
        """True once the deadline has passed."""
        return self.now() >= self.deadline

    def go(self, index: int) -> None:
        """Jump to question ``index`` (0-based)."""
        if not 0 <= index < len(self.questions):
            raise SessionError(f"no question {index + 1}")
        self.index = index

    def next(self) -> None:
        """The next question (stays on the last)."""
        self.index = min(self.index + 1, len(self.questions) - 1)

    def previous(self) -> None:
        """The previous question (stays on the first)."""
        self.index = max(self.index - 1, 0)

    def choose(self, letters: Iterable[str]) -> None:
        """Set the current question's answer (an empty set clears it).

        Raises:
            SessionError: submitted, time is up, or letters that are not options / too many.
        """
        if self.outcome is not None:
            raise SessionError("the exam is submitted")
        if self.time_up:
            raise SessionError("time is up; submit the exam")
        picked = frozenset(letters)
        question = self.current
        if not picked <= set(question.letters) or len(picked) > question.choose:
            raise SessionError(f"choose {question.choose} of {', '.join(question.letters)}")
        if picked:
            self.chosen[self.index] = picked
        else:
            self.chosen.pop(self.index, None)

    def toggle_flag(self) -> bool:
        """Flag / unflag the current question for review; returns the new state."""
        if self.index in self.flagged:
            self.flagged.discard(self.index)
            return False
        self.flagged.add(self.index)
        return True

    def is_answered(self, index: int) -> bool:
        """True when the question has as many options chosen as it asks for."""
        return len(self.chosen.get(index, ())) == self.questions[index].choose

    @property
    def unanswered(self) -> list[int]:
        """Indexes of questions not (fully) answered."""
        return [i for i in range(len(self.questions)) if not self.is_answered(i)]

    def submit(self) -> ExamOutcome:
        """Score the exam, store the attempt, answers, review cards and result."""
        if self.outcome is not None:
            return self.outcome
        answers = {q.id: self.chosen.get(i, frozenset()) for i, q in enumerate(self.questions)}
        score = score_exam(self.questions, answers, self.profile)
        review = [
            Reviewed(i + 1, q, answers[q.id], q.is_correct(answers[q.id]), i in self.flagged)
            for i, q in enumerate(self.questions)
        ]
        result_id = None
        if self.store is not None:
            attempt = self.store.start_attempt("exam", profile=self.profile.id)
            for item in review:
                self.store.record_answer(
                    attempt,
                    item.question.id,
                    chosen=sorted(item.chosen),
                    correct=item.correct,
                    domains=item.question.domains,
                )
            self.store.finish_attempt(attempt)
            result_id = self.store.save_exam_result(
                self.profile.id,
                started_at=self.started_at,
                correct=score.correct,
                total=score.total,
                scaled=score.scaled,
                passed=score.passed,
                by_domain=score.by_domain,
            )
        self.outcome = ExamOutcome(
            self.profile, score, review, self.started_at, self.now(), result_id
        )
        return self.outcome
