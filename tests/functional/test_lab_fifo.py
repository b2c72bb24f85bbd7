"""The fifo-ordering lab done start to finish on a fresh cloud, and the FIFO behaviour it
teaches proven through the real trigger."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.course.runner import run_step, solve_step, wait_until_passed
from tests.functional.lab_fixtures import fresh_cloud_for, lab_named

LAB = "fifo-ordering"


fresh = fresh_cloud_for(LAB)


def test_the_cli_solution_passes_every_step_in_order(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    for step in lab.steps:
        assert run_step(lab, step, fresh).status != "passed", step.id
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
        assert wait_until_passed(lab, step, fresh, solved.answer, 30).status == "passed", step.id
        if step.id == "dedup":
            assert solved.answer == "1"  # two sends, one message kept
        if step.id == "break":
            assert solved.answer == "MissingParameter"
    table = aws_client("dynamodb").scan(TableName="OrderLog")["Items"]
    recorded = {i["GroupId"]["S"]: [int(v["N"]) for v in i["Seqs"]["L"]] for i in table}
    assert recorded == {"alice": [1, 2, 3], "bob": [1, 2, 3]}  # the check's probes cleaned up


def test_the_order_check_fails_when_the_trigger_delivers_nothing(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    for step in lab.steps[: [s.id for s in lab.steps].index("order") + 1]:
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
        assert wait_until_passed(lab, step, fresh, solved.answer, 30).status == "passed", step.id
    lam = aws_client("lambda")
    for mapping in lam.list_event_source_mappings(FunctionName="orderRecorder")[
        "EventSourceMappings"
    ]:
        lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False)
    order = lab.step("order")
    assert order is not None
    result = run_step(lab, order, fresh)
    assert result.status == "failed"
    sqs = aws_client("sqs")
    url = sqs.get_queue_url(QueueName="OrderEvents.fifo")["QueueUrl"]
    held = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert held["ApproximateNumberOfMessages"] == "0"  # the check took its probes back
