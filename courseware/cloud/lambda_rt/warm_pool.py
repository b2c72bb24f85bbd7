"""How many warm workers the runtime keeps: a cap on count and on memory, least recently used out.

Lambda "maintains the execution environment for some time in anticipation of another function
invocation" and does not say how long; a learner must not assume it persists
(https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html). Here the room is the learner's laptop: each idle worker is a frozen process holding its
memory, so 50 deployed functions once held 583 MB. The runtime keeps at most
:data:`MAX_IDLE_WORKERS` idle workers whose resident memory together stays within
:data:`MAX_IDLE_MB`, and reclaims the least recently used first; the next invoke of a reclaimed
function is a cold start, as on AWS. Both can be set with ``COURSEWARE_LAMBDA_IDLE_WORKERS`` and
``COURSEWARE_LAMBDA_IDLE_MB``.
"""

from __future__ import annotations

import os
from typing import Protocol, TypeVar

MAX_IDLE_WORKERS = 16
MAX_IDLE_MB = 256.0
IDLE_SECONDS = 300.0  # idle workers are reclaimed after five minutes unused


class Idle(Protocol):
    """What the cap needs of a worker: when it last ran, what memory it holds."""

    last_used: float
    resident_mb: float


W = TypeVar("W", bound=Idle)


def limits_from_env() -> tuple[int, float]:
    """The caps (count, MB), from the environment when set there.

    Raises:
        ValueError: a variable is set to something that is not a positive number (named).
    """
    count = _positive("COURSEWARE_LAMBDA_IDLE_WORKERS", MAX_IDLE_WORKERS)
    return int(count), _positive("COURSEWARE_LAMBDA_IDLE_MB", MAX_IDLE_MB)


def _positive(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ValueError(f"{name}={raw!r}: expected a positive number")
    return value


def over_cap(pools: dict[str, list[W]], max_workers: int, max_mb: float) -> list[W]:
    """Take the least recently used idle workers out of ``pools`` until both caps hold.

    The most recently used worker always stays, even alone over the memory cap (a function
    bigger than the cap still starts warm the second time). Returns the workers taken out, to
    be closed by the caller outside its lock.
    """
    idle = sorted((w for pool in pools.values() for w in pool), key=lambda w: w.last_used)
    total = sum(w.resident_mb for w in idle)
    out: list[W] = []
    while len(idle) > 1 and (len(idle) > max_workers or total > max_mb):
        oldest = idle.pop(0)
        total -= oldest.resident_mb
        out.append(oldest)
    if out:
        gone = {id(w) for w in out}
        for key in list(pools):
            pools[key] = [w for w in pools[key] if id(w) not in gone]
            if not pools[key]:
                del pools[key]
    return out
