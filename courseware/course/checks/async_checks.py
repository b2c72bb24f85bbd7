"""Asynchronous invocation checks: retries read in the logs, the async config, and where an
Event invoke's outcome lands (OnFailure / OnSuccess destinations, a failure handler, a DLQ)."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from courseware.course.checks.base import (
    CheckResult,
    Cloud,
    Param,
    check,
    client_error_code,
    fail,
    ok,
    probe,
    unless_missing,
)
from courseware.course.checks.lambda_checks import _succeeded, get_function, invocation_logs
from courseware.course.checks.outcome_checks import fill, invoke_quietly, probe_token

FAILING = {"orderId": "{probe}", "amount": -1}
GOOD = {"orderId": "{probe}", "amount": 5}


def _no_function(function: str) -> CheckResult:
    return fail(
        f"function {function}",
        f"There is no Lambda function named {function!r} yet: create it first.",
        f"a function named {function}",
        "no such function",
    )


@check(function=Param(str), event=Param(dict))
def function_raises(cloud: Cloud, function: str, event: dict[str, Any]) -> CheckResult:
    """Invoked with ``event`` ({probe}: a unique value), the function fails (raises)."""
    if get_function(cloud, function) is None:
        return _no_function(function)
    event = fill(event, probe_token())
    output, error = invoke_quietly(cloud, function, event)
    where = f"function {function}"
    if error is None:
        return fail(
            where,
            f"Invoked with {json.dumps(event)}, {function!r} returned {output[:150]}: a returned "
            "value is a success for Lambda, so it would never retry the event or send it to an "
            "OnFailure destination. Raise (throw) an error for this order and Deploy.",
            "a function error",
            output[:150],
        )
    return ok(where, f"Invoked with {json.dumps(event)}, {function!r} failed: {error}.", error)


def attempts_per_request(cloud: Cloud, function: str) -> Counter[str]:
    """How many failed runs each request id of the function's log had."""
    counts: Counter[str] = Counter()
    for invocation in invocation_logs(cloud, function):
        match = re.match(r"START RequestId: (\S+)", invocation[0])
        if match and not _succeeded(invocation):
            counts[match.group(1)] += 1
    return counts


@check(function=Param(str), attempts=Param(int, False, 3))
def async_retried(cloud: Cloud, function: str, attempts: int = 3) -> CheckResult:
    """The function's log shows one request id failing ``attempts`` times (Lambda's retries)."""
    where = f"log group /aws/lambda/{function}"
    counts = attempts_per_request(cloud, function)
    most = max(counts.values(), default=0)
    if most >= attempts:
        return ok(where, f"One request failed {most} times: the first attempt and its retries.")
    return fail(
        where,
        f"No request id of {function!r} failed {attempts} times yet (the most is {most}). Invoke "
        "it with --invocation-type Event and a failing order; a RequestResponse invoke is tried "
        "once, and the retries come a few seconds after the first attempt.",
        f"a request id with {attempts} failed START lines",
        f"at most {most}",
    )


@probe(
    numeric=True,
    empty="function {function} has no failed invocation logged yet",
    function=Param(str),
)
def async_attempts(cloud: Cloud, function: str) -> list[str]:
    """The most failed runs one request id had in the function's log."""
    counts = attempts_per_request(cloud, function)
    return [str(max(counts.values()))] if counts else []


@check(function=Param(str), retries=Param(int), max_age=Param(int))
def event_invoke_config(cloud: Cloud, function: str, retries: int, max_age: int) -> CheckResult:
    """The function's asynchronous invocation config has these retry attempts and event age."""
    if get_function(cloud, function) is None:
        return _no_function(function)
    config = unless_missing(
        lambda: cloud.lambda_.get_function_event_invoke_config(FunctionName=function)
    )
    wanted = f"MaximumRetryAttempts {retries}, MaximumEventAgeInSeconds {max_age}"
    if config is None:
        return fail(
            f"function {function}",
            f"{function!r} has no asynchronous invocation config yet (the defaults apply: 2 "
            "retries, 6 hours). Put one.",
            wanted,
            "no config",
        )
    found = (
        f"MaximumRetryAttempts {config.get('MaximumRetryAttempts', 'unset (2)')}, "
        f"MaximumEventAgeInSeconds {config.get('MaximumEventAgeInSeconds', 'unset (21600)')}"
    )
    if found != wanted:
        return fail(f"function {function}", f"{function!r} has {found}.", wanted, found)
    return ok(f"function {function}", f"{function!r} has {wanted}.", wanted)


@probe(
    empty="function {function} does not exist", function=Param(str), retries=Param(int, False, 3)
)
def invoke_config_error(cloud: Cloud, function: str, retries: int = 3) -> list[str]:
    """The error code Lambda answers an UpdateFunctionEventInvokeConfig with ``retries``."""
    if get_function(cloud, function) is None:
        return []
    try:
        cloud.lambda_.update_function_event_invoke_config(
            FunctionName=function, MaximumRetryAttempts=retries
        )
    except Exception as exc:
        code = client_error_code(exc)
        if code:
            return [code]
        raise
    return []
