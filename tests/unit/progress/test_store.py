"""The progress store: sections, lab steps, settings, location, migrations, export/import."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from courseware.course.progress import (
    SCHEMA_VERSION,
    ImportFormatError,
    ProgressStore,
    SchemaError,
    StoreError,
)
from courseware.course.progress.schema import migrate

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **kwargs: float) -> None:
        self.value += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> ProgressStore:
    return ProgressStore(tmp_path / "p.sqlite3", now=clock)


def test_default_path_is_in_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COURSEWARE_HOME", str(tmp_path / "home"))
    with ProgressStore() as s:
        assert s.path == tmp_path / "home" / "progress.sqlite3"
        s.mark_section_read("sqs", "visibility-timeout")
    mode = sqlite3.connect(tmp_path / "home" / "progress.sqlite3").execute("PRAGMA journal_mode")
    assert mode.fetchone()[0] == "wal"


def test_sections_read_survive_restart(tmp_path: Path, clock: FakeClock) -> None:
    with ProgressStore(tmp_path / "p.sqlite3", now=clock) as s:
        s.mark_section_read("sqs", "visibility-timeout")
        s.mark_section_read("sqs", "batching")
        s.mark_section_read("sqs", "batching")
        s.mark_section_read("sns", "fifo-topics")
    with ProgressStore(tmp_path / "p.sqlite3", now=clock) as s:
        assert s.sections_read("sqs") == {("sqs", "visibility-timeout"), ("sqs", "batching")}
        assert len(s.sections_read()) == 3


def test_lab_steps_keep_when_and_help_flags(store: ProgressStore, clock: FakeClock) -> None:
    store.record_step("event-driven", "table", passed=False)
    assert store.lab_steps("event-driven")["table"].status == "failed"
    clock.advance(minutes=3)
    store.record_step("event-driven", "table", passed=True, used_hint=True)
    clock.advance(minutes=3)
    store.record_step("event-driven", "table", passed=False)  # stays passed
    step = store.lab_steps("event-driven")["table"]
    assert step.status == "passed"
    assert step.passed_at == T0 + timedelta(minutes=3)
    assert step.used_hint and not step.used_solution
    assert step.display_status == "solved-with-help"
    store.record_step("event-driven", "queue", passed=True)
    assert store.lab_steps("event-driven")["queue"].display_status == "passed"
    store.reset_lab("event-driven")
    assert {s.status for s in store.lab_steps("event-driven").values()} == {"failed"}


def test_settings_and_last_location(store: ProgressStore) -> None:
    assert store.get_setting("theme", "textual-dark") == "textual-dark"
    store.set_setting("theme", "nord")
    store.set_setting("sizes", {"a": [1, 2]})
    assert store.get_setting("theme", "x") == "nord"
    assert store.get_setting("sizes") == {"a": [1, 2]}
    assert store.last_location() is None
    store.set_last_location("chapter", "sqs", "batching")
    where = store.last_location()
    assert where is not None
    assert (where.kind, where.id, where.section, where.at) == ("chapter", "sqs", "batching", T0)


def test_threads_share_a_store(store: ProgressStore) -> None:
    def work(n: int) -> None:
        for i in range(50):
            store.mark_section_read(f"c{n}", f"s{i}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.sections_read()) == 200


def test_migrates_an_old_database_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO sections_read VALUES ('sqs', 'batching', '2025-01-01T00:00:00+00:00')"
    )
    conn.close()
    with ProgressStore(path) as s:
        assert s.sections_read() == {("sqs", "batching")}
        s.start_attempt("practice")  # a table from a later migration exists
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION >= 3


def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaError, match="newer than this courseware"):
        ProgressStore(path)


def _fill(s: ProgressStore, clock: FakeClock) -> None:
    s.mark_section_read("sqs", "batching")
    s.record_step("event-driven", "trigger", passed=True, used_solution=True)
    s.set_setting("theme", "nord")
    s.set_last_location("lab", "event-driven", "trigger")
    attempt = s.start_attempt("practice", scope="chapter:sqs")
    s.record_answer(attempt, "sqs-a-1", chosen=["A"], correct=True, domains={"dva-c02": "security"})
    s.record_answer(attempt, "sqs-a-2", chosen=["B", "C"], correct=False, domains={"dva-c02": "x"})
    s.finish_attempt(attempt)
    s.save_exam_result(
        "dva-c02",
        started_at=clock() - timedelta(minutes=100),
        correct=50,
        total=65,
        scaled=812,
        passed=True,
        by_domain={"development": (20, 21)},
    )


def test_export_import_round_trip(tmp_path: Path, clock: FakeClock) -> None:
    with ProgressStore(tmp_path / "a.sqlite3", now=clock) as a:
        _fill(a, clock)
        data = json.loads(json.dumps(a.export_json()))
    assert (data["format"], data["version"]) == ("courseware-progress", 1)
    with ProgressStore(tmp_path / "b.sqlite3", now=clock) as b:
        b.set_setting("theme", "gruvbox")  # local settings win
        b.import_json(data)
        b.import_json(data)  # idempotent: merging twice adds nothing
        again = b.export_json()
        assert b.get_setting("theme") == "gruvbox"
        assert b.sections_read() == {("sqs", "batching")}
        assert b.lab_steps("event-driven")["trigger"].used_solution
        assert len(b.answers()) == 2
        assert b.domain_accuracy("dva-c02") == {"security": (1, 1), "x": (0, 1)}
        assert [e.scaled for e in b.exam_results()] == [812]
        assert b.due_items() == a_due_items(tmp_path, clock)
    for key in ("sections_read", "lab_steps", "exam_results", "cards", "reviews"):
        assert again[key] == data[key], key
    strip = [{k: v for k, v in x.items() if k != "uid"} for x in data["quiz_attempts"]]
    assert [{k: v for k, v in x.items() if k != "uid"} for x in again["quiz_attempts"]] == strip


def a_due_items(tmp_path: Path, clock: FakeClock) -> list[str]:
    with ProgressStore(tmp_path / "a.sqlite3", now=clock) as a:
        return a.due_items()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object"),
        ({"format": "anki", "version": 1}, "'format' is 'anki'"),
        ({"format": "courseware-progress", "version": 2}, "unsupported progress export version 2"),
        ({"format": "courseware-progress", "version": 1, "sections_read": [{}]}, "malformed"),
        ({"format": "courseware-progress", "version": 1, "lab_steps": 3}, "'lab_steps'"),
    ],
)
def test_import_rejects_bad_data(store: ProgressStore, data: object, message: str) -> None:
    store.mark_section_read("a", "b")
    with pytest.raises(ImportFormatError, match=message):
        store.import_json(data)
    assert store.sections_read() == {("a", "b")}


def test_a_damaged_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="is not a readable progress database"):
        ProgressStore(path)


def test_many_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "fresh.sqlite3"
    code = (
        "import sys; from pathlib import Path\n"
        "from courseware.course.progress import ProgressStore\n"
        "ProgressStore(Path(sys.argv[1])).close()\n"
    )
    for _ in range(3):  # the race is timing-dependent: a few rounds on fresh files
        db.unlink(missing_ok=True)
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True
            )
            for _ in range(6)
        ]
        errors = [p.communicate(timeout=60)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * 6, errors
