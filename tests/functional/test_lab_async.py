"""The async-destinations lab done start to finish on a fresh cloud, and what it teaches proven
through the real path: retries under one request id, records in the destinations, the DLQ."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.course.model import Lab
from courseware.course.runner import run_step, solve_step, wait_until_passed
from tests.functional.lab_fixtures import fresh_cloud_for, lab_named
from tests.functional.lambda_helpers import log_messages, wait_for

LAB = "async-destinations"


fresh = fresh_cloud_for(LAB)


def _solve(lab: Lab, endpoint: Endpoint, until: str | None = None) -> None:
    for step in lab.steps:
        assert run_step(lab, step, endpoint).status != "passed", step.id
        solved = solve_step(lab, step, endpoint)
        assert solved.ok, solved.output
        passed = wait_until_passed(lab, step, endpoint, solved.answer, 60)
        assert passed.status == "passed", (step.id, passed)
        if step.id == "attempts":
            assert solved.answer == "3"  # one attempt and the two default retries
        if step.id == "break":
            assert solved.answer == "ValidationException"
        if step.id == until:
            return


def test_the_cli_solution_passes_every_step_in_order(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    _solve(lab_named(LAB), fresh)
    lam, sqs, logs = aws_client("lambda"), aws_client("sqs"), aws_client("logs")
    config = lam.get_function_event_invoke_config(FunctionName="orderProcessor")
    assert (config["MaximumRetryAttempts"], config["MaximumEventAgeInSeconds"]) == (1, 3600)
    assert set(config["DestinationConfig"]) == {"OnSuccess", "OnFailure"}
    # the break step changed nothing; a failed order now reaches the handler and the DLQ
    lam.invoke(
        FunctionName="orderProcessor",
        InvocationType="Event",
        Payload=json.dumps({"orderId": "o-9", "amount": -1}),
    )
    dlq = sqs.get_queue_url(QueueName="OrderDLQ")["QueueUrl"]

    def dead() -> list[dict[str, Any]]:
        got = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", [])
        return [m for m in got if "o-9" in m["Body"]]

    assert json.loads(wait_for(dead, timeout=30)[0]["Body"]) == {"orderId": "o-9", "amount": -1}
    line = wait_for(
        lambda: [m for m in log_messages(logs, "failureHandler") if "FAILED order o-9" in m],
        timeout=30,
    )[0]
    assert "RetriesExhausted after 2 attempts: amount must be positive for order o-9" in line


def test_the_failure_check_fails_when_the_function_may_not_send(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    _solve(lab, fresh, until="on-failure")
    aws_client("iam").delete_role_policy(RoleName="asyncOrderRole", PolicyName="send-OrderFailures")
    step = lab.step("on-failure")
    assert step is not None
    result = run_step(lab, step, fresh)
    assert result.status == "failed"
