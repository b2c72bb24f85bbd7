"""The systems map: every system the course teaches is read, done and asked (issue #18)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from courseware.course.loader import load_course
from courseware.course.model import Course
from courseware.course.quiz.model import Question
from courseware.course.syllabus import check_systems, load_systems

COURSE = load_course()

# The systems of the notes, as the issue names them: each must have a chapter section, a lab step
# and quiz questions.
REQUIRED = {
    "lambda",
    "sqs-standard",
    "sqs-fifo",
    "sqs-dead-letters",
    "sqs-delay",
    "sqs-polling",
    "sns",
    "step-functions",
    "dynamodb",
    "cloudwatch-logs",
    "iam",
    "api-gateway",
    "sam-cloudformation",
    "x-ray",
    "async-invocation",
}


# Systems of the notes whose lab is still to be written (issue #18). The test fails when one of
# them gains a full mapping and stays listed here, so this list only shrinks.
NOT_YET_DONE: set[str] = set()


def test_every_system_of_the_notes_has_a_section_a_lab_step_and_questions() -> None:
    problems, _ = check_systems(COURSE)
    assert [str(p) for p in problems] == []
    from courseware.course.quiz.bank import bank_files, load_questions
    from courseware.course.quiz.profiles import load_profiles

    questions, _ = load_questions(bank_files(COURSE.root), load_profiles(COURSE.root))
    systems = {s.id: s for s in load_systems(COURSE, questions)[0]}
    assert REQUIRED - NOT_YET_DONE - systems.keys() == set()
    assert NOT_YET_DONE & systems.keys() == set(), "mapped now: remove it from NOT_YET_DONE"
    for system in systems.values():
        assert system.sections and system.steps and system.questions, system.id


def _course_with(tmp_path: Path, systems_yaml: str) -> Course:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "course.yaml").write_text("format_version: 1\n" + systems_yaml)
    return dataclasses.replace(COURSE, root=tmp_path)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "    sections: [sqs#no-such-section]\n    steps: [event-driven/queue]\n",
            "course.yaml:4 system 'x' field 'sections': chapter 'sqs' has no section 'no-such-section'",
        ),
        (
            "    sections: [sqs#visibility-timeout]\n    steps: [event-driven/qeue]\n",
            "course.yaml:5 system 'x' field 'steps': lab 'event-driven' has no step 'qeue'; did you mean 'queue'?",
        ),
        (
            "    sections: [sqs#visibility-timeout]\n    steps: [no-lab/queue]\n",
            "system 'x' field 'steps': no lab 'no-lab' in the manifest",
        ),
        (
            "    sections: [sqs#visibility-timeout]\n",
            "system 'x' field 'steps': list at least one",
        ),
        (
            "    sections: [sqs#summary]\n    steps: [event-driven/queue]\n",
            "system 'x': no quiz question asks about its sections",
        ),
        (
            "    sections: [sqs/visibility-timeout]\n    steps: [event-driven/queue]\n",
            "'sqs/visibility-timeout' is not written as name#part",
        ),
    ],
)
def test_a_broken_reference_is_named_with_its_line(
    tmp_path: Path, entry: str, expected: str
) -> None:
    course = _course_with(tmp_path, "systems:\n  - id: x\n" + entry)
    _, problems = load_systems(course, _questions())
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]


def test_a_manifest_without_systems_is_a_problem(tmp_path: Path) -> None:
    course = _course_with(tmp_path, "")
    _, problems = load_systems(course, _questions())
    assert ["field 'systems': a list of systems is required" in str(p) for p in problems] == [True]


def _questions() -> list[Question]:
    from courseware.course.quiz.bank import bank_files, load_questions
    from courseware.course.quiz.profiles import load_profiles

    return list(load_questions(bank_files(COURSE.root), load_profiles(COURSE.root))[0])
