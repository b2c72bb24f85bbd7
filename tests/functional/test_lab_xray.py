"""The xray-slow-call lab done start to finish on a fresh cloud: the slow call found in a real
trace, fixed, and the trace id read from the REPORT line."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.course.runner import run_step, solve_step, wait_until_passed
from tests.functional.lab_fixtures import fresh_cloud_for, lab_named

LAB = "xray-slow-call"


fresh = fresh_cloud_for(LAB)


def _lookup_seconds(xray: Any) -> list[float]:
    """priceLookup's segment durations in the traces of the last 10 minutes, oldest first."""
    now = time.time()
    summaries = xray.get_trace_summaries(StartTime=now - 600, EndTime=now + 60)["TraceSummaries"]
    found = []
    for summary in sorted(summaries, key=lambda s: s["StartTime"]):
        for trace in xray.batch_get_traces(TraceIds=[summary["Id"]])["Traces"]:
            for segment in trace["Segments"]:
                doc = json.loads(segment["Document"])
                if doc.get("origin") == "AWS::Lambda::Function" and doc["name"] == "priceLookup":
                    found.append(doc["end_time"] - doc["start_time"])
    return found


def test_the_cli_solution_passes_every_step_in_order(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    for step in lab.steps:
        assert run_step(lab, step, fresh).status != "passed", step.id
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
        assert wait_until_passed(lab, step, fresh, solved.answer, 30).status == "passed", step.id
        if step.id == "find":
            assert solved.answer == "priceLookup"
        if step.id == "report":
            assert solved.answer and solved.answer.startswith("1-")
    # The traces tell the story: priceLookup took the legacy call's 1.5 s before the fix.
    durations = _lookup_seconds(aws_client("xray"))
    assert durations[0] >= 1.5 and durations[-1] < 0.5, durations


def test_the_fix_check_fails_while_the_slow_call_is_there(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    for step in lab.steps[: [s.id for s in lab.steps].index("tracing") + 1]:
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
        assert wait_until_passed(lab, step, fresh, solved.answer, 30).status == "passed", step.id
    fix = lab.step("fix")
    assert fix is not None
    result = run_step(lab, fix, fresh)
    assert result.status == "failed" and "still took" in result.message, result.message
    items = aws_client("dynamodb").scan(TableName="XRayPrices")["Items"]
    assert [i["Sku"]["S"] for i in items] == ["P-1"]  # the check took its probe item back
