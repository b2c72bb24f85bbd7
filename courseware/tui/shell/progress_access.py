"""Opening the progress store from the app's threads, one at a time.

Two connections migrating a brand-new database at once can collide ("table already
exists"), so the screens open their stores through :func:`open_store`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from courseware.course.progress import ProgressStore

_OPENING = threading.Lock()


def open_store(path: Path | None = None) -> ProgressStore:
    """A new :class:`ProgressStore` (creation serialized within this process)."""
    with _OPENING:
        return ProgressStore(path)
