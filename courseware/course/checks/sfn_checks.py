"""Checks on Step Functions state machines and executions."""

from __future__ import annotations

import json
from typing import Any

from courseware.course.checks.base import CheckResult, Cloud, Param, check, fail, ok


def find_state_machine(cloud: Cloud, name: str) -> dict[str, Any] | None:
    """The state machine description by name, or None."""
    for machine in cloud.sfn.list_state_machines()["stateMachines"]:
        if machine["name"] == name:
            return dict(
                cloud.sfn.describe_state_machine(stateMachineArn=machine["stateMachineArn"])
            )
    return None


def _states(definition: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for name, state in definition.get("States", {}).items():
        found.append((name, state))
        for branch in state.get("Branches", []):
            found.extend(_states(branch))
        for key in ("Iterator", "ItemProcessor"):
            if key in state:
                found.extend(_states(state[key]))
    return found


def _calls(state: dict[str, Any], function: str) -> bool:
    resource = str(state.get("Resource", ""))
    if resource.endswith(f":function:{function}") or f":function:{function}:" in resource:
        return True
    if resource.startswith("arn:aws:states:::lambda:invoke"):
        target = str(state.get("Parameters", state.get("Arguments", {})).get("FunctionName", ""))
        return (
            target == function
            or target.endswith(f":function:{function}")
            or f":function:{function}:" in target
        )
    return False


@check(
    state_machine=Param(str),
    task_function=Param(str, False, None),
    state_types=Param(list, False, None),
)
def state_machine_exists(
    cloud: Cloud,
    state_machine: str,
    task_function: str | None = None,
    state_types: list[str] | None = None,
) -> CheckResult:
    """The state machine exists; optionally has given state types and a Task calling a function."""
    where = f"state machine {state_machine}"
    machine = find_state_machine(cloud, state_machine)
    if machine is None:
        names = (
            ", ".join(m["name"] for m in cloud.sfn.list_state_machines()["stateMachines"]) or "none"
        )
        return fail(
            where,
            f"There is no state machine named {state_machine!r} yet (existing: {names}).",
            state_machine,
            "no such state machine",
        )
    states = _states(json.loads(machine["definition"]))
    types = {s.get("Type") for _, s in states}
    missing = [t for t in state_types or [] if t not in types]
    if missing:
        return fail(
            where,
            f"State machine {state_machine!r} has no {', '.join(missing)} state.",
            ", ".join(state_types or []),
            ", ".join(sorted(str(t) for t in types)),
        )
    if task_function and not any(
        s.get("Type") == "Task" and _calls(s, task_function) for _, s in states
    ):
        tasks = [n for n, s in states if s.get("Type") == "Task"]
        return fail(
            where,
            f"No Task state of {state_machine!r} calls function {task_function!r}.",
            f"a Task calling {task_function}",
            f"Task states: {', '.join(tasks) or 'none'}",
        )
    return ok(
        where, f"State machine {state_machine!r} is defined ({len(states)} states).", state_machine
    )


@check(state_machine=Param(str), output_contains=Param(str, False, None))
def execution_succeeded(
    cloud: Cloud, state_machine: str, output_contains: str | None = None
) -> CheckResult:
    """An execution of the state machine succeeded (optionally with output containing text)."""
    where = f"executions of {state_machine}"
    machine = find_state_machine(cloud, state_machine)
    if machine is None:
        return fail(
            where,
            f"There is no state machine named {state_machine!r} yet: create it first.",
            f"a state machine named {state_machine}",
            "no such state machine",
        )
    executions = cloud.sfn.list_executions(stateMachineArn=machine["stateMachineArn"])["executions"]
    if not executions:
        return fail(
            where,
            f"State machine {state_machine!r} has not been started yet.",
            "a SUCCEEDED execution",
            "no executions",
        )
    succeeded = [e for e in executions if e["status"] == "SUCCEEDED"]
    if not succeeded:
        statuses = ", ".join(sorted({e["status"] for e in executions}))
        return fail(
            where,
            f"No execution of {state_machine!r} has succeeded yet (statuses: {statuses}).",
            "SUCCEEDED",
            statuses,
        )
    if output_contains:
        outputs = [
            str(cloud.sfn.describe_execution(executionArn=e["executionArn"]).get("output", ""))
            for e in succeeded
        ]
        if not any(output_contains in out for out in outputs):
            return fail(
                where,
                f"Executions succeeded, but none produced output containing {output_contains!r}.",
                output_contains,
                outputs[0][:200],
            )
    return ok(where, f"{len(succeeded)} execution(s) of {state_machine!r} succeeded.", "SUCCEEDED")
