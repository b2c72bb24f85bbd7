"""Outcome checks for the "break it and see" steps: a role's missing permission really bit.

A function's denial is read from its CloudWatch log (both runtimes log AWS's
AccessDeniedException text, naming the role session ``assumed-role/ROLE/FUNCTION`` and the
action); its repair is seen in what happened after the denial: a visit stored by a later
invocation, the item in the table, the queue drained (the denied message retried).
"""

from __future__ import annotations

import re
from typing import Any

from courseware.course.checks.base import (
    CheckResult,
    Cloud,
    Param,
    check,
    client_error_code,
    fail,
    ok,
)
from courseware.course.checks.iam_checks import role_name_of
from courseware.course.checks.lambda_checks import get_function
from courseware.course.checks.sfn_checks import find_state_machine
from courseware.course.checks.sqs_checks import queue_attributes

STORED = re.compile(r"Stored visit (\S+)")


def log_events(cloud: Cloud, function: str) -> list[tuple[int, str]]:
    """Every (timestamp, message) the function logged, oldest first ([] before its group)."""
    group = f"/aws/lambda/{function}"
    try:
        streams = cloud.logs.describe_log_streams(logGroupName=group)["logStreams"]
    except Exception as exc:
        if client_error_code(exc) == "ResourceNotFoundException":
            return []
        raise
    events: list[tuple[int, str]] = []
    for stream in streams:
        response = cloud.logs.get_log_events(
            logGroupName=group, logStreamName=stream["logStreamName"]
        )
        events.extend((int(e["timestamp"]), str(e["message"])) for e in response["events"])
    return sorted(events, key=lambda e: e[0])


def denial_text(role: str, function: str, action: str) -> str:
    """The part of AWS's AccessDenied text that names this role's session and the action."""
    return f"assumed-role/{role}/{function} is not authorized to perform: {action}"


def last_denial(events: list[tuple[int, str]], text: str) -> int | None:
    """The timestamp of the last AccessDeniedException line containing ``text``."""
    found = [t for t, m in events if "AccessDeniedException" in m and text in m]
    return found[-1] if found else None


def _role_of(cloud: Cloud, function: str) -> str | None:
    config = get_function(cloud, function)
    return role_name_of(str(config["Role"])) if config is not None else None


@check(function=Param(str), action=Param(str))
def function_log_denied(cloud: Cloud, function: str, action: str) -> CheckResult:
    """The function's log shows AWS's AccessDeniedException for ``action`` by its own role."""
    where = f"log group /aws/lambda/{function}"
    role = _role_of(cloud, function)
    if role is None:
        return fail(where, f"There is no function {function!r}.", function, "no such function")
    text = denial_text(role, function, action)
    if last_denial(log_events(cloud, function), text) is None:
        return fail(
            where,
            f"The log shows no AccessDeniedException for {action} yet: remove the permission "
            f"from {role!r}, then send a message so the function runs without it.",
            f"AccessDeniedException: … {text} …",
            f"no denial of {action} logged",
        )
    return ok(where, f"The log shows {role!r} denied {action}, with AWS's message.", text)


def _stored_after(events: list[tuple[int, str]], since: int) -> list[str]:
    return [m.group(1) for t, line in events if t > since for m in [STORED.search(line)] if m]


def _has_item(cloud: Cloud, table: str, key: str, value: str) -> bool:
    found: dict[str, Any] = cloud.dynamodb.get_item(TableName=table, Key={key: {"S": value}})
    return "Item" in found


def _queue_depth(cloud: Cloud, queue: str) -> int | None:
    attrs = queue_attributes(cloud, queue)
    if attrs is None:
        return None
    counts = ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")
    return sum(int(attrs.get(name, "0")) for name in counts)


