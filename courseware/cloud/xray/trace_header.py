"""X-Ray trace and segment ids and the ``X-Amzn-Trace-Id`` header, as AWS formats them.

A trace id is ``1-<8 hex digits of the epoch seconds>-<24 hex digits>``; a segment id is
16 hex digits; the header is ``Root=<trace id>;Parent=<segment id>;Sampled=<0|1>``.
"""

from __future__ import annotations

import secrets
import time


def new_trace_id(now: float | None = None) -> str:
    """A fresh trace id stamped with ``now`` (epoch seconds)."""
    return f"1-{int(time.time() if now is None else now):08x}-{secrets.token_hex(12)}"


def new_segment_id() -> str:
    """A fresh 64-bit segment id in hex."""
    return secrets.token_hex(8)


def header(trace_id: str, parent_id: str, sampled: bool) -> str:
    """The ``_X_AMZN_TRACE_ID`` / ``X-Amzn-Trace-Id`` value."""
    return f"Root={trace_id};Parent={parent_id};Sampled={1 if sampled else 0}"


def parse(value: str) -> dict[str, str]:
    """The fields of a trace header (``Root``, ``Parent``, ``Sampled``), unknown ones kept."""
    fields: dict[str, str] = {}
    for part in value.split(";"):
        key, sep, field = part.strip().partition("=")
        if sep:
            fields[key] = field
    return fields
