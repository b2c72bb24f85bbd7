"""Saving and restoring moto's backends (resources, code, messages, items, log events).

moto 5.2 has no persistence, so the region backends of the services a course uses are
pickled into one versioned file, written atomically (temporary file, fsync, rename). Locks
and conditions are recreated on load; moto's weak-reference index of Lambda ARNs is stored
as a plain mapping and rebuilt.
"""

from __future__ import annotations

import io
import os
import pickle
import threading
import weakref
from collections import defaultdict
from pathlib import Path
from typing import Any

FORMAT = "courseware-cloud-state"
VERSION = 1
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


def capture() -> bytes:
    """Serialise every region backend that exists now."""
    state: dict[tuple[str, str, str], Any] = {}
    for service, backend_dict in _backends().items():
        for account, regions in list(backend_dict.items()):
            for region, backend in list(regions.items()):
                state[(service, account, region)] = backend
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(
        {"format": FORMAT, "version": VERSION, "backends": state}
    )
    return buffer.getvalue()


def save(folder: Path) -> Path:
    """Write the current state to ``folder`` atomically; returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    data = capture()
    target = folder / FILE_NAME
    tmp = folder / f".{FILE_NAME}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return target


def restore(folder: Path) -> int:
    """Load saved state into moto's backends; returns how many backends were restored.

    Raises:
        StateError: the file is unreadable, corrupt or of another format version.
    """
    path = folder / FILE_NAME
    if not path.exists():
        return 0
    try:
        with open(path, "rb") as handle:
            data = pickle.load(handle)
    except Exception as exc:
        raise StateError(f"{path} is corrupt or unreadable ({type(exc).__name__}: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise StateError(f"{path} is not a courseware cloud state of version {VERSION}")
    backends = _backends()
    for (service, account, region), backend in data["backends"].items():
        backends[service][account][region] = backend
    return len(data["backends"])
