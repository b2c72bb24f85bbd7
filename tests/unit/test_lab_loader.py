"""Lab and chapter files: errors name the file, line and field, with a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from courseware.course.chapters import load_chapter, slug
from courseware.course.errors import ContentError
from courseware.course.labs import load_lab
from courseware.course.loader import load_course

GOOD_STEP = """
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


def _lab(tmp_path: Path, body: str, lab_id: str = "demo") -> Path:
    folder = tmp_path / lab_id
    folder.mkdir()
    path = folder / "lab.yaml"
    path.write_text(f"id: {lab_id}\ntitle: Demo\nsummary: A demo.\nminutes: 5\nsteps:\n{body}")
    return path


def _problems(call: object) -> list[str]:
    with pytest.raises(ContentError) as info:
        call()  # type: ignore[operator]
    return [str(p) for p in info.value.problems]


def test_a_valid_lab_loads(tmp_path: Path) -> None:
    lab = load_lab(_lab(tmp_path, GOOD_STEP))
    assert [s.id for s in lab.steps] == ["table"]
    assert lab.steps[0].checks[0].params == {"table": "T", "partition_key": "K"}


def test_unknown_check_names_file_line_step_and_suggests(tmp_path: Path) -> None:
    body = GOOD_STEP.replace("check: table_key_schema", "check: table_key_shema")
    problems = _problems(lambda: load_lab(_lab(tmp_path, body)))
    assert len(problems) == 1
    assert problems[0].endswith(
        "demo/lab.yaml:11 step 'table': unknown check 'table_key_shema'; did you mean 'table_key_schema'?"
    )


def test_sqs_trigger_suggests_event_source_mapping(tmp_path: Path) -> None:
    body = GOOD_STEP.replace(
        "check: table_key_schema\n        table: T\n        partition_key: K",
        "check: sqs_trigger_mapping\n        queue: Q",
    )
    problems = _problems(lambda: load_lab(_lab(tmp_path, body)))
    assert (
        "unknown check 'sqs_trigger_mapping'; did you mean 'event_source_mapping'?" in problems[0]
    )


def test_bad_parameters_and_missing_solution(tmp_path: Path) -> None:
    body = GOOD_STEP.replace("partition_key: K", "partition: K").replace(
        '    solution:\n      cli: ["dynamodb create-table --table-name T"]\n', ""
    )
    problems = _problems(lambda: load_lab(_lab(tmp_path, body)))
    joined = "\n".join(problems)
    assert (
        "demo/lab.yaml:13 step 'table': check 'table_key_schema' has no parameter 'partition'; did you mean 'partition_key'?"
        in joined
    )
    assert "needs parameter 'partition_key'" in joined
    assert "a resource step needs a solution" in joined


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    problems = _problems(lambda: load_lab(_lab(tmp_path, GOOD_STEP + "  - id: [unclosed\n")))
    assert (
        problems[0].endswith(
            "demo/lab.yaml:17: invalid YAML: expected ',' or ']', but got '<stream end>'"
        )
        or ":1" in problems[0]
        or "invalid YAML" in problems[0]
    )


def test_knowledge_step_needs_a_known_probe(tmp_path: Path) -> None:
    body = "  - id: q\n    kind: knowledge\n    title: Q\n    instructions: Look.\n    question: What?\n    answer_from:\n      check: report_feild\n      function: f\n"
    problems = _problems(lambda: load_lab(_lab(tmp_path, body)))
    assert "unknown probe 'report_feild'; did you mean 'report_field'?" in problems[0]


CHAPTER = """---
id: demo
title: Demo chapter
order: 1
summary: A demo.
labs: [simple-lambda]
sources: ["What is AWS Lambda?"]
---
# Demo chapter

## Learning objectives
- learn

## Standard vs FIFO queues
text

### Message timers
more

## Summary
done
"""


def test_chapter_sections_use_github_slugs(tmp_path: Path) -> None:
    path = tmp_path / "01-demo.md"
    path.write_text(CHAPTER)
    chapter = load_chapter(path, ["simple-lambda"])
    assert [s.id for s in chapter.sections] == [
        "learning-objectives",
        "standard-vs-fifo-queues",
        "message-timers",
        "summary",
    ]
    assert chapter.section("message-timers").parent == "standard-vs-fifo-queues"  # type: ignore[union-attr]
    assert chapter.section("standard-vs-fifo-queues").line == 14  # type: ignore[union-attr]
    assert slug("Lambda@Edge and CloudFront") == "lambdaedge-and-cloudfront"


def test_chapter_errors_name_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "01-demo.md"
    path.write_text(
        CHAPTER.replace("labs: [simple-lambda]", "labs: [simple-lamda]")
        .replace("## Summary", "## Recap")
        .replace("order: 1", "order: first\nauthor: me")
    )
    problems = "\n".join(_problems(lambda: load_chapter(path, ["simple-lambda"])))
    assert "01-demo.md:5 field 'author': unknown field" in problems
    assert "01-demo.md:4 field 'order': must be a whole number" in problems
    assert "unknown lab 'simple-lamda'; did you mean 'simple-lambda'?" in problems
    assert "section 'summary': required section is missing" in problems


def test_the_shipped_course_loads() -> None:
    course = load_course()
    shipped = {"simple-lambda", "event-driven", "state-machine", "ship-with-sam"}
    assert shipped <= {lab.id for lab in course.labs}
    for lab in course.labs:
        assert all(step.instructions.strip() for step in lab.steps)
        assert all(step.hints for step in lab.steps), f"{lab.id}: every step has hints"
