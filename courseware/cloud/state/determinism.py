"""Replayable ids: a recorded request re-run at start makes the same ids and ARNs.

moto draws every random id (RoleId, event source mapping UUIDs, RevisionIds…) from one
``MotoRandom`` instance, ``moto.moto_api._internal.mock_random``. Its ``getrandbits`` and
``random`` (which ``choice``, ``uuid4`` and ``get_random_hex`` all go through) are
shadowed on the instance: inside :func:`seeded` the calling thread draws from its own
``Random(seed)``, everywhere else from the shared generator as before. The journal keeps
each recorded request's seed, so its replay draws the same numbers.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_local = threading.local()
_installed: dict[str, Any] = {}


def install() -> None:
    """Shadow the shared generator's two sources of randomness (idempotent)."""
    from moto.moto_api._internal import mock_random

    if _installed:
        return
    shared_bits, shared_random = mock_random.getrandbits, mock_random.random

    def getrandbits(k: int) -> int:
        own: random.Random | None = getattr(_local, "rng", None)
        return own.getrandbits(k) if own is not None else shared_bits(k)

    def unit() -> float:
        own: random.Random | None = getattr(_local, "rng", None)
        return own.random() if own is not None else shared_random()

    mock_random.getrandbits = getrandbits
    mock_random.random = unit
    _installed.update(getrandbits=shared_bits, random=shared_random)


def new_seed() -> int:
    """A fresh seed for one request."""
    return random.SystemRandom().getrandbits(63)


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Draw moto's random ids on this thread from ``Random(seed)``."""
    previous = getattr(_local, "rng", None)
    _local.rng = random.Random(seed)
    try:
        yield
    finally:
        _local.rng = previous
