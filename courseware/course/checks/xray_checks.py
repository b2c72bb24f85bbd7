"""X-Ray checks: a traced two-function flow, the slow call found and fixed, read from real traces.

Each check invokes the front function as a probe (ClientContext ``courseware-probe``: no log
lines) with ``LogType=Tail``; the tail's REPORT line names the invocation's trace
(``XRAY TraceId``), whose segments are read with BatchGetTraces.
"""

from __future__ import annotations

import base64
import json
import random
import re
import time
from typing import Any

from courseware.course.checks.base import CheckResult, Cloud, Param, check, fail, ok, probe
from courseware.course.checks.lambda_checks import get_function, invocation_logs
from courseware.course.checks.outcome_checks import PROBE_CONTEXT, probe_token

TRACE_ID = re.compile(r"XRAY TraceId: (1-[0-9a-f]{8}-[0-9a-f]{24})")
FUNCTION = "AWS::Lambda::Function"


def traced_invoke(cloud: Cloud, function: str, event: Any) -> tuple[str, str | None, str | None]:
    """(payload text, error text or None, trace id or None) of one probe invocation."""
    response = cloud.lambda_.invoke(
        FunctionName=function,
        Payload=json.dumps(event).encode("utf-8"),
        ClientContext=PROBE_CONTEXT,
        LogType="Tail",
    )
    text = response["Payload"].read().decode("utf-8", "replace")
    tail = base64.b64decode(response.get("LogResult", "")).decode("utf-8", "replace")
    found = TRACE_ID.search(tail)
    error = text[:300] if response.get("FunctionError") else None
    return text, error, found.group(1) if found else None


def documents(cloud: Cloud, trace_id: str) -> list[dict[str, Any]]:
    """The trace's segment documents, parsed."""
    traces = cloud.xray.batch_get_traces(TraceIds=[trace_id])["Traces"]
    return [json.loads(s["Document"]) for t in traces for s in t["Segments"]]


def function_seconds(docs: list[dict[str, Any]], function: str) -> float | None:
    """How long ``function``'s segment (origin AWS::Lambda::Function) lasted, or None."""
    for doc in docs:
        if doc.get("origin") == FUNCTION and doc.get("name") == function:
            return float(doc["end_time"]) - float(doc["start_time"])
    return None


def own_seconds(docs: list[dict[str, Any]]) -> dict[str, float]:
    """Each function's segment time less the time of the functions it called (by trace links)."""
    by_id = {str(d["id"]): d for d in docs}
    spans = {
        str(d["name"]): float(d["end_time"]) - float(d["start_time"])
        for d in docs
        if d.get("origin") == FUNCTION
    }
    own = dict(spans)
    for doc in docs:  # a callee's Lambda service segment names the caller's segment as parent
        parent = by_id.get(str(doc.get("parent_id", "")))
        if doc.get("origin") == "AWS::Lambda" and parent and parent.get("origin") == FUNCTION:
            callee = str(doc["name"])
            own[str(parent["name"])] = own.get(str(parent["name"]), 0.0) - spans.get(callee, 0.0)
    return own


def _tracing(cloud: Cloud, names: list[str]) -> CheckResult | None:
    for name in names:
        config = get_function(cloud, name)
        if config is None:
            return fail(f"function {name}", f"There is no function {name!r}.", name, "missing")
        mode = (config.get("TracingConfig") or {}).get("Mode", "PassThrough")
        if mode != "Active":
            return fail(
                f"function {name}",
                f"Function {name!r} has tracing {mode}: turn on active tracing "
                "(--tracing-config Mode=Active).",
                "TracingConfig Mode=Active",
                f"Mode={mode}",
            )
    return None


