"""The sns-fanout lab done start to finish on a fresh cloud, and the fan-out it teaches
proven by publishing through the real topic: the queue got only cancellations, raw, and
the function audited every order."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.course.model import Lab
from courseware.course.runner import run_step, solve_step, wait_until_passed
from tests.functional.lab_fixtures import fresh_cloud_for, lab_named
from tests.functional.lambda_helpers import log_messages, wait_for

LAB = "sns-fanout"
TOPIC = "arn:aws:sns:us-east-1:123456789012:orders"


fresh = fresh_cloud_for(LAB)


def _solve_through(lab: Lab, endpoint: Endpoint, last: str) -> None:
    for step in lab.steps[: [s.id for s in lab.steps].index(last) + 1]:
        assert run_step(lab, step, endpoint).status != "passed", step.id
        solved = solve_step(lab, step, endpoint)
        assert solved.ok, solved.output
        assert wait_until_passed(lab, step, endpoint, None, 30).status == "passed", step.id


def test_the_solution_passes_every_step_and_the_topic_fans_out(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    _solve_through(lab, fresh, lab.steps[-1].id)
    for step in lab.steps:  # the finished lab still passes every step
        assert run_step(lab, step, fresh).status == "passed", step.id
    sns, sqs, logs = aws_client("sns"), aws_client("sqs"), aws_client("logs")
    url = sqs.get_queue_url(QueueName="refunds")["QueueUrl"]
    held = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    assert held["Attributes"]["ApproximateNumberOfMessages"] == "0", "the checks took their probes"
    cancel = json.dumps({"event_type": "order_cancelled", "order": "42"})
    placed = json.dumps({"event_type": "order_placed", "order": "43"})
    kind = {"event_type": {"DataType": "String", "StringValue": "order_placed"}}
    sns.publish(TopicArn=TOPIC, Message=placed, MessageAttributes=kind)
    sns.publish(TopicArn=TOPIC, Message=cancel)
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert [m["Body"] for m in got] == [cancel], "body-scoped filter, raw delivery"
    wanted = {f"AUDIT order_placed: {placed}", f"AUDIT unknown: {cancel}"}

    def audited() -> set[str] | None:
        found = {m.strip() for m in log_messages(logs, "order-audit")} & wanted
        return found if found == wanted else None

    lines = wait_for(audited, timeout=20)
    assert lines == wanted, "the audit sees every order, filtered or not"


def test_the_function_check_fails_without_the_resource_policy(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    _solve_through(lab, fresh, "subscribe-function")
    lam = aws_client("lambda")
    lam.remove_permission(FunctionName="order-audit", StatementId="orders-topic")
    step = lab.step("subscribe-function")
    assert step is not None
    result = run_step(lab, step, fresh)
    assert result.status == "failed"
    assert "sns.amazonaws.com" in result.message
