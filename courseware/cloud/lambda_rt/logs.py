"""Writing a function's log lines to CloudWatch Logs, as Lambda does.

Group ``/aws/lambda/<name>``, one stream per worker named
``YYYY/MM/DD/[$LATEST]<32 hex>``; START / END / REPORT lines per invocation.
"""

from __future__ import annotations

import math
import time
import uuid
from dataclasses import dataclass
from typing import Any

from courseware.cloud.state import recorder
from courseware.cloud.state.recorder import STATE_LOCK

# (timestamp in ms, message)
LogLine = tuple[int, str]
# CloudWatch Logs took at most 256 KB per event (PutLogEvents); longer lines are cut there.
EVENT_MAX = 256 * 1024
# Retention of the emulator (documented in ARCHITECTURE.md): each stream keeps its newest
# 10 MB of messages, each log group its newest 50 MB (oldest streams are dropped first).
STREAM_MAX = 10 * 1024 * 1024
GROUP_MAX = 50 * 1024 * 1024
TRUNCATED = " [courseware: truncated to 256 KB, the CloudWatch Logs event limit]"


def cap_message(message: str) -> str:
    """``message`` cut to the 256 KB event limit (measured in UTF-8 bytes)."""
    data = message.encode("utf-8")
    if len(data) <= EVENT_MAX:
        return message
    keep = EVENT_MAX - len(TRUNCATED)
    return data[:keep].decode("utf-8", errors="ignore") + TRUNCATED


def now_ms() -> int:
    """Wall-clock time in milliseconds since the epoch."""
    return int(time.time() * 1000)


def new_stream_name(version: str) -> str:
    """A fresh stream name for one worker (execution environment)."""
    return time.strftime("%Y/%m/%d/", time.gmtime()) + f"[{version}]{uuid.uuid4().hex}"


@dataclass(frozen=True)
class Report:
    """The figures on a REPORT line."""

    request_id: str
    duration_ms: float
    memory_size_mb: int
    max_memory_mb: int
    init_duration_ms: float | None = None
    status: str | None = None
    error_type: str | None = None
    trace_header: str = ""

    @property
    def billed_ms(self) -> int:
        """Billed duration: 1 ms granularity, including INIT for managed runtimes (since 2025-08)."""
        return max(1, math.ceil(self.duration_ms + (self.init_duration_ms or 0.0)))

    def line(self) -> str:
        """The REPORT line exactly as Lambda formats it."""
        parts = [
            f"REPORT RequestId: {self.request_id}",
            f"Duration: {self.duration_ms:.2f} ms",
            f"Billed Duration: {self.billed_ms} ms",
            f"Memory Size: {self.memory_size_mb} MB",
            f"Max Memory Used: {self.max_memory_mb} MB",
        ]
        if self.init_duration_ms is not None:
            parts.append(f"Init Duration: {self.init_duration_ms:.2f} ms")
        if self.status:
            parts.append(f"Status: {self.status}")
        if self.error_type:
            parts.append(f"Error Type: {self.error_type}")
        parts.extend(xray_fields(self.trace_header))
        return "\t".join(parts) + "\t"


def xray_fields(trace_header: str) -> list[str]:
    """The REPORT line's X-Ray fields for a sampled invocation's ``_X_AMZN_TRACE_ID``, else none.

    Lambda adds ``XRAY TraceId: … SegmentId: … Sampled: true`` when the invocation is traced
    (https://docs.aws.amazon.com/lambda/latest/dg/python-tracing.html).
    """
    fields = dict(p.split("=", 1) for p in trace_header.split(";") if "=" in p)
    if fields.get("Sampled") != "1" or "Root" not in fields:
        return []
    return [
        f"XRAY TraceId: {fields['Root']}",
        f"SegmentId: {fields.get('Parent', '')}",
        "Sampled: true",
    ]


def write(logs_backend: Any, group: str, stream: str, lines: list[LogLine]) -> None:
    """Append ``lines`` to ``group``/``stream`` in moto's CloudWatch Logs backend (journaled)."""
    if not lines:
        return
    with STATE_LOCK:
        _write(logs_backend, group, stream, [(int(t), str(m)) for t, m in lines])
        where = {"a": logs_backend.account_id, "r": logs_backend.region_name}
        recorder.record("logs", {**where, "g": group, "s": stream, "l": lines})


def _apply(body: dict[str, Any]) -> None:
    from moto.logs.models import logs_backends

    lines = [(int(t), str(m)) for t, m in body["l"]]
    _write(logs_backends[body["a"]][body["r"]], body["g"], body["s"], lines)


recorder.register("logs", _apply)


def _write(logs_backend: Any, group: str, stream: str, lines: list[tuple[int, str]]) -> None:
    logs_backend.ensure_log_group(group)
    log_group = logs_backend.groups[group]
    if stream not in log_group.streams:
        logs_backend.create_log_stream(group, stream)
    events: list[dict[str, Any]] = []
    last = 0
    for stamp, message in lines:
        last = max(last, stamp)
        events.append({"timestamp": last, "message": cap_message(message)})
    logs_backend.put_log_events(group, stream, events)
    trim(log_group, stream)


def trim(log_group: Any, stream: str) -> None:
    """Apply the retention: newest 10 MB per stream, newest 50 MB per group.

    Reads moto's ``LogGroup.streams`` and ``LogStream.events`` / ``stored_bytes`` (pinned by
    ``tests/unit/test_moto_seams.py``).
    """
    current = log_group.streams[stream]
    if current.stored_bytes > STREAM_MAX:
        drop, size = 0, current.stored_bytes
        while size > STREAM_MAX and drop < len(current.events) - 1:
            size -= len(current.events[drop].message)
            drop += 1
        del current.events[:drop]
        current.stored_bytes = size
    streams = sorted(
        log_group.streams.values(), key=lambda s: s.last_ingestion_time or s.creation_time
    )
    total = sum(s.stored_bytes for s in streams)
    for old in streams[:-1]:
        if total <= GROUP_MAX:
            break
        total -= old.stored_bytes
        del log_group.streams[old.log_stream_name]


def tail(lines: list[LogLine], limit: int = 4096) -> str:
    """The last ``limit`` bytes of the invocation's log, as LogType=Tail returns."""
    text = "".join(message + "\n" for _, message in lines)
    data = text.encode("utf-8")[-limit:]
    return data.decode("utf-8", errors="ignore")
