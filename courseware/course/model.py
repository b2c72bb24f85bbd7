"""The course's content model: chapters with sections, labs with steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Section:
    """A ``##`` (or ``###``) part of a chapter; its id is the heading's GitHub slug."""

    id: str
    title: str
    level: int
    line: int
    text: str
    parent: str | None = None


@dataclass(frozen=True)
class Chapter:
    """One chapter of study notes."""

    id: str
    title: str
    order: int
    summary: str
    labs: tuple[str, ...]
    sources: tuple[str, ...]
    body: str
    sections: tuple[Section, ...]
    path: Path

    def section(self, section_id: str) -> Section | None:
        """The section with this id, if any."""
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class CheckSpec:
    """A named check from the library with its parameters."""

    name: str
    params: dict[str, Any]
    line: int = 0


@dataclass(frozen=True)
class Solution:
    """How to complete a step: AWS CLI lines (run via ``courseware aws``) or a Python file."""

    cli: tuple[str, ...] = ()
    python: str | None = None
    answer: CheckSpec | None = None  # knowledge steps: the probe whose value is the answer

    def describe(self) -> str:
        """The solution as a learner would type it."""
        if self.python:
            return f"python {self.python}"
        if self.cli:
            return "\n".join(f"courseware aws {line}" for line in self.cli)
        return "(answer the question from what you see in the cloud)"


@dataclass(frozen=True)
class Step:
    """One step of a lab."""

    id: str
    title: str
    instructions: str
    checks: tuple[CheckSpec, ...]
    hints: tuple[str, ...]
    solution: Solution | None
    kind: str = "resource"  # or "knowledge"
    question: str = ""
    answer_from: CheckSpec | None = None
    line: int = 0
    fixtures: tuple[Any, ...] = ()  # courseware.course.fixtures.Fixture


@dataclass(frozen=True)
class Resource:
    """Something a lab creates, deleted by ``lab reset``."""

    type: str
    name: str


@dataclass(frozen=True)
class Lab:
    """A hands-on lab: ordered steps checked against the live cloud."""

    id: str
    title: str
    summary: str
    chapters: tuple[str, ...]
    minutes: int
    steps: tuple[Step, ...]
    path: Path
    resources: tuple[Resource, ...] = ()
    runtimes: tuple[str, ...] = ("python", "node")
    next: dict[str, str] = field(default_factory=dict)  # chapter, section, quiz, lab

    def step(self, step_id: str) -> Step | None:
        """The step with this id, if any."""
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass(frozen=True)
class Course:
    """Everything the app teaches, in the manifest's order."""

    format_version: int
    chapters: tuple[Chapter, ...]
    labs: tuple[Lab, ...]
    quiz_files: tuple[Path, ...]
    root: Path
    extra: dict[str, Any] = field(default_factory=dict)

    def chapter(self, chapter_id: str) -> Chapter | None:
        """The chapter with this id, if any."""
        return next((c for c in self.chapters if c.id == chapter_id), None)

    def lab(self, lab_id: str) -> Lab | None:
        """The lab with this id, if any."""
        return next((lab for lab in self.labs if lab.id == lab_id), None)
