"""Quiz attempts, their answers, and exam results in the progress database."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime

from courseware.course.progress.clock import from_text, to_text
from courseware.course.progress.models import AnswerRecord, ExamResult


def start(
    conn: sqlite3.Connection, mode: str, profile: str | None, scope: str | None, now: datetime
) -> int:
    """Insert a new attempt; returns its id."""
    cursor = conn.execute(
        "INSERT INTO quiz_attempts (uid, mode, profile, scope, started_at) VALUES (?, ?, ?, ?, ?)",
        (uuid.uuid4().hex, mode, profile, scope, to_text(now)),
    )
    return int(cursor.lastrowid or 0)


def finish(conn: sqlite3.Connection, attempt_id: int, now: datetime) -> None:
    """Mark an attempt finished."""
    conn.execute(
        "UPDATE quiz_attempts SET finished_at = ? WHERE id = ?", (to_text(now), attempt_id)
    )


def answer(
    conn: sqlite3.Connection,
    attempt_id: int,
    question_id: str,
    chosen: Sequence[str],
    correct: bool,
    domains: Mapping[str, str],
    now: datetime,
) -> None:
    """Record (or replace) the answer to one question in an attempt."""
    conn.execute(
        "INSERT OR REPLACE INTO quiz_answers "
        "(attempt_id, question_id, chosen, correct, domains, answered_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            attempt_id,
            question_id,
            json.dumps(sorted(chosen)),
            int(correct),
            json.dumps(dict(domains), sort_keys=True),
            to_text(now),
        ),
    )


def answers(conn: sqlite3.Connection, question_id: str | None = None) -> list[AnswerRecord]:
    """Every recorded answer (optionally to one question), oldest first."""
    sql = "SELECT attempt_id, question_id, chosen, correct, domains, answered_at FROM quiz_answers"
    params: tuple[str, ...] = ()
    if question_id is not None:
        sql += " WHERE question_id = ?"
        params = (question_id,)
    rows = conn.execute(sql + " ORDER BY answered_at, question_id", params).fetchall()
    return [
        AnswerRecord(
            int(row[0]),
            str(row[1]),
            tuple(json.loads(row[2])),
            bool(row[3]),
            dict(json.loads(row[4])),
            from_text(row[5]),
        )
        for row in rows
    ]


def domain_accuracy(conn: sqlite3.Connection, profile: str) -> dict[str, tuple[int, int]]:
    """``{domain: (correct, answered)}`` over every answer tagged for ``profile``."""
    result: dict[str, tuple[int, int]] = {}
    for record in answers(conn):
        domain = record.domains.get(profile)
        if domain is None:
            continue
        right, total = result.get(domain, (0, 0))
        result[domain] = (right + int(record.correct), total + 1)
    return result


def save_exam(
    conn: sqlite3.Connection,
    profile: str,
    started_at: datetime,
    finished_at: datetime,
    correct: int,
    total: int,
    scaled: int,
    passed: bool,
    by_domain: Mapping[str, tuple[int, int]],
) -> int:
    """Insert an exam result; returns its id."""
    cursor = conn.execute(
        "INSERT INTO exam_results (uid, profile, started_at, finished_at, correct, total, scaled, "
        "passed, by_domain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            uuid.uuid4().hex,
            profile,
            to_text(started_at),
            to_text(finished_at),
            correct,
            total,
            scaled,
            int(passed),
            json.dumps({k: list(v) for k, v in by_domain.items()}, sort_keys=True),
        ),
    )
    return int(cursor.lastrowid or 0)


def exams(conn: sqlite3.Connection) -> list[ExamResult]:
    """Every exam result, oldest first."""
    rows = conn.execute(
        "SELECT id, profile, started_at, finished_at, correct, total, scaled, passed, by_domain "
        "FROM exam_results ORDER BY finished_at, id"
    ).fetchall()
    return [
        ExamResult(
            int(row[0]),
            str(row[1]),
            from_text(row[2]),
            from_text(row[3]),
            int(row[4]),
            int(row[5]),
            int(row[6]),
            bool(row[7]),
            {k: (int(v[0]), int(v[1])) for k, v in json.loads(row[8]).items()},
        )
        for row in rows
    ]
