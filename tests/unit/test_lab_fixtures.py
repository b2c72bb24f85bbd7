"""Fixtures in lab.yaml: loaded as data, errors name the file and line, missing ones fail validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from courseware.course.errors import ContentError
from courseware.course.labs import load_lab
from courseware.course.loader import load_course
from courseware.course.proving import _answer_of, implicit_fixtures
from courseware.course.validate import missing_fixtures

STEP = """
  - id: table
    title: Create the table
    instructions: Do it.
    checks:
      - check: table_key_schema
        table: T
        partition_key: K
    solution:
      cli: ["dynamodb create-table --table-name T"]
"""


def _lab(tmp_path: Path, fixtures: str, extra: str = "") -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "make.py").write_text("print('ANSWER: 42')\n")
    path = folder / "lab.yaml"
    path.write_text(
        f"id: demo\ntitle: Demo\nsummary: A demo.\nminutes: 5\n{extra}steps:\n{STEP}{fixtures}"
    )
    return path


def test_fixtures_load_as_data(tmp_path: Path) -> None:
    lab = load_lab(
        _lab(
            tmp_path,
            """    fixtures:
      wrong:
        - name: the wrong key
          before: none
          cli: [dynamodb create-table --table-name T]
      right:
        - name: boto3
          python: make.py
        - name: by hand
          bash: ["echo hi"]
          solution: true
""",
            "next: {chapter: lambda, quiz: lambda, lab: other}\n",
        )
    )
    wrong, boto3, by_hand = lab.steps[0].fixtures
    assert (wrong.kind, wrong.name, wrong.before, wrong.cli) == (
        "wrong",
        "the wrong key",
        "none",
        ("dynamodb create-table --table-name T",),
    )
    assert (boto3.kind, boto3.python, boto3.before) == ("right", "make.py", "earlier")
    assert by_hand.bash == ("echo hi",) and by_hand.solution
    assert lab.next == {"chapter": "lambda", "quiz": "lambda", "lab": "other"}
    assert missing_fixtures(lab) == []


@pytest.mark.parametrize(
    ("fixtures", "message"),
    [
        ("    fixtures: [1]\n", "fixtures is a mapping"),
        ("    fixtures:\n      maybe: []\n", "fixtures is a mapping"),
        ("    fixtures:\n      wrong:\n        - cli: [x]\n", "with a 'name:'"),
        (
            "    fixtures:\n      right:\n        - {name: n, python: nope.py}\n",
            "'nope.py' does not exist",
        ),
        (
            "    fixtures:\n      right:\n        - {name: n, before: later}\n",
            "'before' is earlier",
        ),
        ("    fixtures:\n      right:\n        - {name: n, clii: [x]}\n", "unknown field 'clii'"),
    ],
)
def test_bad_fixtures_name_the_line(tmp_path: Path, fixtures: str, message: str) -> None:
    with pytest.raises(ContentError) as info:
        load_lab(_lab(tmp_path, fixtures))
    problems = [str(p) for p in info.value.problems]
    assert any(message in p and "lab.yaml:" in p for p in problems), problems


def test_a_step_without_fixtures_fails_validation(tmp_path: Path) -> None:
    lab = load_lab(_lab(tmp_path, ""))
    (problem,) = missing_fixtures(lab)
    assert "step 'table': declares no fixtures" in problem


def test_every_shipped_step_declares_fixtures_and_gets_the_implicit_ones() -> None:
    for lab in load_course().labs:
        assert missing_fixtures(lab) == []
        for index, step in enumerate(lab.steps):
            names = [f.name for f in implicit_fixtures(lab, step)]
            if step.kind == "resource":
                assert "all earlier steps done" in names
                assert ("the start state (nothing done)" in names) == (index > 0)


def test_a_fixture_script_gives_its_answer_on_an_answer_line() -> None:
    assert _answer_of("noise\nANSWER: 12.5 ms\nANSWER: 13 ms\n") == "13 ms"
    assert _answer_of("nothing here") is None
