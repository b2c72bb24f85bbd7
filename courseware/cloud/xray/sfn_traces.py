"""A trace per execution of a state machine with ``tracingConfiguration: {enabled: true}``.

When an execution ends (moto's ``BaseExecutionWorkerCommunication.terminated``, for
Standard and Express alike) a segment with ``origin: AWS::StepFunctions::StateMachine``
is stored, in the trace named by the execution's ``traceHeader`` when it was started
with one, else in a new trace.
"""

from __future__ import annotations

from typing import Any

from courseware.cloud.xray import segments, trace_header

_originals: dict[str, Any] = {}


def document(execution: Any) -> dict[str, Any] | None:
    """The segment of a finished execution, or None when its machine has tracing off."""
    machine = execution.state_machine
    config = getattr(machine, "tracingConfiguration", None) or {}
    if not config.get("enabled") or execution.stop_date is None:
        return None
    upstream = trace_header.parse(str(execution.trace_header or ""))
    status = str(getattr(execution.exec_status, "value", execution.exec_status))
    doc: dict[str, Any] = {
        "name": str(machine.name),
        "id": trace_header.new_segment_id(),
        "trace_id": upstream.get("Root") or trace_header.new_trace_id(),
        "start_time": execution.start_date.timestamp(),
        "end_time": execution.stop_date.timestamp(),
        "origin": "AWS::StepFunctions::StateMachine",
        "aws": {"execution_arn": str(execution.exec_arn), "state_machine_arn": str(machine.arn)},
        "annotations": {"status": status},
    }
    if "Parent" in upstream:
        doc["parent_id"] = upstream["Parent"]
    if status in {"FAILED", "TIMED_OUT"}:
        doc["error"] = True
    return doc


def _wrap_terminated(original: Any) -> Any:
    def terminated(self: Any) -> None:
        original(self)
        doc = document(self.execution)
        if doc is not None:
            segments.put(doc, str(self.execution.account_id), str(self.execution.region_name))

    terminated.__wrapped__ = original  # type: ignore[attr-defined]
    return terminated


def install() -> None:
    """Wrap moto's execution end (idempotent)."""
    from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication

    if _originals:
        return
    _originals["terminated"] = BaseExecutionWorkerCommunication.terminated
    BaseExecutionWorkerCommunication.terminated = _wrap_terminated(_originals["terminated"])
