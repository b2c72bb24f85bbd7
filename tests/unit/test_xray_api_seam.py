"""X-Ray's summaries and service map from segment documents; the moto seam they ride on."""

from __future__ import annotations

import datetime
import json
from typing import Any

from moto.xray.models import XRayBackend
from moto.xray.responses import XRayResponse

from courseware.cloud.xray import api_seam, service_graph, trace_reading

TRACE = "1-5f84c7a5-0123456789abcdef01234567"


def _seg(name: str, sid: str, start: float, end: float, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "id": sid,
        "trace_id": TRACE,
        "start_time": start,
        "end_time": end,
        **extra,
    }


def _flow() -> list[dict[str, Any]]:
    """front's service and function segments, a DynamoDB call and an invoke of back (sent alone)."""
    return [
        _seg("front", "a1", 10.0, 12.0, origin="AWS::Lambda"),
        _seg("front", "a2", 10.1, 11.9, origin="AWS::Lambda::Function", parent_id="a1"),
        _seg("dynamodb", "s1", 10.2, 10.3, type="subsegment", namespace="aws", parent_id="a2"),
        _seg("lambda", "s2", 10.3, 11.8, type="subsegment", namespace="aws", parent_id="a2"),
        _seg("back", "b1", 10.4, 11.7, origin="AWS::Lambda", parent_id="s2"),
        _seg("back", "b2", 10.5, 11.6, origin="AWS::Lambda::Function", parent_id="b1", fault=True),
    ]


def test_subsegments_sent_alone_join_their_segment() -> None:
    segments = trace_reading.merged(_flow())
    front = next(s for s in segments if s["id"] == "a2")
    assert [s["name"] for s in front["subsegments"]] == ["dynamodb", "lambda"]
    assert len(segments) == 4


def test_a_summary_has_the_root_response_time_and_the_whole_duration() -> None:
    flow = [*_flow(), _seg("late", "c1", 12.0, 12.5, origin="AWS::Lambda", parent_id="s2")]
    summary = trace_reading.summary(TRACE, flow, "123456789012")
    assert summary["ResponseTime"] == 2.0 and summary["Duration"] == 2.5
    assert summary["EntryPoint"]["Name"] == "front" and summary["HasFault"] is True
    assert ("back", "AWS::Lambda::Function") in {
        (s["Name"], s["Type"]) for s in summary["ServiceIds"]
    }


def test_the_service_map_joins_the_invoke_to_the_callee_and_infers_dynamodb() -> None:
    services = service_graph.graph([_flow()], "123456789012")
    by_key = {(s["Name"], s["Type"]): s for s in services}
    front = by_key[("front", "AWS::Lambda::Function")]
    targets = {services[e["ReferenceId"]]["Name"] for e in front["Edges"]}
    assert targets == {"dynamodb", "back"}  # the answered invoke is back, not a "lambda" node
    assert ("lambda", "AWS::Lambda") not in by_key
    assert (
        by_key[("dynamodb", "AWS::DynamoDB::Table")]["SummaryStatistics"]["TotalResponseTime"]
        == 0.1
    )
    back = by_key[("back", "AWS::Lambda::Function")]["SummaryStatistics"]
    assert back["FaultStatistics"]["TotalCount"] == 1 and back["OkCount"] == 0
    assert by_key[("front", "AWS::Lambda")]["Root"] is True


def test_the_seam_wraps_what_moto_answers_too_little_for() -> None:
    api_seam.install()
    assert XRayBackend.get_trace_summary is api_seam.get_trace_summary
    assert XRayBackend.get_trace_ids is api_seam.get_trace_ids
    assert XRayResponse.service_graph is api_seam.service_graph_response
    # moto's own answer, which the seam replaces: a fixed 1 ms response time.
    backend = _backend()
    [moto_said] = api_seam._originals["get_trace_summary"](
        backend, datetime.datetime(1970, 1, 1), datetime.datetime(1971, 1, 1), None
    )["TraceSummaries"]
    assert moto_said["ResponseTime"] == 1


def _backend() -> XRayBackend:
    backend = XRayBackend("us-east-1", "123456789012")
    for document in _flow():
        backend.process_segment(json.dumps(document))
    return backend


def test_the_seam_stores_and_reads_through_the_backend() -> None:
    api_seam.install()
    backend = _backend()
    [summary] = backend.get_trace_summary(0.0, 100.0, None)["TraceSummaries"]
    assert summary["ResponseTime"] == 2.0
    [trace] = backend.get_trace_ids([TRACE])["Traces"]
    assert trace["Duration"] == 2.0


def test_a_sampled_invocation_s_report_line_ends_with_its_trace() -> None:
    from courseware.cloud.lambda_rt.logs import Report

    header = f"Root={TRACE};Parent=53995c3f42cd8ad8;Sampled=1"
    line = Report("r-1", 2.5, 128, 40, trace_header=header).line()
    assert line.endswith(f"\tXRAY TraceId: {TRACE}\tSegmentId: 53995c3f42cd8ad8\tSampled: true\t")
    unsampled = Report("r-1", 2.5, 128, 40, trace_header=header.replace("=1", "=0")).line()
    assert "XRAY" not in unsampled
