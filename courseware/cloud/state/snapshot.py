"""Snapshots: moto's backends (resources, code, messages, items, log events) in one file.

moto 5.2 has no persistence, so the region backends of the services a course uses are
pickled into one versioned file, written atomically (temporary file, fsync, rename, fsync
of the folder). Locks and conditions are recreated on load; moto's weak-reference index of
Lambda ARNs is stored as a plain mapping and rebuilt. A snapshot is a compaction of the
journal: it records the last journal sequence number it holds.

A pickle can run code when loaded, so the file is authenticated: ``CWSTATE2 <hmac>\n`` then
the pickle, the HMAC-SHA256 made with the install's ``secrets.key("state")``. A file whose
HMAC does not verify is refused before a single byte is unpickled.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import threading
import weakref
from collections import defaultdict
from pathlib import Path
from typing import Any

from courseware.cloud import secrets

FORMAT = "courseware-cloud-state"
VERSION = 2
MAGIC = b"CWSTATE2 "
SERVICES = (
    "iam",
    "lambda",
    "sqs",
    "dynamodb",
    "logs",
    "s3",
    "sns",
    "stepfunctions",
    "events",
    "sts",
)
FILE_NAME = "cloud-state.pickle"
_LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


class StateError(Exception):
    """The saved state cannot be read (corrupt, or from another version)."""


def _weak_values(items: dict[Any, Any]) -> weakref.WeakValueDictionary[Any, Any]:
    return weakref.WeakValueDictionary(items)


def _default_dict(kind: type, items: dict[Any, Any]) -> defaultdict[Any, Any]:
    return defaultdict(kind, items)


def _condition() -> threading.Condition:
    return threading.Condition()


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, threading.Condition):
            return (_condition, ())
        if isinstance(obj, _LOCK_TYPES):
            return (
                threading.RLock if isinstance(obj, type(threading.RLock())) else threading.Lock,
                (),
            )
        if isinstance(obj, weakref.WeakValueDictionary):
            return (_weak_values, (dict(obj.items()),))
        factory: Any = getattr(obj, "default_factory", None)
        if isinstance(obj, defaultdict) and getattr(factory, "__name__", "") == "<lambda>":
            # moto's ``defaultdict(lambda: {})``: a lambda cannot be pickled; its product can.
            kind = type(factory())
            if kind in (dict, list, set):
                return (_default_dict, (kind, dict(obj)))
        return NotImplemented


def _backends() -> dict[str, Any]:
    from moto.backends import get_backend

    return {service: get_backend(service) for service in SERVICES}


def capture(seq: int = 0, extra: dict[str, Any] | None = None) -> bytes:
    """Serialise every region backend that exists now (call it holding the state lock)."""
    state: dict[tuple[str, str, str], Any] = {}
    for service, backend_dict in _backends().items():
        for account, regions in list(backend_dict.items()):
            for region, backend in list(regions.items()):
                state[(service, account, region)] = backend
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(
        {
            "format": FORMAT,
            "version": VERSION,
            "seq": seq,
            "extra": extra or {},
            "backends": state,
        }
    )
    return buffer.getvalue()


def temp_files(folder: Path) -> list[Path]:
    """Temporary files a save that was cut short left behind."""
    return sorted(folder.glob(f".{FILE_NAME}.*.tmp"))


def write(folder: Path, data: bytes) -> Path:
    """Sign and write a captured snapshot atomically; returns the file.

    Raises:
        OSError: it could not be written (the previous snapshot is then untouched).
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILE_NAME
    tmp = folder / f".{FILE_NAME}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as handle:
            handle.write(MAGIC + secrets.sign("state", data).encode("ascii") + b"\n")
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # the rename itself must reach the disk
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return target


def save(folder: Path) -> Path:
    """Capture and write the current state (no journal: for tools and tests)."""
    return write(folder, capture())


def _verified(path: Path) -> bytes:
    raw = path.read_bytes()
    header, _, data = raw.partition(b"\n")
    signature = header[len(MAGIC) :].decode("ascii", "replace")
    if not header.startswith(MAGIC) or not secrets.verify("state", data, signature):
        raise StateError(
            f"{path} does not verify against this install's key (it was altered, written by "
            "another program or install, or saved by an older courseware); it was not "
            "loaded, since a state file could run code"
        )
    return data


def restore(folder: Path) -> tuple[int, int, dict[str, Any]]:
    """Load saved state into moto's backends.

    Returns:
        The journal sequence number the snapshot holds, how many backends were restored, and
        the state kept outside moto (see ``recorder.dump_all``).

    Raises:
        StateError: the file does not verify, is corrupt or is of another format version.
    """
    path = folder / FILE_NAME
    if not path.exists():
        return 0, 0, {}
    data = _verified(path)
    try:
        loaded = pickle.loads(data)
    except Exception as exc:
        raise StateError(f"{path} is corrupt or unreadable ({type(exc).__name__}: {exc})") from None
    if (
        not isinstance(loaded, dict)
        or loaded.get("format") != FORMAT
        or loaded.get("version") != VERSION
    ):
        raise StateError(f"{path} is not a courseware cloud state of version {VERSION}")
    backends = _backends()
    for (service, account, region), backend in loaded["backends"].items():
        backends[service][account][region] = backend
    return int(loaded.get("seq", 0)), len(loaded["backends"]), dict(loaded.get("extra") or {})
