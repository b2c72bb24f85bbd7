"""Seams into moto 5.2's X-Ray: trace summaries, trace durations and the service graph.

moto answers ``GetTraceSummaries`` with ``ResponseTime: 1`` and whole-second durations,
``BatchGetTraces`` with whole-second durations, and ``GetServiceGraph`` with no services.
These wrappers compute them from the stored segment documents
(:mod:`courseware.cloud.xray.trace_reading`, :mod:`courseware.cloud.xray.service_graph`).
Pinned by ``tests/unit/test_xray_api_seam.py``.
"""

from __future__ import annotations

import datetime
import inspect
import json
from typing import Any

from courseware.cloud.xray import service_graph, trace_reading

_originals: dict[str, Any] = {}
_SIGNATURES = {
    "get_trace_summary": ["self", "start_time", "end_time", "filter_expression"],
    "get_trace_ids": ["self", "trace_ids"],
}


class XRayApiSeamError(RuntimeError):
    """moto moved what this seam wraps; pin moto or update this module."""


def _documents(trace: dict[str, Any]) -> list[dict[str, Any]]:
    return [json.loads(segment.raw) for segment in trace["segments"]]


def _epoch(value: Any) -> float:
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    return float(value)


def finished_traces(
    backend: Any, start: float, end: float
) -> list[tuple[str, list[dict[str, Any]]]]:
    """The complete traces of ``backend`` (an XRayBackend) that started in [start, end]."""
    found = []
    for trace_id, trace in list(backend._segment_collection._traces.items()):
        if not trace["finished"] or not trace["segments"]:
            continue
        documents = _documents(trace)
        first = min(float(d["start_time"]) for d in documents)
        if start <= first <= end:
            found.append((trace_id, documents))
    return sorted(found, key=lambda item: min(float(d["start_time"]) for d in item[1]))


def get_trace_summary(self: Any, start_time: Any, end_time: Any, filter_expression: Any) -> Any:
    """``GetTraceSummaries`` computed from the segments (moto's error for a filter expression)."""
    if filter_expression is not None:
        return _originals["get_trace_summary"](self, start_time, end_time, filter_expression)
    traces = finished_traces(self, _epoch(start_time), _epoch(end_time))
    summaries = [trace_reading.summary(tid, docs, str(self.account_id)) for tid, docs in traces]
    return {
        "ApproximateTime": int(datetime.datetime.now().timestamp()),
        "TracesProcessedCount": len(summaries),
        "TraceSummaries": summaries,
    }


def get_trace_ids(self: Any, trace_ids: list[str]) -> Any:
    """``BatchGetTraces`` with each trace's Duration in seconds (a double, as AWS gives it)."""
    result = _originals["get_trace_ids"](self, trace_ids)
    for trace in result["Traces"]:
        documents = _documents(self._segment_collection._traces[trace["Id"]])
        start = min(float(d["start_time"]) for d in documents)
        end = max(float(d.get("end_time") or d["start_time"]) for d in documents)
        trace["Duration"] = round(end - start, 3)
    return result


def service_graph_response(self: Any) -> Any:
    """``GetServiceGraph`` from the traces that started in the requested range."""
    answer = _originals["service_graph"](self)
    if not isinstance(answer, str):
        return answer  # moto's MissingParameter error
    body = json.loads(answer)
    traces = finished_traces(self.xray_backend, _epoch(body["StartTime"]), _epoch(body["EndTime"]))
    account = str(self.xray_backend.account_id)
    body["Services"] = service_graph.graph([docs for _, docs in traces], account)
    return json.dumps(body)


def install() -> None:
    """Wrap moto's X-Ray summary, traces and service graph (idempotent); fail loudly if moved.

    Raises:
        XRayApiSeamError: a wrapped method is missing or has another signature.
    """
    from moto.xray.models import XRayBackend
    from moto.xray.responses import XRayResponse

    if _originals:
        return
    for name, parameters in _SIGNATURES.items():
        current = getattr(XRayBackend, name, None)
        if current is None or list(inspect.signature(current).parameters) != parameters:
            raise XRayApiSeamError(f"moto's XRayBackend.{name} moved (found {current!r})")
    graph = getattr(XRayResponse, "service_graph", None)
    if graph is None or list(inspect.signature(graph).parameters) != ["self"]:
        raise XRayApiSeamError(f"moto's XRayResponse.service_graph moved (found {graph!r})")
    _originals.update(
        get_trace_summary=XRayBackend.get_trace_summary,
        get_trace_ids=XRayBackend.get_trace_ids,
        service_graph=graph,
    )
    XRayBackend.get_trace_summary = get_trace_summary
    XRayBackend.get_trace_ids = get_trace_ids
    XRayResponse.service_graph = service_graph_response
