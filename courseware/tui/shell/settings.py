"""The app's own settings (theme, last lab), a small JSON file in the data dir."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from courseware.paths import data_dir


def settings_path() -> Path:
    """Where the settings live."""
    return data_dir() / "settings.json"


def load() -> dict[str, Any]:
    """The saved settings; an unreadable file counts as empty (it is rewritten on save)."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> None:
    """Merge ``changes`` into the settings, written atomically."""
    data = load()
    data.update(changes)
    path = settings_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
