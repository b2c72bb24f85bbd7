"""The delay-visibility lab done start to finish on a fresh cloud: a message timer honoured,
the trigger refused while the queue is shorter than the function, empty receives counted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.course.checks.base import Cloud
from courseware.course.checks.delay_checks import receive_counts
from courseware.course.runner import run_step, solve_step, wait_until_passed
from tests.functional.lab_fixtures import fresh_cloud_for, lab_named

LAB = "delay-visibility"


fresh = fresh_cloud_for(LAB)


def test_the_solution_passes_every_step_in_order(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    for step in lab.steps:
        assert run_step(lab, step, fresh).status != "passed", step.id
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
        assert wait_until_passed(lab, step, fresh, solved.answer, 40).status == "passed", step.id
        if step.id == "refused":
            assert solved.answer == "InvalidParameterValueException"
        if step.id == "empty":
            assert solved.answer == "3"  # the solution's three short polls of the empty queue
    counted = receive_counts(Cloud(fresh), "Polls")
    assert counted == {"short": 3, "short_empty": 3, "long": 1, "long_empty": 0}
    mappings = aws_client("lambda").list_event_source_mappings(FunctionName="jobRunner")
    assert len(mappings["EventSourceMappings"]) == 1, "the probe left no mapping behind"
    queues = aws_client("sqs").list_queues().get("QueueUrls", [])
    assert sorted(u.rsplit("/", 1)[1] for u in queues) == ["Jobs", "Polls", "Reminders"]
