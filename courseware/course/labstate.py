"""What the learner has done in each lab that the cloud alone cannot show.

Knowledge answers (an observation at a moment) and whether a step was passed with a
hint or with the solution. Stored as JSON in the data dir, written atomically.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from courseware.paths import data_dir

_lock = threading.Lock()


def _path(home: Path | None = None) -> Path:
    return (home or data_dir()) / "labs.json"


def load(home: Path | None = None) -> dict[str, Any]:
    """All recorded lab state (empty when none, or when the file is unreadable).

    ``home``: another data dir (a classroom learner's), else this process's.
    """
    try:
        data = json.loads(_path(home).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, Any], home: Path | None = None) -> None:
    path = _path(home)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".labs-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    os.replace(tmp, path)


def record(lab_id: str, step_id: str, **fields: Any) -> None:
    """Merge ``fields`` into a step's record (with a timestamp)."""
    with _lock:
        data = load()
        step = data.setdefault(lab_id, {}).setdefault(step_id, {})
        step.update(fields, at=datetime.now(UTC).isoformat(timespec="seconds"))
        _save(data)


def step(lab_id: str, step_id: str) -> dict[str, Any]:
    """A step's record (empty when nothing is recorded)."""
    return dict(load().get(lab_id, {}).get(step_id, {}))


def clear(lab_id: str, home: Path | None = None) -> None:
    """Forget everything recorded for a lab (``lab reset``), in ``home`` when given."""
    with _lock:
        data = load(home)
        if data.pop(lab_id, None) is not None:
            _save(data, home)
