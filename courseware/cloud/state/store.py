"""The state folder's life cycle: restore at start, save periodically and at stop, reset."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from pathlib import Path

from courseware.cloud.state.snapshot import FILE_NAME, StateError, restore, save
from courseware.paths import data_dir

SAVE_EVERY_SECONDS = 5.0


def default_state_dir() -> Path:
    """``<data dir>/cloud-state``."""
    return data_dir() / "cloud-state"


def move_aside(folder: Path) -> Path:
    """Keep a bad state folder for inspection instead of deleting it; returns its new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder.with_name(f"{folder.name}.broken-{stamp}")
    folder.rename(target)
    return target


def wipe(folder: Path) -> bool:
    """Delete a state folder; True when there was one."""
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True


class StateKeeper:
    """Restores the state folder, then saves it while requests keep coming, and at stop."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.restored = 0
        self._dirty = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def load(self) -> int:
        """Restore saved state (before the server answers requests).

        Raises:
            StateError: the saved state is corrupt; nothing was changed.
        """
        self.restored = restore(self.folder)
        return self.restored

    def touch(self) -> None:
        """Note that a request may have changed something."""
        self._dirty.set()

    def start(self) -> None:
        """Begin periodic saving."""
        self._thread = threading.Thread(target=self._loop, name="cloud-state", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(SAVE_EVERY_SECONDS):
            if self._dirty.is_set():
                self.save()

    def save(self) -> bool:
        """Write the state now; a failure is reported on stderr, never raised."""
        with self._lock:
            self._dirty.clear()
            try:
                save(self.folder)
            except Exception as exc:  # keep serving; the previous snapshot stays intact
                print(
                    f"courseware cloud: could not save state to {self.folder}: {exc}",
                    file=sys.stderr,
                )
                return False
            return True

    def stop(self) -> None:
        """Stop the saver and write a final snapshot."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.save()


__all__ = ["FILE_NAME", "StateError", "StateKeeper", "default_state_dir", "move_aside", "wipe"]
