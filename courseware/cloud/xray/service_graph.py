"""``GetServiceGraph``: the service map of the traces in a time range.

Each service node (a segment's name and origin, or a downstream service inferred from a
call's subsegment) gets its request statistics (``SummaryStatistics``: ok, error, fault,
throttle counts and the total response time); each edge (caller → callee) the statistics
of the requests that crossed it. See
https://docs.aws.amazon.com/xray/latest/api/API_GetServiceGraph.html and
https://docs.aws.amazon.com/xray/latest/api/API_Service.html.
"""

from __future__ import annotations

from typing import Any

from courseware.cloud.xray.trace_reading import Hop, hops


def _stats(seen: list[Hop]) -> dict[str, Any]:
    errors = [h for h in seen if h.error and not h.fault]
    throttles = [h for h in errors if h.throttle]
    faults = [h for h in seen if h.fault]
    return {
        "OkCount": len(seen) - len(errors) - len(faults),
        "ErrorStatistics": {
            "ThrottleCount": len(throttles),
            "OtherCount": len(errors) - len(throttles),
            "TotalCount": len(errors),
        },
        "FaultStatistics": {"OtherCount": len(faults), "TotalCount": len(faults)},
        "TotalCount": len(seen),
        "TotalResponseTime": round(sum(h.end - h.start for h in seen), 6),
    }


def _histogram(seen: list[Hop]) -> list[dict[str, Any]]:
    counts: dict[float, int] = {}
    for hop in seen:
        value = round(hop.end - hop.start, 3)
        counts[value] = counts.get(value, 0) + 1
    return [{"Value": v, "Count": c} for v, c in sorted(counts.items())]


def graph(traces: list[list[dict[str, Any]]], account: str) -> list[dict[str, Any]]:
    """The ``Services`` of the service map of ``traces`` (each a list of segment documents)."""
    seen: dict[tuple[str, str], list[Hop]] = {}
    for documents in traces:
        for hop in hops(documents):
            seen.setdefault(hop.node, []).append(hop)
    ids = {key: number for number, key in enumerate(sorted(seen))}
    services = []
    for key, own in sorted(seen.items()):
        name, kind = key
        edges = []
        callees = sorted({h.node for hs in seen.values() for h in hs if h.caller == key})
        for callee in callees:
            crossing = [h for h in seen[callee] if h.caller == key]
            edges.append(
                {
                    "ReferenceId": ids[callee],
                    "StartTime": min(h.start for h in crossing),
                    "EndTime": max(h.end for h in crossing),
                    "SummaryStatistics": _stats(crossing),
                    "ResponseTimeHistogram": _histogram(crossing),
                    "Aliases": [],
                }
            )
        services.append(
            {
                "ReferenceId": ids[key],
                "Name": name,
                "Names": [name],
                "Root": any(h.root for h in own),
                "AccountId": account,
                "Type": kind,
                "State": "active",
                "StartTime": min(h.start for h in own),
                "EndTime": max(h.end for h in own),
                "Edges": edges,
                "SummaryStatistics": _stats(own),
                "DurationHistogram": _histogram(own),
                "ResponseTimeHistogram": _histogram(own),
            }
        )
    return services
