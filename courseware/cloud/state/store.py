"""The state folder's life cycle: restore and replay at start, journal every change, compact.

``cloud-state.pickle`` is the last snapshot (signed; see ``snapshot``) and
``journal.sqlite`` the changes since (see ``journal``). At start the snapshot is loaded and
the journal replayed over it; while serving, every change is journaled and synced before its
answer; a thread folds the journal into a new snapshot once it is long. Reads never save.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from courseware.cloud import secrets
from courseware.cloud.state import determinism, recorder, requests, snapshot, sqs_ops
from courseware.cloud.state.journal import Journal
from courseware.cloud.state.recorder import STATE_LOCK
from courseware.cloud.state.snapshot import FILE_NAME, StateError
from courseware.paths import data_dir

log = logging.getLogger(__name__)
COMPACT_RECORDS = int(os.environ.get("COURSEWARE_STATE_COMPACT_RECORDS", "2000"))
COMPACT_BYTES = 64 * 1024 * 1024
RETRY_SECONDS = 2.0


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


def _say(message: str) -> None:
    log.warning("%s", message)
    print(f"courseware cloud: {message}", file=sys.stderr, flush=True)


class StateKeeper:
    """Restores the state folder, journals every change, and compacts it on a thread."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.restored = 0
        self.replayed = 0
        self.notes: list[str] = []
        self.journal: Journal | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._compacting = threading.Lock()
        self._problem: str | None = None  # why saving fails now (reported once)
        self._degraded = False  # journal writes failed: memory is ahead of the disk
        self._at_risk = 0

    # -- start ---------------------------------------------------------------------------

    def load(self, app: Any) -> int:
        """Restore the snapshot and replay the journal through ``app`` (before serving).

        Raises:
            StateError: the saved state does not verify or is corrupt; nothing was changed.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        for stray in snapshot.temp_files(self.folder):  # a save cut short by a crash
            stray.unlink(missing_ok=True)
            self._note(f"removed {stray.name}, left by a save that was interrupted")
        determinism.install()
        sqs_ops.install()
        seq, self.restored, extra = snapshot.restore(self.folder)
        recorder.load_all(extra)
        try:
            self.journal = Journal(self.folder, secrets.key("state"))
        except sqlite3.DatabaseError as exc:
            raise StateError(f"{self.folder / 'journal.sqlite'} is unreadable ({exc})") from None
        if seq:  # a crash between writing a snapshot and dropping what it folded in
            self.journal.truncate(seq)
        self.replayed = self._replay(app, seq)
        recorder.attach(self)
        if self.replayed:
            self._wake.set()  # fold what was replayed into a snapshot soon
        return self.restored

    def _note(self, message: str) -> None:
        self.notes.append(message)
        _say(message)

    def _replay(self, app: Any, after: int) -> int:
        assert self.journal is not None
        count = failed = 0
        recorder.set_replaying(True)
        try:
            for _, kind, body in self.journal.records(after, self._note):
                count += 1
                if kind == "req":
                    with determinism.seeded(int(body["seed"])):
                        status = requests.replay(app, body)
                    failed += not status.startswith("2")
                else:
                    try:
                        recorder.apply(kind, body)
                    except Exception as exc:  # one bad record must not lose the rest
                        failed += 1
                        log.warning("replaying a %s record failed: %s", kind, exc)
        finally:
            recorder.set_replaying(False)
        if failed:
            self._note(f"{failed} of {count} journal records could not be replayed")
        return count

    # -- serving -------------------------------------------------------------------------

    def wrap(self, app: Any) -> Callable[..., Any]:
        """The WSGI app that journals ``app``'s changes before answering."""

        def journaled(environ: dict[str, Any], start_response: Any) -> Any:
            body = b""
            if environ.get("REQUEST_METHOD") not in ("GET", "HEAD", "OPTIONS"):
                body = requests.read_body(environ)
            kind = requests.classify(environ, body)
            if kind == "read":  # never journaled; never sees a change half made
                with STATE_LOCK:
                    return _materialise(app, environ, start_response)
            if kind == "effects":
                chunks = _materialise(app, environ, start_response)
                self.sync()
                return chunks
            seed = determinism.new_seed()
            entry = requests.capture(environ, body, seed)
            status: list[str] = []

            def capture_status(line: str, headers: Any, exc_info: Any = None) -> Any:
                status.append(line)
                return start_response(line, headers, exc_info)

            with STATE_LOCK:
                with determinism.seeded(seed):
                    chunks = _materialise(app, environ, capture_status)
                if status and status[0].startswith("2"):
                    self.append("req", entry)
            self.sync()
            return chunks

        return journaled

    def append(self, kind: str, body: dict[str, Any]) -> None:
        """Journal one change (called holding the state lock); failures degrade, never raise."""
        if self.journal is None or self._degraded:
            self._at_risk += 1
            return
        try:
            self.journal.append(kind, body)
        except (sqlite3.Error, OSError) as exc:
            self._at_risk += 1
            self._fail(exc)

    def sync(self) -> None:
        """Make every journaled change durable (before a response is sent)."""
        if self.journal is None or self._degraded:
            return
        try:
            self.journal.sync()
        except OSError as exc:
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        self._degraded = True
        self._report(
            f"cannot save the cloud's state in {self.folder} ({exc}). Changes from now on are "
            "kept in memory only and are lost if the cloud stops or crashes; saving resumes by "
            "itself when there is space again"
        )

    def _report(self, problem: str) -> None:
        if self._problem is None:
            _say(problem)
        self._problem = problem
        self._wake.set()

    def status(self) -> str | None:
        """None while every change is saved; otherwise what is wrong and what is at risk."""
        if self._problem is None:
            return None
        risk = f" ({self._at_risk} change(s) not yet on disk)" if self._degraded else ""
        return self._problem + risk

    # -- compaction ----------------------------------------------------------------------

    def start(self) -> None:
        """Begin compacting in the background."""
        self._thread = threading.Thread(target=self._loop, name="cloud-state", daemon=True)
        self._thread.start()

    def _due(self) -> bool:
        journal = self.journal
        if journal is None:
            return False
        return (
            self._problem is not None
            or journal.pending_records >= COMPACT_RECORDS
            or journal.pending_bytes >= COMPACT_BYTES
        )

    def _loop(self) -> None:
        while not self._stop.is_set():
            woken = self._wake.wait(RETRY_SECONDS if self._problem else 0.5)
            self._wake.clear()
            if self._stop.is_set():
                return
            if woken or self._due():
                self.compact()

    def compact(self) -> bool:
        """Fold the journal into a new snapshot; False (reported) when it cannot be written."""
        with self._compacting:
            journal = self.journal
            if journal is None or self._stop.is_set():
                return False
            was_degraded, at_risk = self._degraded, 0
            try:
                with STATE_LOCK:  # no change is half done while the copy is made
                    seq = journal.last_seq
                    data = _capture(seq)
                    self._degraded, at_risk, self._at_risk = False, self._at_risk, 0
                snapshot.write(self.folder, data)
                journal.truncate(seq)
            except (OSError, sqlite3.Error, RuntimeError) as exc:
                if was_degraded:
                    self._degraded = True
                    self._at_risk += at_risk
                self._degraded = self._degraded or isinstance(exc, sqlite3.Error)
                self._report(f"cannot save the cloud's state in {self.folder} ({exc})")
                return False
            if self._problem is not None:
                self._problem = None
                _say(f"saving the cloud's state in {self.folder} works again")
            return True

    def stop(self) -> None:
        """Stop compacting; every change is already in the journal, so this is quick."""
        self._stop.set()
        self._wake.set()
        recorder.attach(None)
        if self._compacting.acquire(timeout=1.5):
            try:
                if self.journal is not None:
                    with contextlib.suppress(OSError, sqlite3.Error):
                        self.journal.close()
                    self.journal = None
            finally:
                self._compacting.release()


def _capture(seq: int) -> bytes:
    """A snapshot of moto and of the state kept beside it (retried if a thread raced it)."""
    for attempt in range(5):
        try:
            return snapshot.capture(seq, recorder.dump_all())
        except RuntimeError:  # "changed size during iteration" from an unlocked writer
            if attempt == 4:
                raise
            time.sleep(0.01)
    raise AssertionError("unreachable")


def _materialise(app: Any, environ: dict[str, Any], start_response: Any) -> list[bytes]:
    result = app(environ, start_response)
    try:
        return list(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()


__all__ = ["FILE_NAME", "StateError", "StateKeeper", "default_state_dir", "move_aside", "wipe"]
