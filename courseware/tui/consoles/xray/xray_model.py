"""Pure helpers for the X-Ray console: trace rows, a trace's waterfall, the service map graph.

The waterfall is one row per segment and subsegment (nested under the one that called
it), each bar's offset and width proportional to time; the leaf with the most time of its
own (where the time was actually spent) is marked slowest. The service map is a text tree from the root services
down their edges, each node with its average latency, request, error and fault counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

RANGES = ((5, "Last 5 minutes"), (15, "Last 15 minutes"), (60, "Last hour"), (360, "Last 6 hours"))
SLOWEST = "◀ slowest"


def next_range(minutes: int) -> int:
    """The time range after ``minutes`` in :data:`RANGES` (wrapping)."""
    values = [m for m, _ in RANGES]
    return values[(values.index(minutes) + 1) % len(values)] if minutes in values else values[0]


def range_label(minutes: int) -> str:
    """``Last 15 minutes`` for 15."""
    return dict(RANGES).get(minutes, f"Last {minutes} minutes")


def ms_text(seconds: float | None) -> str:
    """Seconds as ``812 ms`` or ``1.25 s``."""
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def status_text(summary: dict[str, Any]) -> str:
    """``Fault``, ``Error``, ``Throttle`` or ``OK`` for a trace summary."""
    if summary.get("HasFault"):
        return "Fault"
    if summary.get("HasThrottle"):
        return "Throttle"
    return "Error" if summary.get("HasError") else "OK"


def entry_text(summary: dict[str, Any]) -> str:
    """The URL the trace served, else its entry point (the function's name)."""
    url = (summary.get("Http") or {}).get("HttpURL")
    if url:
        return str(url)
    return str((summary.get("EntryPoint") or {}).get("Name", "-"))


def trace_row(summary: dict[str, Any]) -> tuple[str, str, str, str, str, str]:
    """A traces-list row: started (UTC), id, duration, response time, status, URL/function."""
    start = summary.get("StartTime")
    if isinstance(start, datetime):
        started = start.astimezone(UTC).strftime("%H:%M:%S")
    elif isinstance(start, int | float):
        started = datetime.fromtimestamp(start, tz=UTC).strftime("%H:%M:%S")
    else:
        started = "-"
    return (
        started,
        str(summary["Id"]),
        ms_text(summary.get("Duration")),
        ms_text(summary.get("ResponseTime")),
        status_text(summary),
        entry_text(summary),
    )


def newest_first(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Summaries by start time, newest first."""

    def moment(summary: dict[str, Any]) -> float:
        start = summary.get("StartTime")
        if isinstance(start, datetime):
            return start.timestamp()
        return float(start) if isinstance(start, int | float) else 0.0

    return sorted(summaries, key=moment, reverse=True)


@dataclass(frozen=True)
class WaterRow:
    """One waterfall row."""

    id: str
    label: str
    offset_s: float
    duration_s: float
    bar: str
    status: str
    slowest: bool = False


def _status(doc: dict[str, Any]) -> str:
    if doc.get("fault"):
        return "Fault"
    if doc.get("throttle"):
        return "Throttle"
    return "Error" if doc.get("error") else "OK"


def _kind(doc: dict[str, Any]) -> str:
    if doc.get("origin"):
        return f" ({doc['origin']})"
    aws = doc.get("aws") or {}
    if aws.get("operation"):
        return f" {aws['operation']}"
    return ""


def _tree(
    documents: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Every segment and subsegment once, and each one's children by id."""
    nodes: dict[str, dict[str, Any]] = {}
    parents: dict[str, str] = {}

    def add(doc: dict[str, Any], parent: str | None) -> None:
        nodes[doc["id"]] = doc
        if parent is not None:
            parents[doc["id"]] = parent
        elif doc.get("parent_id"):
            parents[doc["id"]] = str(doc["parent_id"])
        for sub in doc.get("subsegments") or []:
            add(sub, doc["id"])

    for doc in documents:
        add(doc, None)
    children: dict[str, list[dict[str, Any]]] = {}
    roots = []
    for nid, doc in nodes.items():
        parent = parents.get(nid)
        if parent in nodes:
            children.setdefault(str(parent), []).append(doc)
        else:
            roots.append(doc)
    for kids in children.values():
        kids.sort(key=lambda d: float(d["start_time"]))
    return sorted(roots, key=lambda d: float(d["start_time"])), children


def _end(doc: dict[str, Any]) -> float:
    return float(doc.get("end_time") or doc["start_time"])


def _bar(offset: float, duration: float, total: float, width: int) -> str:
    start = min(width - 1, int(offset / total * width)) if total > 0 else 0
    length = max(1, round(duration / total * width)) if total > 0 else width
    length = min(length, width - start)
    return " " * start + "█" * length + " " * (width - start - length)


def own_time(doc: dict[str, Any], every: list[dict[str, Any]]) -> float:
    """``doc``'s time not spent in work that ran within it (a call made during an Invocation).

    Lambda's ``Invocation`` subsegment spans the handler, so the segments of a function it
    called lie within it; their time is the callee's, not its own.
    """
    start, end = float(doc["start_time"]), _end(doc)
    inside = sorted(
        (float(d["start_time"]), _end(d))
        for d in every
        if d is not doc and float(d["start_time"]) >= start and _end(d) <= end
        and (float(d["start_time"]), _end(d)) != (start, end)
    )  # fmt: skip
    covered, reach = 0.0, start
    for lo, hi in inside:
        lo = max(lo, reach)
        if hi > lo:
            covered += hi - lo
            reach = hi
    return (end - start) - covered


def waterfall(documents: list[dict[str, Any]], width: int = 40) -> list[WaterRow]:
    """The rows of one trace's timeline (BatchGetTraces documents, parsed)."""
    if not documents:
        return []
    roots, children = _tree(documents)
    every = [*roots, *(d for kids in children.values() for d in kids)]
    t0 = min(float(d["start_time"]) for d in every)
    total = max(_end(d) for d in every) - t0
    leaves = [d for d in every if d["id"] not in children]
    slowest = max(leaves, key=lambda d: own_time(d, every))["id"] if leaves else None
    rows: list[WaterRow] = []

    def visit(doc: dict[str, Any], depth: int) -> None:
        offset, duration = float(doc["start_time"]) - t0, _end(doc) - float(doc["start_time"])
        rows.append(
            WaterRow(
                id=str(doc["id"]),
                label="  " * depth + str(doc["name"]) + _kind(doc),
                offset_s=offset,
                duration_s=duration,
                bar=_bar(offset, duration, total, width),
                status=_status(doc),
                slowest=doc["id"] == slowest,
            )
        )
        for kid in children.get(str(doc["id"]), []):
            visit(kid, depth + 1)

    for root in roots:
        visit(root, 0)
    return rows


def node_text(service: dict[str, Any]) -> str:
    """One service-map node: name, type, average latency, requests, errors, faults."""
    stats = service.get("SummaryStatistics") or {}
    count = int(stats.get("TotalCount") or 0)
    average = float(stats.get("TotalResponseTime") or 0) / count if count else None
    errors = int((stats.get("ErrorStatistics") or {}).get("TotalCount") or 0)
    faults = int((stats.get("FaultStatistics") or {}).get("TotalCount") or 0)
    return (
        f"{service['Name']} ({service.get('Type', '?')})  avg {ms_text(average)} · "
        f"{count} req · {errors} err · {faults} fault"
    )


def service_map(services: list[dict[str, Any]]) -> list[str]:
    """The service map as text lines: each root, then the services it calls, as a tree."""
    by_ref = {int(s["ReferenceId"]): s for s in services}
    called = {int(e["ReferenceId"]) for s in services for e in s.get("Edges") or []}
    roots = [s for s in services if s.get("Root") or int(s["ReferenceId"]) not in called]
    lines: list[str] = []
    shown: set[int] = set()

    def visit(service: dict[str, Any], prefix: str, tail: str) -> None:
        ref = int(service["ReferenceId"])
        if ref in shown:
            lines.append(
                f"{prefix}{tail}{service['Name']} ({service.get('Type', '?')})  (shown above)"
            )
            return
        shown.add(ref)
        lines.append(prefix + tail + node_text(service))
        edges = [e for e in service.get("Edges") or [] if int(e["ReferenceId"]) in by_ref]
        inner = prefix + ("    " if tail in ("", "└─▶ ") else "│   ")
        for number, edge in enumerate(edges):
            last = number == len(edges) - 1
            visit(
                by_ref[int(edge["ReferenceId"])],
                inner if tail else prefix,
                "└─▶ " if last else "├─▶ ",
            )

    for root in sorted(roots, key=lambda s: str(s["Name"])):
        visit(root, "", "")
    for service in services:  # a cycle with no root: still shown
        if int(service["ReferenceId"]) not in shown:
            visit(service, "", "")
    return lines
