"""The seam between what changes state and the journal that keeps it.

Everything that changes the cloud's state outside a recorded HTTP request (an SQS message
sent, received or deleted by a poller, an accepted async invocation, a log line, a stream
poller's checkpoint) calls :func:`record` while it holds :data:`STATE_LOCK`, so a snapshot
taken under the same lock never sees half a change and every change after it has a journal
record. Each kind of record has an applier (``register``) that redoes it at start, and may
have a dumper/loader pair for state that lives outside moto's backends (kept in snapshots).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

STATE_LOCK = threading.RLock()


class Sink(Protocol):
    """Where records go (the journal)."""

    def append(self, kind: str, body: dict[str, Any]) -> None:
        """Append one record (durable after the next sync)."""


@dataclass
class _Kind:
    apply: Callable[[dict[str, Any]], None]
    dump: Callable[[], Any] | None = None
    load: Callable[[Any], None] | None = None


_kinds: dict[str, _Kind] = {}
_sink: list[Sink] = []
_replaying = threading.Event()


def register(
    kind: str,
    apply: Callable[[dict[str, Any]], None],
    dump: Callable[[], Any] | None = None,
    load: Callable[[Any], None] | None = None,
) -> None:
    """Declare a record kind: how to redo one record, and optionally how to snapshot its state."""
    _kinds[kind] = _Kind(apply, dump, load)


def attach(sink: Sink | None) -> None:
    """Send records to ``sink`` from now on (None: keep nothing, as with ``--no-state``)."""
    _sink.clear()
    if sink is not None:
        _sink.append(sink)


def active() -> bool:
    """True when records are kept (a state folder is in use and nothing is being replayed)."""
    return bool(_sink) and not _replaying.is_set()


def record(kind: str, body: dict[str, Any]) -> None:
    """Journal one change (the caller holds :data:`STATE_LOCK` around the change and this)."""
    if _sink and not _replaying.is_set():
        _sink[0].append(kind, body)


def replaying() -> bool:
    """True while the journal is being replayed: side effects of replayed requests are skipped."""
    return _replaying.is_set()


def set_replaying(on: bool) -> None:
    """Mark the start or end of a replay."""
    if on:
        _replaying.set()
    else:
        _replaying.clear()


def apply(kind: str, body: dict[str, Any]) -> None:
    """Redo one record.

    Raises:
        KeyError: no plugin registered ``kind``.
    """
    _kinds[kind].apply(body)


def dump_all() -> dict[str, Any]:
    """The state kept outside moto (for a snapshot), per kind."""
    return {name: k.dump() for name, k in _kinds.items() if k.dump is not None}


def load_all(saved: dict[str, Any]) -> None:
    """Restore what :func:`dump_all` returned."""
    for name, value in saved.items():
        kind = _kinds.get(name)
        if kind is not None and kind.load is not None:
            kind.load(value)
