"""Quiz bank validation: each kind of mistake is reported with file:line and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from courseware.course.quiz import load_catalog, load_profiles, validate_quizzes
from courseware.course.quiz.bank import load_questions
from tests.quizbank import SECTIONS, make_root

GOOD = """\
  - id: sqs-visibility-1
    chapter: sqs
    section: visibility-timeout
    domains: {dva-c02: troubleshooting, saa-c03: resilient}
    type: single
    stem: A function's messages are processed twice. What should you change?
    options:
      - {text: Raise the visibility timeout above the function timeout., explanation: Right.}
      - {text: Use short polling., explanation: Wrong.}
      - {text: Delete the queue., explanation: Wrong.}
    answer: A
    difficulty: 2
    source: Amazon SQS visibility timeout
"""


def _bank(tmp_path: Path, body: str) -> tuple[Path, list[str]]:
    root = make_root(tmp_path, per_domain={})
    path = root / "content" / "quizzes" / "sqs.yaml"
    path.write_text("questions:\n" + GOOD + body, encoding="utf-8")
    return path, [str(p) for p in validate_quizzes(root, SECTIONS)]


def test_a_good_bank_has_no_problems(tmp_path: Path) -> None:
    _path, problems = _bank(tmp_path, "")
    assert problems == []


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (GOOD, 15, "question 'sqs-visibility-1': duplicate id (first at sqs.yaml:2)"),
        (
            GOOD.replace("-1", "-2").replace("chapter: sqs", "chapter: sqq"),
            15,
            "field 'chapter': unknown chapter 'sqq'; did you mean 'sqs'?",
        ),
        (
            GOOD.replace("-1", "-2").replace("section: visibility-timeout", "section: visibility"),
            15,
            "field 'section': chapter 'sqs' has no section 'visibility'; did you mean 'visibility-timeout'?",
        ),
        (
            GOOD.replace("-1", "-2").replace("answer: A", "answer: E"),
            25,
            "field 'answer': 'E' does not match an option (options are A, B, C)",
        ),
        (
            GOOD.replace("-1", "-2")
            .replace("type: single", "type: multiple")
            .replace(
                "      - {text: Delete the queue., explanation: Wrong.}\n",
                "      - {text: Delete the queue., explanation: Wrong.}\n" * 3,
            )
            .replace("answer: A", "answers: [A, B]\n    choose: 3"),
            28,
            "field 'choose': 'choose: 3' does not match the 2 answers",
        ),
        (
            GOOD.replace("-1", "-2")
            .replace("type: single", "type: multiple")
            .replace("answer: A", "answers: [A, B]\n    choose: 2"),
            21,
            "field 'options': a multiple-response question needs at least 5 options "
            "(as on the exam), not 3",
        ),
        (
            GOOD.replace("-1", "-2").replace(
                "difficulty: 2", "difficulty: 2\n    tasks: ['1.2', '5.1']"
            ),
            27,
            "field 'tasks': '5.1' is not a task statement id like '2.1'",
        ),
        (
            GOOD.replace("-1", "-2").replace(
                "      - {text: Delete the queue., explanation: Wrong.}\n", ""
            ),
            21,
            "field 'options': has 2 options; a question needs 3-6",
        ),
        (
            GOOD.replace("-1", "-2").replace("troubleshooting", "debugging"),
            18,
            "field 'domains': unknown dva-c02 domain 'debugging'",
        ),
        (
            GOOD.replace("-1", "-2").replace("saa-c03", "saa-c02"),
            18,
            "field 'domains': unknown exam profile 'saa-c02'; did you mean 'saa-c03'?",
        ),
        (
            GOOD.replace("-1", "-2").replace("    source: Amazon SQS visibility timeout\n", ""),
            15,
            "field 'source': required text",
        ),
        (
            GOOD.replace("-1", "-2").replace("difficulty: 2", "difficulty: 2\n    sorce: x"),
            27,
            "field 'sorce': unknown field; did you mean 'source'?",
        ),
        (
            GOOD.replace("-1", "-2").replace("difficulty: 2", 'difficulty: 2\n    tasks: ["5.1"]'),
            27,
            "field 'tasks': '5.1' is not a task statement id like '2.1'",
        ),
        (
            GOOD.replace("-1", "-2").replace("difficulty: 2", "difficulty: 2\n    tasks: 2.1"),
            27,
            "field 'tasks': must be a list of DVA-C02 task statement ids",
        ),
        (
            GOOD.replace("-1", "-2").replace("explanation: Wrong.}", "}", 1),
            21,
            "option B (line 23) needs an explanation",
        ),
    ],
)
def test_problems_name_file_line_and_field(
    tmp_path: Path, body: str, line: int, expected: str
) -> None:
    path, problems = _bank(tmp_path, body)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{line} "), problems[0]
    assert expected in problems[0]


def test_tasks_are_optional_and_loaded(tmp_path: Path) -> None:
    root = make_root(tmp_path, per_domain={})
    path = root / "content" / "quizzes" / "sqs.yaml"
    tagged = GOOD.replace("-1", "-2").replace(
        "difficulty: 2", 'difficulty: 2\n    tasks: ["4.1", "1.2"]'
    )
    path.write_text("questions:\n" + GOOD + tagged, encoding="utf-8")
    questions, problems = load_questions([path], load_profiles(root))
    assert problems == []
    assert [q.tasks for q in questions] == [(), ("4.1", "1.2")]


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path, problems = _bank(tmp_path, "  - id: [unclosed\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:1") and "invalid YAML" in problems[0]


def test_catalog_skips_invalid_questions_and_keeps_the_problem(tmp_path: Path) -> None:
    root = make_root(tmp_path, per_domain={"security": 3})
    (root / "content" / "quizzes" / "sqs.yaml").write_text(
        textwrap.dedent(GOOD).replace("answer: A", "answer: Z"), encoding="utf-8"
    )
    catalog = load_catalog(root, with_chapters=False)
    assert len(catalog.questions) == 3
    assert [p.where for p in catalog.problems] == ["question 'sqs-visibility-1' field 'answer'"]


def test_real_exam_profiles() -> None:
    profiles = load_profiles()
    dva, saa = profiles["dva-c02"], profiles["saa-c03"]
    assert next(iter(profiles)) == "dva-c02" and dva.default and not saa.default
    assert [(d.id, d.weight) for d in dva.domains] == [
        ("development", 32),
        ("security", 26),
        ("deployment", 24),
        ("troubleshooting", 18),
    ]
    assert [(d.id, d.weight) for d in saa.domains] == [
        ("secure", 30),
        ("resilient", 26),
        ("performance", 24),
        ("cost", 20),
    ]
    for p in (dva, saa):
        assert (p.questions, p.minutes, p.passing_score, p.min_score, p.max_score) == (
            65,
            130,
            720,
            100,
            1000,
        )


def test_profile_weights_must_add_up(tmp_path: Path) -> None:
    root = make_root(tmp_path, per_domain={})
    path = root / "content" / "exams" / "dva-c02.yaml"
    path.write_text(path.read_text().replace("weight: 18", "weight: 17"))
    problems = [str(p) for p in validate_quizzes(root, SECTIONS)]
    assert problems == [f"{path}:11 field 'domains': weights add up to 99, not 100"]
