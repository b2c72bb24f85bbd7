"""What X-Ray computes from a trace's segment documents: its summary and its service nodes.

Pure functions over parsed segment documents (dicts), as the X-Ray API returns them:
``GetTraceSummaries`` (Duration: earliest start to last end; ResponseTime: the root
segment's own span; HasError/HasFault/HasThrottle; the services it went through) and the
nodes ``GetServiceGraph`` draws, including the downstream services X-Ray infers from the
subsegments of calls (``namespace: aws`` or ``remote``) that no traced segment answered.
See https://docs.aws.amazon.com/xray/latest/api/API_TraceSummary.html and
https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html.

Known differences: HasError/HasFault/HasThrottle count any segment document (as moto did),
where AWS reads the root segment; BatchGetTraces keeps the subsegments the SDK sends on their
own as separate documents (AWS embeds them in their segment).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The type X-Ray gives a node inferred from an AWS SDK call's subsegment, by service name.
_INFERRED_TYPES = {
    "dynamodb": "AWS::DynamoDB::Table",
    "s3": "AWS::S3::Bucket",
    "sqs": "AWS::SQS::Queue",
    "sns": "AWS::SNS::Topic",
    "lambda": "AWS::Lambda",
    "sts": "AWS::STS",
}


@dataclass(frozen=True)
class Hop:
    """One request seen by a service node: who called it, when, and how it ended."""

    node: tuple[str, str]  # (name, type)
    caller: tuple[str, str] | None
    start: float
    end: float
    error: bool
    fault: bool
    throttle: bool
    root: bool


def node_type(document: dict[str, Any]) -> str:
    """The service type of a segment: its ``origin``, else an instrumented application's."""
    return str(document.get("origin") or "client")


def _flags(document: dict[str, Any]) -> tuple[bool, bool, bool]:
    return bool(document.get("error")), bool(document.get("fault")), bool(document.get("throttle"))


def walk(subsegments: list[dict[str, Any]] | None) -> Iterator[dict[str, Any]]:
    """Every subsegment, depth first, nested ones included."""
    for sub in subsegments or []:
        yield sub
        yield from walk(sub.get("subsegments"))


def merged(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The trace's segments, each with the subsegments sent on their own joined to it.

    The X-Ray SDK in Lambda sends each subsegment as its own document (``type:
    subsegment``, ``parent_id``: the function segment or an enclosing subsegment).
    """
    segments = [dict(d) for d in documents if d.get("type") != "subsegment"]
    loose = [d for d in documents if d.get("type") == "subsegment"]
    owner: dict[str, dict[str, Any]] = {}
    for segment in segments:
        segment["subsegments"] = list(segment.get("subsegments") or [])
        owner[segment["id"]] = segment
        for sub in walk(segment["subsegments"]):
            owner[sub["id"]] = segment
    pending = sorted(loose, key=lambda d: float(d["start_time"]))
    while pending:
        placed = [d for d in pending if d.get("parent_id") in owner]
        if not placed:
            break  # their parents never arrived: X-Ray shows them nowhere either
        for sub in placed:
            segment = owner[str(sub["parent_id"])]
            segment["subsegments"].append(sub)
            for inner in [sub, *walk(sub.get("subsegments"))]:
                owner[inner["id"]] = segment
        pending = [d for d in pending if d not in placed]
    return segments


def root_segment(documents: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The segment no other segment or subsegment of the trace is the parent of (earliest)."""
    ids = {d["id"] for d in documents} | {
        s["id"] for d in documents for s in walk(d.get("subsegments"))
    }
    roots = [d for d in documents if d.get("parent_id") not in ids]
    return min(roots, key=lambda d: float(d["start_time"]), default=None)


def hops(documents: list[dict[str, Any]]) -> list[Hop]:
    """The service nodes a trace's segments make, each with its caller node."""
    documents = merged(documents)
    owner: dict[str, tuple[str, str]] = {}
    for doc in documents:
        key = (str(doc["name"]), node_type(doc))
        owner[doc["id"]] = key
        for sub in walk(doc.get("subsegments")):
            owner[sub["id"]] = key
    answered = {d.get("parent_id") for d in documents}
    found: list[Hop] = []
    for doc in documents:
        key = (str(doc["name"]), node_type(doc))
        caller = owner.get(str(doc.get("parent_id", "")))
        end = float(doc.get("end_time") or doc["start_time"])
        found.append(Hop(key, caller, float(doc["start_time"]), end, *_flags(doc), caller is None))
        for sub in walk(doc.get("subsegments")):
            if sub.get("namespace") not in {"aws", "remote"} or sub["id"] in answered:
                continue
            name = str(sub["name"])
            kind = _INFERRED_TYPES.get(
                name, f"AWS::{name}" if sub["namespace"] == "aws" else "remote"
            )
            sub_end = float(sub.get("end_time") or sub["start_time"])
            found.append(
                Hop((name, kind), key, float(sub["start_time"]), sub_end, *_flags(sub), False)
            )
    return found


def _service(name: str, kind: str, account: str) -> dict[str, Any]:
    return {"Name": name, "Names": [name], "AccountId": account, "Type": kind}


def summary(trace_id: str, documents: list[dict[str, Any]], account: str) -> dict[str, Any]:
    """The ``TraceSummary`` of one trace."""
    every = documents
    documents = merged(documents)
    root = root_segment(documents) or documents[0]
    start = min(float(d["start_time"]) for d in every)
    end = max(float(d.get("end_time") or d["start_time"]) for d in every)
    root_end = float(root.get("end_time") or root["start_time"])
    http = (root.get("http") or {}).get("request", {})
    status = (root.get("http") or {}).get("response", {}).get("status")
    services = {(str(d["name"]), node_type(d)) for d in documents}
    flags = [_flags(d) for d in documents]  # segment documents, as moto and the console count
    annotations: dict[str, list[dict[str, Any]]] = {}
    for doc in [*documents, *(s for d in documents for s in walk(d.get("subsegments")))]:
        for key, value in (doc.get("annotations") or {}).items():
            kind = (
                "BooleanValue"
                if isinstance(value, bool)
                else "NumberValue"
                if isinstance(value, int | float)
                else "StringValue"
            )
            annotations.setdefault(key, []).append({"AnnotationValue": {kind: value}})
    answer: dict[str, Any] = {
        "Id": trace_id,
        "StartTime": start,
        "Duration": round(end - start, 3),
        "ResponseTime": round(root_end - float(root["start_time"]), 3),
        "HasError": any(f[0] for f in flags),
        "HasFault": any(f[1] for f in flags),
        "HasThrottle": any(f[2] for f in flags),
        "IsPartial": any(d.get("in_progress") for d in documents),
        "Http": {
            k: v
            for k, v in {
                "HttpURL": http.get("url"),
                "HttpMethod": http.get("method"),
                "HttpStatus": status,
            }.items()
            if v is not None
        },
        "Annotations": annotations,
        "Users": [],
        "ServiceIds": [_service(n, t, account) for n, t in sorted(services)],
        "EntryPoint": _service(str(root["name"]), node_type(root), account),
        "ResourceARNs": sorted(
            (
                {"ARN": a}
                for a in {str((d.get("aws") or {}).get("function_arn", "")) for d in documents}
                if a
            ),
            key=lambda r: r["ARN"],
        ),
    }
    return answer
