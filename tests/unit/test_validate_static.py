"""`courseware validate` reports broken quiz banks and chapters with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

from courseware.course.validate import validate
from courseware.paths import project_root


def _copy(tmp_path: Path) -> Path:
    for folder in ("content", "labs"):
        shutil.copytree(project_root() / folder, tmp_path / folder)
    return tmp_path


def test_shipped_content_is_valid() -> None:
    report = validate(live=False, progress=lambda _: None)
    assert report.ok, report.problems


def test_broken_quiz_bank_is_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    bank = root / "content" / "quizzes" / "sns.yaml"
    text = bank.read_text().replace("  stem: |", "  stem: broken: colon here\n  junk: |", 1)
    bank.write_text(text)
    report = validate(root, live=False, progress=lambda _: None)
    assert not report.ok
    assert any("content/quizzes/sns.yaml:" in p and "invalid YAML" in p for p in report.problems), (
        report.problems
    )


def test_question_pointing_at_a_missing_section_is_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    bank = root / "content" / "quizzes" / "sqs.yaml"
    bank.write_text(
        bank.read_text().replace("section: visibility-timeout", "section: visibility-timout", 1)
    )
    report = validate(root, live=False, progress=lambda _: None)
    assert any(
        "has no section 'visibility-timout'; did you mean 'visibility-timeout'?" in p
        for p in report.problems
    ), report.problems
