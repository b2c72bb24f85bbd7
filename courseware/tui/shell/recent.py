"""The consoles the learner opened last, first in the Services picker (kept in the settings)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from courseware.tui.shell import settings
from courseware.tui.shell.navigation import Console

KEEP = 5  # how many recent consoles are remembered


def recent_ids() -> list[str]:
    """The ids of the recently opened consoles, the latest first."""
    saved = settings.load().get("recent_consoles")
    return [x for x in saved if isinstance(x, str)] if isinstance(saved, list) else []


def remember(console_id: str) -> None:
    """Put ``console_id`` first among the recent consoles."""
    ids = [console_id, *(x for x in recent_ids() if x != console_id)]
    settings.save(recent_consoles=ids[:KEEP])


def ranked(consoles: Iterable[Console], recent: Sequence[str], query: str = "") -> list[Console]:
    """The consoles matching ``query``: the recent ones first (latest first), then the rest in order."""
    found = [c for c in consoles if c.matches(query)]
    position = {console_id: n for n, console_id in enumerate(recent)}
    return sorted(found, key=lambda c: position.get(c.id, len(position)))
