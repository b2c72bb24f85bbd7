"""Spaced-repetition cards (FSRS) kept in the progress database.

An item is a quiz question (``quiz:<question-id>``) or a lab step the learner needed the
solution for (``lab:<lab-id>/<step-id>``). A correct answer rates the card ``Good``, a wrong
one ``Again``; the card's ``due`` time says when it comes back. Fuzzing is off so the same
answers at the same times always give the same schedule.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from courseware.course.progress.clock import from_text, to_text

SCHEDULER = Scheduler(enable_fuzzing=False)


def quiz_item(question_id: str) -> str:
    """The review item id of a quiz question."""
    return f"quiz:{question_id}"


def lab_item(lab_id: str, step_id: str) -> str:
    """The review item id of a lab step."""
    return f"lab:{lab_id}/{step_id}"


def load_card(conn: sqlite3.Connection, item_id: str) -> Card | None:
    """The item's FSRS card, or None when it was never reviewed."""
    row = conn.execute("SELECT card FROM cards WHERE item_id = ?", (item_id,)).fetchone()
    return None if row is None else Card.from_dict(json.loads(row[0]))


def review(conn: sqlite3.Connection, item_id: str, correct: bool, now: datetime) -> datetime:
    """Rate the item (Good when ``correct``, else Again) at ``now``; returns when it is due.

    The caller holds the transaction.
    """
    card = load_card(conn, item_id) or Card(card_id=_card_id(item_id), due=now)
    rating = Rating.Good if correct else Rating.Again
    card, _log = SCHEDULER.review_card(card, rating, review_datetime=now)
    due: datetime = card.due
    conn.execute(
        "INSERT INTO cards (item_id, card, due, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (item_id) DO UPDATE SET card = excluded.card, due = excluded.due, "
        "updated_at = excluded.updated_at",
        (item_id, json.dumps(card.to_dict()), to_text(due), to_text(now)),
    )
    conn.execute(
        "INSERT INTO reviews (item_id, rating, reviewed_at) VALUES (?, ?, ?)",
        (item_id, int(rating), to_text(now)),
    )
    return due


def due_items(conn: sqlite3.Connection, now: datetime, prefix: str = "") -> list[str]:
    """Item ids due at ``now`` (oldest due first), optionally only those starting ``prefix``."""
    rows = conn.execute(
        "SELECT item_id FROM cards WHERE due <= ? AND item_id LIKE ? ESCAPE '\\' "
        "ORDER BY due, item_id",
        (to_text(now), _like_prefix(prefix)),
    ).fetchall()
    return [str(row[0]) for row in rows]


def next_due(conn: sqlite3.Connection) -> datetime | None:
    """The earliest due time of any card."""
    row = conn.execute("SELECT MIN(due) FROM cards").fetchone()
    return None if row[0] is None else from_text(row[0])


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%"


def _card_id(item_id: str) -> int:
    # A stable id derived from the item (FSRS only needs it to be an int).
    value = 0
    for char in item_id:
        value = (value * 131 + ord(char)) % (2**53)
    return value
