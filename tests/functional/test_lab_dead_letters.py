"""The dead-letters lab done start to finish on a fresh cloud, and what it teaches proven
through the real trigger: receive counts that grow, the DLQ, the redrive back."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.course.runner import run_step, solve_step, wait_until_passed
from tests.functional.lab_fixtures import fresh_cloud_for, lab_named
from tests.functional.lambda_helpers import log_messages

LAB = "dead-letters"


fresh = fresh_cloud_for(LAB)


def _counts(logs: Any, message_id_prefix: str = "") -> list[int]:
    lines = log_messages(logs, "orderWorker")
    found = (re.search(r"RECEIVED (\S+) ApproximateReceiveCount (\d+)", line) for line in lines)
    return [int(m.group(2)) for m in found if m and m.group(1).startswith(message_id_prefix)]


def test_the_solution_passes_every_step_in_order_and_the_dlq_empties(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    sqs, logs = aws_client("sqs"), aws_client("logs")
    for step in lab.steps:
        assert run_step(lab, step, fresh).status != "passed", step.id
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
        assert wait_until_passed(lab, step, fresh, solved.answer, 40).status == "passed", step.id
        if step.id == "poison":
            # The failing batch was received again and again, one count higher each time.
            assert max(_counts(logs)) == 3 and {1, 2, 3} <= set(_counts(logs))
        if step.id == "break":
            assert solved.answer == "InvalidParameterValue"
    for name in ("Orders", "OrdersDLQ"):
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        held = int(attrs["ApproximateNumberOfMessages"]) + int(
            attrs["ApproximateNumberOfMessagesNotVisible"]
        )
        assert held == 0, name
    processed = [line for line in log_messages(logs, "orderWorker") if "PROCESSED o-2" in line]
    assert processed, "the redriven poison order was processed by the fixed handler"


def test_the_poison_check_fails_while_the_poison_is_still_being_retried(
    fresh: Endpoint,
) -> None:
    lab = lab_named(LAB)
    ids = [s.id for s in lab.steps]
    for step in lab.steps[: ids.index("trigger") + 1]:
        assert solve_step(lab, step, fresh).ok
        assert wait_until_passed(lab, step, fresh, None, 40).status == "passed", step.id
    poison = lab.step("poison")
    assert poison is not None
    assert solve_step(lab, poison, fresh).ok
    # Just sent: received at most once so far (5 s visibility timeout), not dead-lettered yet.
    assert run_step(lab, poison, fresh).status == "failed"