@check(function=Param(str), action=Param(str), queue=Param(str), table=Param(str), key=Param(str))
def processed_after_denial(
    cloud: Cloud, function: str, action: str, queue: str, table: str, key: str
) -> CheckResult:
    """After the logged denial, a later run stored a visit in the table and the queue drained."""
    where = f"function {function} after the denial"
    role = _role_of(cloud, function)
    if role is None:
        return fail(where, f"There is no function {function!r}.", function, "no such function")
    events = log_events(cloud, function)
    denied = last_denial(events, denial_text(role, function, action))
    if denied is None:
        return fail(
            where,
            f"The log shows no AccessDeniedException for {action}: do the step before first.",
            f"a denial of {action}, then a stored visit",
            "no denial logged",
        )
    stored = [v for v in _stored_after(events, denied) if _has_item(cloud, table, key, v)]
    if not stored:
        return fail(
            where,
            f"No visit was stored since the last denial: give {role!r} {action} back; Lambda "
            "retries the denied message when its visibility timeout ends (30 s by default).",
            f"a 'Stored visit' line after the denial, its item in {table}",
            "nothing stored since the denial",
        )
    depth = _queue_depth(cloud, queue)
    if depth:
        return fail(
            where,
            f"{queue} still holds {depth} message(s): the denied message has not been "
            "processed yet (it is retried when its visibility timeout ends).",
            f"{queue} drained",
            f"{depth} message(s) left",
        )
    return ok(
        where,
        f"Since the denial the function stored {len(stored)} visit(s) (item {stored[-1]} is in "
        f"{table}) and {queue} is drained.",
        "stored after the denial",
    )


def _denied_execution(cloud: Cloud, execution: dict[str, Any], role: str, action: str) -> bool:
    """Whether a failed execution's Lambda task was denied ``action`` for the machine's role."""
    events = cloud.sfn.get_execution_history(executionArn=execution["executionArn"])["events"]
    for event in events:
        details = event.get("taskFailedEventDetails") or event.get(
            "lambdaFunctionFailedEventDetails"
        )
        if not details or details.get("error") != "Lambda.AWSLambdaException":
            continue
        cause = str(details.get("cause", ""))
        if f"assumed-role/{role}/" in cause and f"is not authorized to perform: {action}" in cause:
            return True
    return False


def _denials(cloud: Cloud, state_machine: str, action: str) -> tuple[str, list[Any], list[Any]]:
    """The machine's role, its executions denied ``action`` and all its executions."""
    machine = find_state_machine(cloud, state_machine)
    if machine is None:
        return "", [], []
    role = role_name_of(str(machine["roleArn"]))
    runs = cloud.sfn.list_executions(stateMachineArn=machine["stateMachineArn"])["executions"]
    denied = [
        e for e in runs if e["status"] == "FAILED" and _denied_execution(cloud, e, role, action)
    ]
    return role, denied, runs


@check(state_machine=Param(str), action=Param(str, False, "lambda:InvokeFunction"))
def execution_denied(
    cloud: Cloud, state_machine: str, action: str = "lambda:InvokeFunction"
) -> CheckResult:
    """An execution failed because the machine's role may not do ``action`` (AWS's message)."""
    where = f"executions of {state_machine}"
    role, denied, runs = _denials(cloud, state_machine, action)
    if not role:
        return fail(where, f"There is no state machine {state_machine!r}.", state_machine, "none")
    if not denied:
        statuses = ", ".join(sorted({e["status"] for e in runs})) or "no executions"
        return fail(
            where,
            f"No execution of {state_machine!r} failed for want of {action} yet: remove it from "
            f"{role!r}, then start an execution.",
            f"a FAILED execution: Lambda.AWSLambdaException, {role} not authorized: {action}",
            statuses,
        )
    return ok(
        where,
        f"Execution {denied[0]['name']} failed: {role!r} is not authorized to perform {action}.",
        "Lambda.AWSLambdaException",
    )


@check(state_machine=Param(str), action=Param(str, False, "lambda:InvokeFunction"))
def succeeded_after_denial(
    cloud: Cloud, state_machine: str, action: str = "lambda:InvokeFunction"
) -> CheckResult:
    """An execution started after the last denied one succeeded (the same machine, role fixed)."""
    where = f"executions of {state_machine}"
    role, denied, runs = _denials(cloud, state_machine, action)
    if not denied:
        return fail(
            where,
            f"No execution of {state_machine!r} was denied {action}: do the step before first "
            "(on the same state machine; a new one has no such execution).",
            "a denied execution, then a succeeded one",
            "no denied execution",
        )
    since = max(e["startDate"] for e in denied)
    later = [e for e in runs if e["startDate"] > since]
    if not any(e["status"] == "SUCCEEDED" for e in later):
        statuses = ", ".join(sorted({e["status"] for e in later})) or "no execution since"
        return fail(
            where,
            f"No execution started after the denied one has succeeded: give {role!r} {action} "
            "back, then start an execution again.",
            "SUCCEEDED after the denial",
            statuses,
        )
    return ok(
        where, f"With {action} back, an execution of {state_machine!r} succeeded.", "SUCCEEDED"
    )
