"""The learner's progress: one SQLite database in the data dir (WAL mode, migrated schema).

One connection guarded by a re-entrant lock, so the Textual app's worker threads may share a
store. Every write is one transaction: a crash (even SIGKILL) mid-write leaves the last
committed state intact (WAL with ``synchronous=NORMAL`` is durable across process crashes;
only a power cut may lose the latest commits).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from courseware.course.progress import attempts, cards, transfer
from courseware.course.progress.clock import Clock, from_text, to_text, utc_now
from courseware.course.progress.models import (
    AnswerRecord,
    ExamResult,
    Location,
    StepProgress,
)
from courseware.course.progress.schema import migrate

FILE_NAME = "progress.sqlite3"


class StoreError(Exception):
    """The progress database cannot be used (damaged, or not a database at all)."""


_LOCATION_KEY = "_last_location"


def default_path() -> Path:
    """``data_dir()/progress.sqlite3``."""
    from courseware.paths import data_dir

    return data_dir() / FILE_NAME


class ProgressStore:
    """Sections read, lab steps, quiz attempts, exam results, review cards and settings."""

    def __init__(self, path: Path | None = None, *, now: Clock = utc_now) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.now = now
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            self.path, timeout=10.0, isolation_level=None, check_same_thread=False
        )
        self._conn.row_factory = sqlite3.Row
        try:
            _wal(self._conn)
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            with self._lock:
                migrate(self._conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            raise StoreError(
                f"{self.path} is not a readable progress database ({exc}); "
                "move it aside to start afresh, or restore it from an export"
            ) from None

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self._conn.execute(sql, params).fetchall())

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` result (``"ok"`` when healthy)."""
        return str(self._read("PRAGMA integrity_check")[0][0])

    # Sections ---------------------------------------------------------------------------
    def mark_section_read(self, chapter_id: str, section_id: str) -> None:
        """Remember that a section was read (the first time counts)."""
        with self._tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO sections_read VALUES (?, ?, ?)",
                (chapter_id, section_id, to_text(self.now())),
            )

    def sections_read(self, chapter_id: str | None = None) -> set[tuple[str, str]]:
        """``{(chapter_id, section_id)}`` read, optionally for one chapter."""
        if chapter_id is None:
            rows = self._read("SELECT chapter_id, section_id FROM sections_read")
        else:
            rows = self._read(
                "SELECT chapter_id, section_id FROM sections_read WHERE chapter_id = ?",
                (chapter_id,),
            )
        return {(str(r[0]), str(r[1])) for r in rows}

    # Labs -------------------------------------------------------------------------------
    def record_step(
        self,
        lab_id: str,
        step_id: str,
        *,
        passed: bool,
        used_hint: bool = False,
        used_solution: bool = False,
    ) -> None:
        """Record a check of a lab step. Passed is sticky until :meth:`reset_lab`.

        Hint and solution flags are sticky too. The first time a step needs its solution it
        becomes a review card (``lab:<lab>/<step>``, rated Again); when the step turns passed
        again after :meth:`reset_lab` without the solution, the card is rated Good.
        """
        now = self.now()
        with self._tx() as conn:
            row = conn.execute(
                "SELECT status, used_hint, used_solution FROM lab_steps "
                "WHERE lab_id = ? AND step_id = ?",
                (lab_id, step_id),
            ).fetchone()
            was_passed = row is not None and row["status"] == "passed"
            hint = used_hint or (row is not None and bool(row["used_hint"]))
            solution = used_solution or (row is not None and bool(row["used_solution"]))
            status = "passed" if passed or was_passed else "failed"
            if row is not None and (status, hint, solution) == (
                row["status"],
                bool(row["used_hint"]),
                bool(row["used_solution"]),
            ):
                return  # an auto re-check that changes nothing writes nothing
            conn.execute(
                "INSERT INTO lab_steps VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                "status = excluded.status, passed_at = COALESCE(passed_at, excluded.passed_at), "
                "updated_at = excluded.updated_at, used_hint = excluded.used_hint, "
                "used_solution = excluded.used_solution",
                (
                    lab_id,
                    step_id,
                    status,
                    to_text(now) if status == "passed" else None,
                    to_text(now),
                    int(hint),
                    int(solution),
                ),
            )
            item = cards.lab_item(lab_id, step_id)
            has_card = cards.load_card(conn, item) is not None
            if used_solution and not (row is not None and bool(row["used_solution"])):
                cards.review(conn, item, False, now)
            elif has_card and passed and not was_passed and not solution:
                cards.review(conn, item, True, now)  # done again without the solution

    def lab_steps(self, lab_id: str) -> dict[str, StepProgress]:
        """``{step_id: StepProgress}`` for every recorded step of a lab."""
        rows = self._read("SELECT * FROM lab_steps WHERE lab_id = ?", (lab_id,))
        return {
            str(r["step_id"]): StepProgress(
                str(r["step_id"]),
                str(r["status"]),
                from_text(r["passed_at"]) if r["passed_at"] else None,
                from_text(r["updated_at"]),
                bool(r["used_hint"]),
                bool(r["used_solution"]),
            )
            for r in rows
        }

    def reset_lab(self, lab_id: str) -> None:
        """Forget a lab's step progress (its review cards stay)."""
        with self._tx() as conn:
            conn.execute(
                "UPDATE lab_steps SET status = 'failed', passed_at = NULL, used_hint = 0, "
                "used_solution = 0, updated_at = ? WHERE lab_id = ?",
                (to_text(self.now()), lab_id),
            )

    # Location and settings ----------------------------------------------------------------
    def set_last_location(self, kind: str, id: str, section: str | None = None) -> None:
        """Remember where the learner is, for "continue where you left off"."""
        value = {"kind": kind, "id": id, "section": section, "at": to_text(self.now())}
        self.set_setting(_LOCATION_KEY, value)

    def last_location(self) -> Location | None:
        """Where the learner last was, or None."""
        value = self.get_setting(_LOCATION_KEY, None)
        if not isinstance(value, dict):
            return None
        return Location(value["kind"], value["id"], value.get("section"), from_text(value["at"]))

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable setting (e.g. ``theme``)."""
        text = json.dumps(value)
        with self._tx() as conn:
            conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, text))

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A stored setting, or ``default``."""
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default

    # Quizzes and exams --------------------------------------------------------------------
    def start_attempt(
        self, mode: str, *, profile: str | None = None, scope: str | None = None
    ) -> int:
        """Begin a quiz attempt (``practice``, ``review`` or ``exam``); returns its id."""
        with self._tx() as conn:
            return attempts.start(conn, mode, profile, scope, self.now())

    def record_answer(
        self,
        attempt_id: int,
        question_id: str,
        *,
        chosen: Sequence[str],
        correct: bool,
        domains: Mapping[str, str],
        schedule: bool = True,
    ) -> datetime | None:
        """Record an answer; when ``schedule``, rate the question's review card.

        Returns:
            When the question is next due for review (None when not scheduled).
        """
        now = self.now()
        with self._tx() as conn:
            attempts.answer(conn, attempt_id, question_id, chosen, correct, domains, now)
            if schedule:
                return cards.review(conn, cards.quiz_item(question_id), correct, now)
        return None

    def finish_attempt(self, attempt_id: int) -> None:
        """Mark an attempt finished."""
        with self._tx() as conn:
            attempts.finish(conn, attempt_id, self.now())

    def answers(self, question_id: str | None = None) -> list[AnswerRecord]:
        """Every recorded answer, optionally to one question."""
        with self._lock:
            return attempts.answers(self._conn, question_id)

    def domain_accuracy(self, profile: str = "dva-c02") -> dict[str, tuple[int, int]]:
        """``{domain: (correct, answered)}`` over all answers for an exam profile."""
        with self._lock:
            return attempts.domain_accuracy(self._conn, profile)

    def save_exam_result(
        self,
        profile: str,
        *,
        started_at: datetime,
        correct: int,
        total: int,
        scaled: int,
        passed: bool,
        by_domain: Mapping[str, tuple[int, int]],
    ) -> int:
        """Store a finished exam; returns its id."""
        with self._tx() as conn:
            return attempts.save_exam(
                conn, profile, started_at, self.now(), correct, total, scaled, passed, by_domain
            )

    def exam_results(self) -> list[ExamResult]:
        """Every exam result, oldest first."""
        with self._lock:
            return attempts.exams(self._conn)

    # Review cards ---------------------------------------------------------------------------
    def review(self, item_id: str, correct: bool) -> datetime:
        """Rate a review item now (Good / Again); returns when it is due next."""
        with self._tx() as conn:
            return cards.review(conn, item_id, correct, self.now())

    def card_due(self, item_id: str) -> datetime | None:
        """When the item is due, or None when it has no card."""
        rows = self._read("SELECT due FROM cards WHERE item_id = ?", (item_id,))
        return from_text(rows[0][0]) if rows else None

    def due_items(self, prefix: str = "") -> list[str]:
        """Item ids due now, e.g. ``prefix="quiz:"`` for questions only."""
        with self._lock:
            return cards.due_items(self._conn, self.now(), prefix)

    def next_due(self) -> datetime | None:
        """The earliest due time of any review card."""
        with self._lock:
            return cards.next_due(self._conn)

    # Export / import ------------------------------------------------------------------------
    def export_json(self) -> dict[str, Any]:
        """Everything as versioned JSON-ready data (``format``, ``version`` 1)."""
        with self._lock:
            return transfer.export(self._conn, self.now())

    def import_json(self, data: object) -> None:
        """Merge an export into this store.

        Raises:
            transfer.ImportFormatError: wrong format or version, or malformed (nothing merged).
        """
        checked = transfer.check_header(data)
        with self._tx() as conn:
            transfer.merge(conn, checked)


def _wal(conn: sqlite3.Connection, attempts: int = 100) -> None:
    """Switch to WAL, retrying while another process holds the new file.

    Changing the journal mode needs the database to itself, and SQLite answers "database is
    locked" at once (without its busy timeout) when another process is creating the same new
    database; retrying for up to ~5 s lets many processes open one store together.
    """
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)