@check(front=Param(str), back=Param(str), event=Param(dict))
def traced_flow(cloud: Cloud, front: str, back: str, event: dict[str, Any]) -> CheckResult:
    """Both functions trace actively and one invocation of ``front`` is one trace through ``back``."""
    refused = _tracing(cloud, [front, back])
    if refused is not None:
        return refused
    where = f"trace of {front}"
    token = probe_token()
    event = json.loads(json.dumps(event).replace("{probe}", token))
    _, error, trace_id = traced_invoke(cloud, front, event)
    if error is not None or trace_id is None:
        return fail(where, f"Invoking {front!r} failed: {error}", "a traced invocation", str(error))
    docs = documents(cloud, trace_id)
    names = sorted({str(d["name"]) for d in docs if d.get("origin") == FUNCTION})
    if back not in names:
        return fail(
            where,
            f"Trace {trace_id} holds the segments of {names} but not {back!r}: does {front!r} "
            f"still invoke {back!r}?",
            f"segments of {front} and {back}",
            ", ".join(names),
        )
    return ok(where, f"Trace {trace_id} runs through {front!r} and {back!r}.", trace_id)


@check(
    front=Param(str),
    back=Param(str),
    table=Param(str),
    key=Param(str),
    attribute=Param(str),
    under_ms=Param(int),
)
def slow_call_fixed(
    cloud: Cloud, front: str, back: str, table: str, key: str, attribute: str, under_ms: int
) -> CheckResult:
    """A traced call of ``front`` for a probe item answers its price from ``table``, fast.

    The probe item (a unique key, a random price) is put in the table and deleted after.
    """
    refused = _tracing(cloud, [front, back])
    if refused is not None:
        return refused
    where = f"function {back}"
    token, price = probe_token(), random.randint(100_000, 999_999)
    item = {key: {"S": token}, attribute: {"N": str(price)}}
    cloud.dynamodb.put_item(TableName=table, Item=item)
    try:
        output, error, trace_id = traced_invoke(cloud, front, {"sku": token})
    finally:
        cloud.dynamodb.delete_item(TableName=table, Key={key: {"S": token}})
    if error is not None or trace_id is None:
        return fail(where, f"Invoking {front!r} failed: {error}", "a traced invocation", str(error))
    took = function_seconds(documents(cloud, trace_id), back)
    if took is None:
        return fail(where, f"Trace {trace_id} has no segment of {back!r}.", back, "no segment")
    if took * 1000 >= under_ms:
        return fail(
            where,
            f"In trace {trace_id}, {back!r} still took {took * 1000:.0f} ms: the slow call is "
            "still there.",
            f"under {under_ms} ms",
            f"{took * 1000:.0f} ms",
        )
    if str(price) not in output:
        return fail(
            where,
            f"For the item {token} priced {price} in {table}, {front!r} answered {output[:160]}: "
            f"{back!r} must read the price from the table.",
            f"a result with price {price}",
            output[:160],
        )
    return ok(
        where,
        f"In trace {trace_id}, {back!r} took {took * 1000:.0f} ms and read price {price} "
        f"from {table}.",
        f"under {under_ms} ms",
        f"{took * 1000:.0f} ms",
    )


def _recent_traces(cloud: Cloud, minutes: int = 60) -> list[str]:
    now = time.time()
    summaries = cloud.xray.get_trace_summaries(StartTime=now - minutes * 60, EndTime=now + 60)
    ordered = sorted(summaries["TraceSummaries"], key=lambda s: s["StartTime"], reverse=True)
    return [str(s["Id"]) for s in ordered]


@probe(
    empty="no trace of {front} calling another function yet: invoke {front} with tracing on",
    front=Param(str),
)
def slowest_function(cloud: Cloud, front: str) -> list[str]:
    """The function with the most time of its own in the newest trace through ``front``."""
    for trace_id in _recent_traces(cloud):
        docs = documents(cloud, trace_id)
        own = own_seconds(docs)
        if front in own and len(own) > 1:
            return [max(own, key=lambda name: own[name])]
    return []


@probe(
    empty="no REPORT line of {function} names a trace yet: invoke it with active tracing on",
    function=Param(str),
)
def report_trace_ids(cloud: Cloud, function: str) -> list[str]:
    """The trace ids on the REPORT lines of the function's invocations (XRAY TraceId)."""
    found = []
    for invocation in invocation_logs(cloud, function):
        match = TRACE_ID.search(invocation[-1])
        if match:
            found.append(match.group(1))
    return found
