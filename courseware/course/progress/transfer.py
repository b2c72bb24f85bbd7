"""Export and import of progress as versioned JSON (move machines, hand in to an instructor).

Import merges: sections read and lab flags are unioned (earliest times kept), attempts and
exam results are added unless already present (matched by their ``uid``), a card is replaced
only by one reviewed more recently, and local settings win over imported ones.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from courseware.course.progress.clock import to_text

FORMAT = "courseware-progress"
VERSION = 1


class ImportFormatError(ValueError):
    """The data is not a progress export this version can read."""


def export(conn: sqlite3.Connection, now: datetime) -> dict[str, Any]:
    """Everything in the store as JSON-ready data."""

    def rows(sql: str) -> list[sqlite3.Row]:
        return list(conn.execute(sql).fetchall())

    attempts = []
    for a in rows("SELECT * FROM quiz_attempts ORDER BY id"):
        answers = conn.execute(
            "SELECT question_id, chosen, correct, domains, answered_at FROM quiz_answers "
            "WHERE attempt_id = ? ORDER BY answered_at, question_id",
            (a["id"],),
        ).fetchall()
        attempts.append(
            {
                "uid": a["uid"],
                "mode": a["mode"],
                "profile": a["profile"],
                "scope": a["scope"],
                "started_at": a["started_at"],
                "finished_at": a["finished_at"],
                "answers": [
                    {
                        "question": r["question_id"],
                        "chosen": json.loads(r["chosen"]),
                        "correct": bool(r["correct"]),
                        "domains": json.loads(r["domains"]),
                        "answered_at": r["answered_at"],
                    }
                    for r in answers
                ],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_text(now),
        "sections_read": [
            {"chapter": r["chapter_id"], "section": r["section_id"], "read_at": r["read_at"]}
            for r in rows("SELECT * FROM sections_read ORDER BY chapter_id, section_id")
        ],
        "lab_steps": [
            {
                "lab": r["lab_id"],
                "step": r["step_id"],
                "status": r["status"],
                "passed_at": r["passed_at"],
                "updated_at": r["updated_at"],
                "used_hint": bool(r["used_hint"]),
                "used_solution": bool(r["used_solution"]),
            }
            for r in rows("SELECT * FROM lab_steps ORDER BY lab_id, step_id")
        ],
        "settings": {
            r["key"]: json.loads(r["value"]) for r in rows("SELECT * FROM settings ORDER BY key")
        },
        "quiz_attempts": attempts,
        "exam_results": [
            {
                "uid": r["uid"],
                "profile": r["profile"],
                "started_at": r["started_at"],
                "finished_at": r["finished_at"],
                "correct": r["correct"],
                "total": r["total"],
                "scaled": r["scaled"],
                "passed": bool(r["passed"]),
                "by_domain": json.loads(r["by_domain"]),
            }
            for r in rows("SELECT * FROM exam_results ORDER BY id")
        ],
        "cards": [
            {
                "item": r["item_id"],
                "card": json.loads(r["card"]),
                "due": r["due"],
                "updated_at": r["updated_at"],
            }
            for r in rows("SELECT * FROM cards ORDER BY item_id")
        ],
        "reviews": [
            {"item": r["item_id"], "rating": r["rating"], "reviewed_at": r["reviewed_at"]}
            for r in rows("SELECT * FROM reviews ORDER BY reviewed_at, item_id")
        ],
    }


def check_header(data: object) -> dict[str, Any]:
    """The data as a dict once its format and version are right.

    Raises:
        ImportFormatError: not a courseware progress export, or another version.
    """
    if not isinstance(data, dict):
        raise ImportFormatError("not a courseware progress export: expected a JSON object")
    if data.get("format") != FORMAT:
        raise ImportFormatError(
            f"not a courseware progress export: 'format' is {data.get('format')!r}, "
            f"expected {FORMAT!r}"
        )
    if data.get("version") != VERSION:
        raise ImportFormatError(
            f"unsupported progress export version {data.get('version')!r}; "
            f"this courseware reads version {VERSION}"
        )
    return data


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ImportFormatError(f"field {key!r}: expected a list of objects")
    return value


def merge(conn: sqlite3.Connection, data: dict[str, Any]) -> None:
    """Merge an export into the database (the caller holds the transaction).

    Raises:
        ImportFormatError: a field is missing or has the wrong type (names it).
    """
    try:
        _merge(conn, data)
    except (KeyError, TypeError, ValueError, sqlite3.IntegrityError) as exc:
        if isinstance(exc, ImportFormatError):
            raise
        raise ImportFormatError(f"malformed progress export: {type(exc).__name__}: {exc}") from None


def _merge(conn: sqlite3.Connection, data: dict[str, Any]) -> None:
    for s in _items(data, "sections_read"):
        conn.execute(
            "INSERT INTO sections_read VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET "
            "read_at = MIN(read_at, excluded.read_at)",
            (str(s["chapter"]), str(s["section"]), str(s["read_at"])),
        )
    for s in _items(data, "lab_steps"):
        conn.execute(
            "INSERT INTO lab_steps VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "status = CASE WHEN status = 'passed' OR excluded.status = 'passed' "
            "  THEN 'passed' ELSE 'failed' END, "
            "passed_at = COALESCE(MIN(passed_at, excluded.passed_at), passed_at, "
            "  excluded.passed_at), "
            "updated_at = MAX(updated_at, excluded.updated_at), "
            "used_hint = MAX(used_hint, excluded.used_hint), "
            "used_solution = MAX(used_solution, excluded.used_solution)",
            (
                str(s["lab"]),
                str(s["step"]),
                str(s["status"]),
                s.get("passed_at"),
                str(s["updated_at"]),
                int(bool(s.get("used_hint"))),
                int(bool(s.get("used_solution"))),
            ),
        )
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise ImportFormatError("field 'settings': expected an object")
    for key, value in settings.items():
        conn.execute("INSERT OR IGNORE INTO settings VALUES (?, ?)", (str(key), json.dumps(value)))
    for a in _items(data, "quiz_attempts"):
        if conn.execute("SELECT 1 FROM quiz_attempts WHERE uid = ?", (a["uid"],)).fetchone():
            continue
        cursor = conn.execute(
            "INSERT INTO quiz_attempts (uid, mode, profile, scope, started_at, finished_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                str(a["uid"]),
                str(a["mode"]),
                a.get("profile"),
                a.get("scope"),
                str(a["started_at"]),
                a.get("finished_at"),
            ),
        )
        for r in a.get("answers", []):
            conn.execute(
                "INSERT OR REPLACE INTO quiz_answers VALUES (?, ?, ?, ?, ?, ?)",
                (
                    cursor.lastrowid,
                    str(r["question"]),
                    json.dumps(list(r["chosen"])),
                    int(bool(r["correct"])),
                    json.dumps(dict(r["domains"])),
                    str(r["answered_at"]),
                ),
            )
    for e in _items(data, "exam_results"):
        conn.execute(
            "INSERT OR IGNORE INTO exam_results (uid, profile, started_at, finished_at, correct, "
            "total, scaled, passed, by_domain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(e["uid"]),
                str(e["profile"]),
                str(e["started_at"]),
                str(e["finished_at"]),
                int(e["correct"]),
                int(e["total"]),
                int(e["scaled"]),
                int(bool(e["passed"])),
                json.dumps(dict(e["by_domain"]), sort_keys=True),
            ),
        )
    for c in _items(data, "cards"):
        conn.execute(
            "INSERT INTO cards VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET card = excluded.card, "
            "due = excluded.due, updated_at = excluded.updated_at "
            "WHERE excluded.updated_at > updated_at",
            (str(c["item"]), json.dumps(dict(c["card"])), str(c["due"]), str(c["updated_at"])),
        )
    for r in _items(data, "reviews"):
        exists = conn.execute(
            "SELECT 1 FROM reviews WHERE item_id = ? AND reviewed_at = ?",
            (str(r["item"]), str(r["reviewed_at"])),
        ).fetchone()
        if not exists:
            conn.execute(
                "INSERT INTO reviews VALUES (?, ?, ?)",
                (str(r["item"]), int(r["rating"]), str(r["reviewed_at"])),
            )
