"""The course's systems map: each system taught, where it is read, done and asked.

``content/course.yaml`` lists under ``systems:`` every AWS system the course teaches, each with the
chapter sections that explain it (``chapter#section``), the lab steps that make the learner do it
(``lab/step``) and, through those sections, the quiz questions that ask about it::

    systems:
      - id: sqs-fifo
        name: Amazon SQS FIFO queues
        sections: [sqs#standard-vs-fifo-queues]
        steps: [fifo-ordering/group-order]

A system with no section, no step or no question, or a reference that does not resolve, is a
problem naming the manifest's line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from courseware.course.errors import ContentProblem, did_you_mean
from courseware.course.model import Course
from courseware.course.quiz.model import Question
from courseware.course.yamlfile import LineDict, LineList, load_yaml


@dataclass(frozen=True)
class System:
    """One system the course teaches and where it is taught."""

    id: str
    name: str
    sections: tuple[tuple[str, str], ...]  # (chapter id, section id)
    steps: tuple[tuple[str, str], ...]  # (lab id, step id)
    questions: tuple[str, ...]  # question ids on those sections


def load_systems(
    course: Course, questions: Iterable[Question]
) -> tuple[list[System], list[ContentProblem]]:
    """The manifest's systems with their questions, and every problem in the map."""
    path = course.root / "content" / "course.yaml"
    manifest = load_yaml(path)
    entries = manifest.get("systems") if isinstance(manifest, LineDict) else None
    if not isinstance(entries, LineList) or not entries:
        line = manifest.key_line("systems") if isinstance(manifest, LineDict) else 1
        return [], [ContentProblem(path, line, "field 'systems'", "a list of systems is required")]
    by_section: dict[tuple[str, str], list[str]] = {}
    for question in questions:
        by_section.setdefault((question.chapter, question.section), []).append(question.id)
    systems: list[System] = []
    problems: list[ContentProblem] = []
    for index, entry in enumerate(entries):
        line = entries.item_line(index)
        if not isinstance(entry, LineDict) or not isinstance(entry.get("id"), str):
            problems.append(ContentProblem(path, line, "systems", "each system needs an 'id'"))
            continue
        where = f"system {entry['id']!r}"
        found = _sections(course, entry, path, where, problems)
        steps = _steps(course, entry, path, where, problems)
        asked = tuple(q for key in found for q in by_section.get(key, []))
        if found and not asked:
            problems.append(
                ContentProblem(
                    path,
                    entry.key_line("sections"),
                    where,
                    "no quiz question asks about its sections",
                )
            )
        systems.append(
            System(str(entry["id"]), str(entry.get("name", entry["id"])), found, steps, asked)
        )
    return systems, problems


def _references(
    entry: LineDict, key: str, sep: str, path: Path, where: str, out: list[ContentProblem]
) -> list[tuple[int, str, str]]:
    values = entry.get(key)
    line = entry.key_line(key)
    if not isinstance(values, list) or not values:
        out.append(ContentProblem(path, line, f"{where} field {key!r}", "list at least one"))
        return []
    pairs = []
    for value in values:
        head, mark, tail = str(value).partition(sep)
        if not mark or not head or not tail:
            out.append(
                ContentProblem(
                    path,
                    line,
                    f"{where} field {key!r}",
                    f"{value!r} is not written as name{sep}part",
                )
            )
            continue
        pairs.append((line, head, tail))
    return pairs


def _sections(
    course: Course, entry: LineDict, path: Path, where: str, out: list[ContentProblem]
) -> tuple[tuple[str, str], ...]:
    found = []
    for line, chapter_id, section_id in _references(entry, "sections", "#", path, where, out):
        chapter = course.chapter(chapter_id)
        field = f"{where} field 'sections'"
        if chapter is None:
            known = {c.id for c in course.chapters}
            message = f"no chapter {chapter_id!r}" + did_you_mean(chapter_id, known)
            out.append(ContentProblem(path, line, field, message))
        elif chapter.section(section_id) is None:
            known = {s.id for s in chapter.sections}
            message = f"chapter {chapter_id!r} has no section {section_id!r}" + did_you_mean(
                section_id, known
            )
            out.append(ContentProblem(path, line, field, message))
        else:
            found.append((chapter_id, section_id))
    return tuple(found)


def _steps(
    course: Course, entry: LineDict, path: Path, where: str, out: list[ContentProblem]
) -> tuple[tuple[str, str], ...]:
    found = []
    for line, lab_id, step_id in _references(entry, "steps", "/", path, where, out):
        lab = course.lab(lab_id)
        field = f"{where} field 'steps'"
        if lab is None:
            known = {lab.id for lab in course.labs}
            message = f"no lab {lab_id!r} in the manifest" + did_you_mean(lab_id, known)
            out.append(ContentProblem(path, line, field, message))
        elif lab.step(step_id) is None:
            known = {s.id for s in lab.steps}
            message = f"lab {lab_id!r} has no step {step_id!r}" + did_you_mean(step_id, known)
            out.append(ContentProblem(path, line, field, message))
        else:
            found.append((lab_id, step_id))
    return tuple(found)


def check_systems(course: Course) -> tuple[list[ContentProblem], list[str]]:
    """The systems map checked against the course and its quiz banks: (problems, notes)."""
    from courseware.course.quiz.bank import bank_files, load_questions
    from courseware.course.quiz.profiles import load_profiles

    questions, _ = load_questions(bank_files(course.root), load_profiles(course.root))
    systems, problems = load_systems(course, questions)
    note = (
        f"{len(systems)} systems, each with a chapter section, a lab step and quiz questions "
        f"({sum(len(s.steps) for s in systems)} steps, {sum(len(s.questions) for s in systems)} questions)"
    )
    return problems, [] if problems else [note]
