"""A trace per invocation of a function with ``TracingConfig: {Mode: Active}``.

Each traced invocation stores two segments, as Lambda does: the service's
(``origin: AWS::Lambda``) and the function's (``origin: AWS::Lambda::Function``, with
``Initialization`` on a cold start and ``Invocation`` subsegments). The handler's
``_X_AMZN_TRACE_ID`` names the function segment as ``Parent``, so segments the X-Ray
SDK sends from the handler join the same trace. PassThrough functions get a header
with ``Sampled=0`` and store nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from courseware.cloud.xray import segments, trace_header


@dataclass
class LambdaTrace:
    """The ids of one invocation's trace."""

    sampled: bool
    trace_id: str = field(default_factory=trace_header.new_trace_id)
    service_id: str = field(default_factory=trace_header.new_segment_id)
    function_id: str = field(default_factory=trace_header.new_segment_id)
    started: float = field(default_factory=time.time)
    parent_id: str = ""

    @property
    def header(self) -> str:
        """The handler's ``_X_AMZN_TRACE_ID``."""
        return trace_header.header(self.trace_id, self.function_id, self.sampled)


def active(fn: Any) -> bool:
    """True when ``fn`` (a moto LambdaFunction) has Active tracing."""
    config = getattr(fn, "tracing_config", None) or {}
    return bool(config.get("Mode") == "Active")


def begin(fn: Any, upstream: str = "") -> LambdaTrace:
    """Start the trace of one invocation of ``fn``.

    ``upstream`` is the request's ``X-Amzn-Trace-Id`` (the X-Ray SDK in a calling function
    sends one): its ``Root`` becomes this invocation's trace, its ``Parent`` the Lambda
    segment's parent, and its ``Sampled`` decision is kept, so one trace spans both functions.
    """
    fields = trace_header.parse(upstream) if upstream else {}
    sampled = fields["Sampled"] == "1" if fields.get("Sampled") in ("0", "1") else active(fn)
    if "Root" not in fields:
        return LambdaTrace(sampled=sampled)
    return LambdaTrace(sampled=sampled, trace_id=fields["Root"], parent_id=fields.get("Parent", ""))


def _documents(trace: LambdaTrace, fn: Any, result: Any, ended: float) -> list[dict[str, Any]]:
    name = str(fn.function_name)
    init_s = (result.init_duration_ms or 0.0) / 1000
    run_s = max(0.0, result.duration_ms / 1000)
    invoke_start = max(trace.started, ended - run_s)
    service: dict[str, Any] = {
        "name": name,
        "id": trace.service_id,
        "trace_id": trace.trace_id,
        "start_time": trace.started,
        "end_time": ended,
        "origin": "AWS::Lambda",
        "http": {"response": {"status": 200}},
        "aws": {"request_id": result.request_id},
    }
    if trace.parent_id:
        service["parent_id"] = trace.parent_id
    subsegments = []
    if init_s:
        subsegments.append(
            {
                "id": trace_header.new_segment_id(),
                "name": "Initialization",
                "start_time": max(trace.started, invoke_start - init_s),
                "end_time": invoke_start,
            }
        )
    subsegments.append(
        {
            "id": trace_header.new_segment_id(),
            "name": "Invocation",
            "start_time": invoke_start,
            "end_time": ended,
        }
    )
    function: dict[str, Any] = {
        "name": name,
        "id": trace.function_id,
        "trace_id": trace.trace_id,
        "parent_id": trace.service_id,
        "start_time": max(trace.started, invoke_start - init_s),
        "end_time": ended,
        "origin": "AWS::Lambda::Function",
        "aws": {"function_arn": str(fn.function_arn), "resource_names": [name]},
        "subsegments": subsegments,
    }
    if result.function_error:
        function["fault"] = True
    return [service, function]


def finish(trace: LambdaTrace, fn: Any, result: Any) -> None:
    """Store the invocation's segments when the trace is sampled (``result``: an InvokeResult)."""
    if not trace.sampled:
        return
    ended = time.time()
    for document in _documents(trace, fn, result, ended):
        segments.put(document, str(fn.account_id), str(fn.region))
