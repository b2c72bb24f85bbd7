"""The X-Ray console's model: trace rows, the waterfall's layout, the service map's text graph."""

from __future__ import annotations

from typing import Any

from courseware.tui.consoles.xray import xray_model

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
    return [
        _seg("front", "a1", 0.0, 2.0, origin="AWS::Lambda"),
        _seg("front", "a2", 0.0, 2.0, origin="AWS::Lambda::Function", parent_id="a1"),
        _seg(
            "dynamodb",
            "s1",
            0.0,
            0.5,
            namespace="aws",
            parent_id="a2",
            aws={"operation": "GetItem"},
        ),
        _seg(
            "lambda", "s2", 0.5, 2.0, namespace="aws", parent_id="a2", aws={"operation": "Invoke"}
        ),
        _seg("back", "b1", 0.5, 2.0, origin="AWS::Lambda", parent_id="s2"),
        _seg("back", "b2", 1.0, 2.0, origin="AWS::Lambda::Function", parent_id="b1", fault=True),
    ]


def test_the_waterfall_nests_each_call_under_its_caller_in_time_order() -> None:
    rows = xray_model.waterfall(_flow(), width=20)
    assert [r.label for r in rows] == [
        "front (AWS::Lambda)",
        "  front (AWS::Lambda::Function)",
        "    dynamodb GetItem",
        "    lambda Invoke",
        "      back (AWS::Lambda)",
        "        back (AWS::Lambda::Function)",
    ]
    assert rows[-1].status == "Fault"


def test_bars_are_offset_and_sized_in_proportion_to_time() -> None:
    rows = {r.id: r for r in xray_model.waterfall(_flow(), width=20)}
    assert rows["a1"].bar == "█" * 20
    assert rows["s1"].bar == "█" * 5 + " " * 15  # 0.5 s of 2 s
    assert rows["b2"].bar == " " * 10 + "█" * 10  # starts at 1 s, lasts 1 s
    assert all(len(r.bar) == 20 for r in rows.values())


def test_the_slowest_leaf_is_marked_once() -> None:
    rows = xray_model.waterfall(_flow(), width=20)
    assert [r.id for r in rows if r.slowest] == [
        "b2"
    ]  # 1 s in back's handler, not 0.5 s in DynamoDB
    fixed = [d if d["id"] != "b2" else {**d, "start_time": 1.9} for d in _flow()]
    assert [r.id for r in xray_model.waterfall(fixed) if r.slowest] == ["s1"]


def test_subsegments_nested_inside_a_segment_are_rows_too() -> None:
    doc = _seg("fn", "f", 0.0, 1.0, subsegments=[_seg("Invocation", "i", 0.1, 1.0)])
    rows = xray_model.waterfall([doc], width=10)
    assert [r.label for r in rows] == ["fn", "  Invocation"]
    assert rows[1].slowest


def test_a_trace_row_shows_durations_status_and_the_function() -> None:
    summary = {
        "Id": TRACE,
        "StartTime": 0,
        "Duration": 1.5,
        "ResponseTime": 0.812,
        "HasFault": True,
        "EntryPoint": {"Name": "front"},
    }
    assert xray_model.trace_row(summary) == (
        "00:00:00",
        TRACE,
        "1.50 s",
        "812 ms",
        "Fault",
        "front",
    )
    assert xray_model.entry_text({"Http": {"HttpURL": "https://x/y"}}) == "https://x/y"
    assert xray_model.status_text({"HasError": True}) == "Error"


def test_time_ranges_cycle() -> None:
    assert xray_model.next_range(5) == 15 and xray_model.next_range(360) == 5
    assert xray_model.range_label(60) == "Last hour"


def _service(
    ref: int, name: str, kind: str, edges: list[int], total: int, time: float, **more: Any
) -> dict[str, Any]:
    stats = {
        "TotalCount": total,
        "TotalResponseTime": time,
        "ErrorStatistics": {"TotalCount": more.get("errors", 0)},
        "FaultStatistics": {"TotalCount": more.get("faults", 0)},
    }
    return {
        "ReferenceId": ref,
        "Name": name,
        "Type": kind,
        "Root": more.get("root", False),
        "Edges": [{"ReferenceId": e} for e in edges],
        "SummaryStatistics": stats,
    }


def test_the_service_map_is_a_tree_from_the_root_with_latency_and_faults() -> None:
    services = [
        _service(0, "front", "AWS::Lambda", [1], 2, 3.0, root=True),
        _service(1, "front", "AWS::Lambda::Function", [2, 3], 2, 2.8),
        _service(2, "dynamodb", "AWS::DynamoDB::Table", [], 2, 0.04),
        _service(3, "back", "AWS::Lambda", [2], 2, 2.0, faults=1),
    ]
    assert xray_model.service_map(services) == [
        "front (AWS::Lambda)  avg 1.50 s · 2 req · 0 err · 0 fault",
        "└─▶ front (AWS::Lambda::Function)  avg 1.40 s · 2 req · 0 err · 0 fault",
        "    ├─▶ dynamodb (AWS::DynamoDB::Table)  avg 20 ms · 2 req · 0 err · 0 fault",
        "    └─▶ back (AWS::Lambda)  avg 1.00 s · 2 req · 0 err · 1 fault",
        "        └─▶ dynamodb (AWS::DynamoDB::Table)  (shown above)",
    ]


def test_a_callee_inside_an_invocation_is_slower_than_the_invocation_that_waited() -> None:
    """Without the SDK, the callee's segments hang off the function segment, within Invocation."""
    flow = [
        _seg("front", "a1", 0.0, 2.0, origin="AWS::Lambda"),
        _seg("front", "a2", 0.0, 2.0, origin="AWS::Lambda::Function", parent_id="a1",
             subsegments=[_seg("Invocation", "ai", 0.0, 2.0)]),
        _seg("back", "b1", 0.1, 1.9, origin="AWS::Lambda", parent_id="a2"),
        _seg("back", "b2", 0.1, 1.9, origin="AWS::Lambda::Function", parent_id="b1",
             subsegments=[_seg("Invocation", "bi", 0.2, 1.9)]),
    ]  # fmt: skip
    assert [r.id for r in xray_model.waterfall(flow) if r.slowest] == ["bi"]
