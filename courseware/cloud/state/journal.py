"""The write-ahead journal: one authenticated record per change, durable before the answer.

SQLite in WAL mode keeps the records (``journal.sqlite`` in the state folder). Appends run
with ``synchronous=NORMAL``: a commit writes its frames to the WAL file without waiting for
the disk, and :meth:`Journal.sync` then ``fsync``\\ s the WAL once for every record appended
so far (group commit), before a request's response is sent. That is the durability of
``synchronous=FULL`` (a commit is on disk before anyone is told) at the price of one fsync
per burst instead of one per record taken under the state lock. SQLite's own frame
checksums drop a half-written transaction on open; each row also carries an HMAC
(``secrets.key("state")``) so a row that is damaged or was written by someone else ends the
replay there, and it and every row after it are deleted with a note (a torn tail).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

FILE_NAME = "journal.sqlite"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS journal ("
    "seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, body TEXT NOT NULL, mac TEXT NOT NULL)"
)


class Journal:
    """Append, sync, replay and truncate the journal of one state folder."""

    def __init__(self, folder: Path, key: bytes) -> None:
        self.path = folder / FILE_NAME
        self._key = key
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA wal_autocheckpoint=4000")
        self._db.execute(_SCHEMA)
        self._wal_fd = os.open(f"{self.path}-wal", os.O_RDONLY | os.O_CREAT, 0o600)
        self._appended = 0  # records appended by this process
        self._synced = 0
        self.pending_records = 0  # since the last truncation
        self.pending_bytes = 0
        self.last_seq = self._max_seq()
        self.sync()

    def _max_seq(self) -> int:
        row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name='journal'").fetchone()
        return int(row[0]) if row else 0

    def _mac(self, seq: int, kind: str, body: str) -> str:
        message = f"{seq}\0{kind}\0{body}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def append(self, kind: str, body: dict[str, Any]) -> int:
        """Append one record (durable once :meth:`sync` returns); returns its sequence number.

        Raises:
            sqlite3.Error: the record could not be written (e.g. the disk is full).
        """
        text = json.dumps(body, separators=(",", ":"))
        with self._lock:
            seq = self.last_seq + 1
            self._db.execute(
                "INSERT INTO journal (seq, kind, body, mac) VALUES (?, ?, ?, ?)",
                (seq, kind, text, self._mac(seq, kind, text)),
            )
            self.last_seq = seq
            self._appended += 1
            self.pending_records += 1
            self.pending_bytes += len(text)
        return seq

    def sync(self) -> None:
        """Make every record appended so far durable (one fsync covers a whole burst).

        Raises:
            OSError: the WAL could not be flushed to disk.
        """
        target = self._appended
        if self._synced >= target:
            return
        with self._sync_lock:
            if self._synced >= target:
                return
            upto = self._appended
            os.fsync(self._wal_fd)
            self._synced = upto

    def records(
        self, after: int, note: Callable[[str], None]
    ) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Yield verified records after sequence ``after``; a bad row ends them (a torn tail)."""
        rows = self._db.execute(
            "SELECT seq, kind, body, mac FROM journal WHERE seq > ? ORDER BY seq", (after,)
        )
        for seq, kind, text, mac in rows:
            body: Any = None
            if hmac.compare_digest(self._mac(seq, kind, text), str(mac)):
                try:
                    body = json.loads(text)
                except ValueError:
                    body = None
            if not isinstance(body, dict):
                dropped = self._drop_from(seq)
                note(
                    f"{self.path}: record {seq} is damaged or was not written by this install "
                    f"(a torn write); the journal was cut there ({dropped} record(s) dropped)"
                )
                return
            yield seq, kind, body

    def _drop_from(self, seq: int) -> int:
        with self._lock:
            done = self._db.execute("DELETE FROM journal WHERE seq >= ?", (seq,))
            return int(done.rowcount)

    def truncate(self, upto: int) -> None:
        """Forget records up to ``upto`` (a snapshot now holds them)."""
        with self._lock:
            self._db.execute("DELETE FROM journal WHERE seq <= ?", (upto,))
            self.pending_records = int(
                self._db.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
            )
            self.pending_bytes = 0 if self.pending_records == 0 else self.pending_bytes
            self._appended += 1  # the delete must reach the disk too
        self.sync()
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Flush and close."""
        try:
            self.sync()
        finally:
            os.close(self._wal_fd)
            self._db.close()
