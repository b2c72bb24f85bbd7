"""The delay-visibility lab done start to finish on a fresh cloud: a message timer honoured,
the trigger refused while the queue is shorter than the function, empty receives counted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate
from courseware.course.checks.base import Cloud
from courseware.course.checks.delay_checks import receive_counts
from courseware.course.loader import load_course
from courseware.course.model import Lab
from courseware.course.runner import run_step, solve_step, wait_until_passed
from courseware.course.validate import reset_cloud

LAB = "delay-visibility"


@pytest.fixture
def fresh(cloud: Endpoint) -> Iterator[Endpoint]:
    """The session cloud, emptied, with no recorded answers for the lab."""
    reset_cloud(cloud)
    labstate.clear(LAB)
    yield cloud


def _lab() -> Lab:
    lab = load_course().lab(LAB)
    assert lab is not None
    return lab


def test_the_solution_passes_every_step_in_order(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab()
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
