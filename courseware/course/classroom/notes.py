"""Notes the instructor broadcasts to every learner of a class (``notes.json`` in its folder)."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def _path(folder: Path) -> Path:
    return folder / "notes.json"


def notes(folder: Path) -> list[dict[str, str]]:
    """Every note, oldest first (``{"at": ISO time, "text": ...}``)."""
    try:
        data = json.loads(_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [n for n in data if isinstance(n, dict)] if isinstance(data, list) else []


def add_note(folder: Path, text: str) -> dict[str, str]:
    """Append a note (refusing an empty one) and return it."""
    text = text.strip()
    if not text:
        raise ValueError("a note needs some text")
    note = {"at": datetime.now(UTC).isoformat(timespec="microseconds"), "text": text[:500]}
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".notes-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump([*notes(folder), note], handle, indent=1)
    os.replace(tmp, _path(folder))
    return note
