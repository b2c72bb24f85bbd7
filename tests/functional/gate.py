"""A file-system gate a handler waits at, so a test proves a caller did not wait for the function.

Timing bounds ("SendMessage returned in under a second") flake on a busy machine. Instead the
handler stops at the gate until the test opens it: if the caller had waited for the handler, the
handler would have had to finish first, so ``finished()`` would already be true when it returns.
"""

from __future__ import annotations

import time
from pathlib import Path

# Pasted into handler source; ``hold(path)`` waits (up to 20 s) for the test to open the gate.
HOLD = """
import os as _os, time as _time
def hold(gate):
    open(_os.path.join(gate, "started"), "w").close()
    deadline = _time.monotonic() + 20
    while not _os.path.exists(_os.path.join(gate, "open")) and _time.monotonic() < deadline:
        _time.sleep(0.02)
    open(_os.path.join(gate, "finished"), "w").close()
"""


class Gate:
    """The test's side of the gate: a directory the handler and the test share."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = str(directory)
        self._dir = directory

    def started(self) -> bool:
        """Whether a handler has reached the gate."""
        return (self._dir / "started").exists()

    def finished(self) -> bool:
        """Whether a handler has gone through the gate."""
        return (self._dir / "finished").exists()

    def open(self) -> None:
        """Let waiting (and later) handlers through."""
        (self._dir / "open").touch()

    def wait_started(self, timeout: float = 20) -> None:
        """Block until a handler reaches the gate, or fail."""
        deadline = time.monotonic() + timeout
        while not self.started():
            if time.monotonic() > deadline:
                raise AssertionError(f"no handler reached the gate within {timeout} s")
            time.sleep(0.02)
