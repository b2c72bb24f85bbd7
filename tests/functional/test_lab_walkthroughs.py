"""Each lab done start to finish with the `aws` CLI (through `courseware aws`) and with boto3.

Every step must be unpassed until its own action, pass right after it, and stay passed:
no step passes early (a hollow check) and none refuses the learner's way of doing it.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint, sandbox_env
from courseware.course import labstate
from courseware.course.checks import Cloud
from courseware.course.loader import load_course
from courseware.course.model import Lab, Step
from courseware.course.runner import expand, probe_answers, run_step, wait_until_passed
from courseware.course.validate import reset_cloud

# The boto3 way of each step: a script in the lab's fixtures/ folder (knowledge steps that
# have none are answered from what the cloud shows, as a learner reading it would).
BOTO3 = {
    "simple-lambda": {
        "role": "boto3_role.py",
        "function": "boto3_function.py",
        "edit-code": "boto3_edit.py",
        "test": "boto3_invoke.py",
        "read-logs": "boto3_read_report.py",
    },
    "event-driven": {
        "table": "boto3_table.py",
        "queue": "boto3_queue.py",
        "role": "boto3_role.py",
        "function": "boto3_function.py",
        "send-message": "boto3_send.py",
        "poll": "poll_in_flight.py",
        "trigger": "boto3_trigger.py",
        "item": "boto3_send_second.py",
        "break-it": "boto3_break.py",
        "restore": "boto3_restore.py",
    },
    "state-machine": {
        "hello-world": "boto3_state_machine.py",
        "function": "boto3_node_function.py",
        "task": "boto3_task.py",
        "execute": "boto3_execute.py",
        "break-invoke": "boto3_break.py",
        "restore-invoke": "boto3_restore.py",
    },
}


# A step that takes a permission away on purpose, and the step that gives it back: between
# them the earlier steps' role checks may fail; after the restore every one passes again.
BREAKS = {
    "event-driven": ("break-it", "restore"),
    "state-machine": ("break-invoke", "restore-invoke"),
}


@pytest.fixture
def fresh(cloud: Endpoint) -> Iterator[Endpoint]:
    """The session cloud, emptied, with no recorded lab state."""
    reset_cloud(cloud)
    for lab_id in BOTO3:
        labstate.clear(lab_id)
    yield cloud


def _lab(lab_id: str) -> Lab:
    lab = load_course().lab(lab_id)
    assert lab is not None
    return lab


def _by_cli(lab: Lab, step: Step, endpoint: Endpoint, cw: Callable[..., Any]) -> str | None:
    assert step.solution is not None
    for line in step.solution.cli:
        done = cw("aws", *shlex.split(expand(line, lab, endpoint)), timeout=180)
        assert done.returncode == 0, f"courseware aws {line}\n{done.stdout}{done.stderr}"
    return None


def _by_boto3(lab: Lab, step: Step, endpoint: Endpoint, cw: Callable[..., Any]) -> str | None:
    script = BOTO3[lab.id].get(step.id)
    if script is None:
        assert step.kind == "knowledge", f"{lab.id}/{step.id} has no boto3 way"
        return None
    done = subprocess.run(
        [sys.executable, str(lab.path / "fixtures" / script)],
        cwd=lab.path,
        env=sandbox_env(endpoint),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    answers = [
        line.split(":", 1)[1].strip()
        for line in done.stdout.splitlines()
        if line.startswith("ANSWER:")
    ]
    return answers[-1] if answers else None


def _answer(lab: Lab, step: Step, endpoint: Endpoint, given: str | None) -> str | None:
    if step.kind != "knowledge":
        return None
    if given is not None:
        return given
    accepted = probe_answers(step, lab, Cloud(endpoint))
    assert accepted, f"{lab.id}/{step.id}: the cloud shows nothing to answer with"
    return accepted[-1]


@pytest.mark.parametrize("lab_id", sorted(BOTO3))
@pytest.mark.parametrize("way", ["aws-cli", "boto3"])
def test_each_step_passes_only_at_its_own_action(
    fresh: Endpoint, cw: Callable[..., Any], lab_id: str, way: str
) -> None:
    lab = _lab(lab_id)
    act = _by_cli if way == "aws-cli" else _by_boto3
    broken = False
    for index, step in enumerate(lab.steps):
        for later in lab.steps[index:]:
            if later.kind == "resource":
                early = run_step(lab, later, fresh)
                assert early.status == "failed", (
                    f"{lab.id}/{later.id} passes before step {step.id!r} was done: {early.message}"
                )
        given = act(lab, step, fresh, cw) if step.kind == "resource" or way == "boto3" else None
        answer = _answer(lab, step, fresh, given)
        result = wait_until_passed(lab, step, fresh, answer, 60)
        assert result.status == "passed", (
            f"{lab.id}/{step.id} by {way}: {result.message} "
            f"(expected {result.expected}, found {result.actual})"
        )
        if BREAKS.get(lab.id, ("", ""))[0] == step.id:
            broken = True  # "break it and see": earlier role checks fail until the restore
        if BREAKS.get(lab.id, ("", ""))[1] == step.id:
            broken = False
        for earlier in lab.steps[: index + 1]:
            if earlier.kind == "resource" and not broken:
                assert run_step(lab, earlier, fresh).status == "passed", (
                    f"{lab.id}/{earlier.id} stopped passing after step {step.id!r}"
                )
