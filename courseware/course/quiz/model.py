"""Questions and exam profiles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LETTERS = "ABCDEFGHIJ"


@dataclass(frozen=True)
class Option:
    """One answer option with why it is right or wrong."""

    text: str
    explanation: str


@dataclass(frozen=True)
class Question:
    """One exam-style question; ``answers`` are option letters (``"A"``, ``"C"``).

    ``tasks`` are the DVA-C02 task statement ids (``"2.1"``) it exercises, if tagged.
    """

    id: str
    chapter: str
    section: str
    domains: dict[str, str]
    type: str
    stem: str
    options: tuple[Option, ...]
    answers: frozenset[str]
    difficulty: int
    source: str
    path: Path
    line: int
    tasks: tuple[str, ...] = ()  # DVA-C02 task statements, e.g. ("1.2",)

    @property
    def letters(self) -> str:
        """The option letters in order (``"ABCD"`` for four options)."""
        return LETTERS[: len(self.options)]

    @property
    def choose(self) -> int:
        """How many options the learner must pick."""
        return len(self.answers)

    @property
    def multiple(self) -> bool:
        """True for "choose N" questions."""
        return self.type == "multiple"

    def is_correct(self, chosen: Iterable[str]) -> bool:
        """All-or-nothing, as on the real exam: exactly the right set of letters."""
        return frozenset(chosen) == self.answers

    def option(self, letter: str) -> Option:
        """The option labelled ``letter``."""
        return self.options[LETTERS.index(letter)]


@dataclass(frozen=True)
class Domain:
    """An exam domain and its weight in percent."""

    id: str
    name: str
    weight: int


@dataclass(frozen=True)
class ExamProfile:
    """An exam's shape: its domains and weights, length, time and scoring."""

    id: str
    code: str
    name: str
    default: bool
    questions: int
    minutes: int
    passing_score: int
    min_score: int
    max_score: int
    domains: tuple[Domain, ...]

    def domain(self, domain_id: str) -> Domain | None:
        """The domain with this id, if any."""
        return next((d for d in self.domains if d.id == domain_id), None)
