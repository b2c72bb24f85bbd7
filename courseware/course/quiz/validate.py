"""Checks across quiz banks, and the entry point ``courseware validate`` calls."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from courseware.course.errors import ContentError, ContentProblem, did_you_mean
from courseware.course.quiz.bank import bank_files, load_questions
from courseware.course.quiz.model import Question
from courseware.course.quiz.profiles import load_profiles


def validate_bank(
    questions: Iterable[Question], sections: dict[str, set[str]]
) -> list[ContentProblem]:
    """Duplicate ids across banks, and chapter/section references that do not exist.

    Args:
        questions: loaded questions (from any number of bank files).
        sections: chapter id -> its section ids (from the chapter loader).
    """
    problems: list[ContentProblem] = []
    seen: dict[str, Question] = {}
    for q in questions:
        where = f"question {q.id!r}"
        first = seen.get(q.id)
        if first is not None:
            problems.append(
                ContentProblem(
                    q.path, q.line, where, f"duplicate id (first at {first.path.name}:{first.line})"
                )
            )
        else:
            seen[q.id] = q
        if q.chapter not in sections:
            problems.append(
                ContentProblem(
                    q.path,
                    q.line,
                    f"{where} field 'chapter'",
                    f"unknown chapter {q.chapter!r}" + did_you_mean(q.chapter, sections),
                )
            )
        elif q.section not in sections[q.chapter]:
            problems.append(
                ContentProblem(
                    q.path,
                    q.line,
                    f"{where} field 'section'",
                    f"chapter {q.chapter!r} has no section {q.section!r}"
                    + did_you_mean(q.section, sections[q.chapter]),
                )
            )
    return problems


def validate_quizzes(root: Path | None, sections: dict[str, set[str]]) -> list[ContentProblem]:
    """Every problem in the exam profiles and quiz banks under ``root`` (the project root).

    Empty when all is well. ``sections`` maps chapter id -> section ids.
    """
    try:
        profiles = load_profiles(root)
    except ContentError as exc:
        return list(exc.problems)
    questions, problems = load_questions(bank_files(root), profiles)
    return problems + validate_bank(questions, sections)


def validate_exam_coverage(
    root: Path | None, sections: dict[str, set[str]]
) -> tuple[list[ContentProblem], list[str]]:
    """The default exam's coverage map against the banks: (problems, summary lines).

    A course without a coverage map has nothing to check (no problems, no lines).
    """
    from courseware.course.quiz.coverage import check_coverage, coverage_summary, load_coverage
    from courseware.course.quiz.practice_exams import practice_exams

    profiles = load_profiles(root)
    profile = next((p for p in profiles.values() if p.default), None)
    coverage = load_coverage(profile.id, root) if profile else None
    if profile is None or coverage is None:
        return [], []
    questions, _ = load_questions(bank_files(root), profiles)
    problems = check_coverage(coverage, questions, sections, profile)
    notes = coverage_summary(coverage, questions, profile)
    exams = practice_exams(questions, profile)
    short = [i + 1 for i, d in enumerate(exams) if d.shortfalls]
    notes.append(
        f"  {len(exams)} practice exams of {profile.questions} distinct questions"
        + (f"; exams {short} are short of questions" if short else ", none repeats a question")
    )
    return problems, notes
