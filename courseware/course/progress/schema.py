"""The progress database's schema as ordered migration steps (``PRAGMA user_version``).

Each step moves the schema from version ``n`` to ``n + 1``; a database is brought up to
date by running, in order, every step above its ``user_version``, each in one transaction.
Never edit a released step: append a new one.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: what the learner read and did in the labs, where they were, their settings.
    """
    CREATE TABLE sections_read (
        chapter_id TEXT NOT NULL,
        section_id TEXT NOT NULL,
        read_at    TEXT NOT NULL,
        PRIMARY KEY (chapter_id, section_id)
    );
    CREATE TABLE lab_steps (
        lab_id        TEXT NOT NULL,
        step_id       TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('passed', 'failed')),
        passed_at     TEXT,
        updated_at    TEXT NOT NULL,
        used_hint     INTEGER NOT NULL DEFAULT 0,
        used_solution INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (lab_id, step_id)
    );
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: quiz attempts with their answers, and exam results.
    """
    CREATE TABLE quiz_attempts (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,
        mode        TEXT NOT NULL,
        profile     TEXT,
        scope       TEXT,
        started_at  TEXT NOT NULL,
        finished_at TEXT
    );
    CREATE TABLE quiz_answers (
        attempt_id  INTEGER NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        chosen      TEXT NOT NULL,
        correct     INTEGER NOT NULL,
        domains     TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (attempt_id, question_id)
    );
    CREATE INDEX quiz_answers_question ON quiz_answers(question_id);
    CREATE TABLE exam_results (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,
        profile     TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        correct     INTEGER NOT NULL,
        total       INTEGER NOT NULL,
        scaled      INTEGER NOT NULL,
        passed      INTEGER NOT NULL,
        by_domain   TEXT NOT NULL
    );
    """,
    # 3: spaced-repetition cards (FSRS state as JSON) and their review log.
    """
    CREATE TABLE cards (
        item_id    TEXT PRIMARY KEY,
        card       TEXT NOT NULL,
        due        TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX cards_due ON cards(due);
    CREATE TABLE reviews (
        item_id     TEXT NOT NULL,
        rating      INTEGER NOT NULL,
        reviewed_at TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(Exception):
    """The database was written by a newer courseware than this one."""


def _statements(script: str) -> list[str]:
    """Split a migration script into complete SQL statements."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply every migration step above the database's version up to ``target``.

    The version is read and the steps applied inside one ``BEGIN IMMEDIATE``
    transaction, so two processes opening a brand-new database at once take
    turns: the second sees the first's version and has nothing to do. The
    connection must be in autocommit mode (``isolation_level=None``).

    Returns:
        The version the database is at afterwards.

    Raises:
        SchemaError: the database is newer than this code knows.
    """
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise SchemaError(
            f"progress database schema v{current} is newer than this courseware "
            f"(knows v{SCHEMA_VERSION}); upgrade courseware"
        )
    if current >= target:
        return current
    conn.execute("BEGIN IMMEDIATE")  # waits (busy timeout) for another migrator to finish
    try:
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for version in range(current + 1, target + 1):
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return max(current, target)
