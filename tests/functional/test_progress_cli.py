"""``courseware progress`` summary, export and import, run as the learner would."""

from __future__ import annotations

import json
import os
from pathlib import Path

from courseware.course.progress import ProgressStore
from tests.functional.conftest import courseware_cli


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "COURSEWARE_HOME": str(home), "COLUMNS": "100"}


def test_summary_export_and_import_between_machines(tmp_path: Path) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    with ProgressStore(laptop / "progress.sqlite3") as store:
        store.record_step("event-driven", "table", passed=True)
        store.record_step("event-driven", "queue", passed=True, used_hint=True)
        attempt = store.start_attempt("practice")
        store.record_answer(
            attempt, "q1", chosen=["A"], correct=True, domains={"dva-c02": "security"}
        )
        store.record_answer(
            attempt, "q2", chosen=["B"], correct=False, domains={"dva-c02": "security"}
        )
        store.save_exam_result(
            "dva-c02",
            started_at=store.now(),
            correct=50,
            total=65,
            scaled=792,
            passed=True,
            by_domain={"security": (14, 17)},
        )
    shown = courseware_cli("progress", env=_env(laptop))
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "2/11" in out  # event-driven: two of its eleven steps passed
    assert "Security" in out and "1/2" in out and "50 %" in out
    assert "792/1000 PASS" in out and "50/65 correct" in out
    assert "Reviews due now: 0" in out

    export = tmp_path / "progress.json"
    done = courseware_cli("progress", "export", str(export), env=_env(laptop))
    assert done.returncode == 0, done.stderr
    data = json.loads(export.read_text())
    assert (data["format"], data["version"]) == ("courseware-progress", 1)

    done = courseware_cli("progress", "import", str(export), env=_env(desktop))
    assert done.returncode == 0, done.stderr
    with ProgressStore(desktop / "progress.sqlite3") as store:
        assert store.lab_steps("event-driven")["queue"].used_hint
        assert [e.scaled for e in store.exam_results()] == [792]
        assert store.domain_accuracy() == {"security": (1, 2)}


def test_import_rejects_a_file_that_is_not_an_export(tmp_path: Path) -> None:
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"format": "something-else", "version": 1}))
    done = courseware_cli("progress", "import", str(bad), env=_env(tmp_path / "home"))
    assert done.returncode == 1
    assert "not a courseware progress export: 'format' is 'something-else'" in done.stderr
    bad.write_text("{not json")
    done = courseware_cli("progress", "import", str(bad), env=_env(tmp_path / "home"))
    assert done.returncode == 1 and "is not JSON" in done.stderr
