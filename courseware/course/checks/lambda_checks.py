"""Checks on Lambda functions, their invocations and their triggers."""

from __future__ import annotations

import re
from typing import Any

from courseware.course.checks.base import (
    RUNTIME_FAMILIES,
    CheckResult,
    Cloud,
    Param,
    check,
    client_error_code,
    fail,
    ok,
    unless_missing,
)
from courseware.course.checks.iam_checks import role_name_of


def get_function(cloud: Cloud, name: str) -> dict[str, Any] | None:
    """The function's configuration, or None when it does not exist."""
    return unless_missing(lambda: dict(cloud.lambda_.get_function_configuration(FunctionName=name)))


@check(
    function=Param(str),
    runtimes=Param(list, False, ["python", "node"]),
    handler=Param(dict, False, None),
    role=Param(str, False, None),
)
def function_exists(
    cloud: Cloud,
    function: str,
    runtimes: list[str] | None = None,
    handler: dict[str, str] | None = None,
    role: str | None = None,
) -> CheckResult:
    """The function exists with an accepted runtime family, handler (per family) and role."""
    config = get_function(cloud, function)
    where = f"function {function}"
    if config is None:
        return fail(
            where, f"There is no Lambda function named {function!r} yet.", where, "no such function"
        )
    runtime = str(config.get("Runtime", ""))
    families = runtimes or ["python", "node"]
    family = next((f for f in families if runtime.startswith(RUNTIME_FAMILIES[f])), None)
    if family is None:
        wanted = " or ".join(f"{RUNTIME_FAMILIES[f]}x" for f in families)
        return fail(
            where,
            f"Function {function!r} uses runtime {runtime}; this lab needs {wanted}.",
            wanted,
            runtime,
        )
    if handler and family in handler and config.get("Handler") != handler[family]:
        return fail(
            where,
            f"Function {function!r} has handler {config.get('Handler')!r}; for {runtime} the lab's "
            f"code needs {handler[family]!r} (file name . function name).",
            handler[family],
            str(config.get("Handler")),
        )
    actual_role = role_name_of(str(config.get("Role", "")))
    if role and actual_role != role:
        return fail(
            where,
            f"Function {function!r} runs with role {actual_role!r}; the lab needs {role!r}.",
            role,
            actual_role,
        )
    return ok(
        where,
        f"Function {function!r} exists ({runtime}, handler {config.get('Handler')}).",
        runtime,
    )


@check(function=Param(str), role_of=Param(str, False, None))
def function_role(cloud: Cloud, function: str, role_of: str | None = None) -> CheckResult:
    """The function exists and has an execution role (name reported)."""
    config = get_function(cloud, function)
    if config is None:
        return fail(
            f"function {function}",
            f"There is no Lambda function named {function!r} yet: create it first.",
            f"a function named {function}",
            "no such function",
        )
    role = role_name_of(str(config["Role"]))
    return ok(f"function {function}", f"Function {function!r} runs as role {role!r}.", role)


def invocation_logs(cloud: Cloud, function: str) -> list[list[str]]:
    """The function's log lines grouped per invocation (START … REPORT), oldest first."""
    group = f"/aws/lambda/{function}"
    events: list[tuple[int, str]] = []
    try:
        streams = cloud.logs.describe_log_streams(logGroupName=group)["logStreams"]
    except Exception as exc:
        if client_error_code(exc) == "ResourceNotFoundException":
            return []
        raise
    for stream in streams:
        response = cloud.logs.get_log_events(
            logGroupName=group, logStreamName=stream["logStreamName"]
        )
        events.extend((e["timestamp"], e["message"]) for e in response["events"])
    invocations: list[list[str]] = []
    current: list[str] | None = None
    for _, message in sorted(events, key=lambda e: e[0]):
        if message.startswith("START RequestId:"):
            current = [message]
        elif current is not None:
            current.append(message)
            if message.startswith("REPORT RequestId:"):
                invocations.append(current)
                current = None
    return invocations


def _succeeded(invocation: list[str]) -> bool:
    report = invocation[-1]
    body = "\n".join(invocation[1:-1])
    return (
        "Status: error" not in report
        and "Status: timeout" not in report
        and "[ERROR]" not in body
        and "\tERROR\tInvoke Error" not in body
    )


@check(
    function=Param(str), log_pattern=Param(str, False, None), event_contains=Param(str, False, None)
)
def function_invoked(
    cloud: Cloud, function: str, log_pattern: str | None = None, event_contains: str | None = None
) -> CheckResult:
    """The function ran successfully at least once (optionally printing a line matching a pattern)."""
    where = f"function {function}"
    invocations = invocation_logs(cloud, function)
    if not invocations:
        return fail(
            where,
            f"Function {function!r} has not been invoked yet (its log group /aws/lambda/{function} "
            "has no START/REPORT lines): run a test event.",
            "at least one invocation",
            "no invocation logged",
        )
    good = [inv for inv in invocations if _succeeded(inv)]
    if not good:
        last = next(
            (line for line in invocations[-1] if "[ERROR]" in line or "Error" in line),
            invocations[-1][-1],
        )
        return fail(
            where,
            f"Function {function!r} ran {len(invocations)} time(s) but never succeeded. Last error: {last}",
            "a successful invocation",
            "only failed invocations",
        )
    needle = log_pattern or (re.escape(event_contains) if event_contains else None)
    if needle and not any(re.search(needle, line) for inv in good for line in inv):
        return fail(
            where,
            f"Function {function!r} ran, but no successful invocation logged a line matching {needle!r}.",
            f"a log line matching {needle!r}",
            f"{len(good)} successful invocation(s) without it",
        )
    return ok(
        where,
        f"Function {function!r} ran successfully {len(good)} time(s).",
        "a successful invocation",
    )


@check(
    function=Param(str),
    not_sha256=Param(list, False, None),
    event=Param((dict, list, str), False, None),
    output_contains=Param(str, False, None),
)
def code_deployed(
    cloud: Cloud,
    function: str,
    not_sha256: list[str] | None = None,
    event: Any = None,
    output_contains: str | None = None,
) -> CheckResult:
    """Deployed code is not the starter (``not_sha256``) and, invoked with ``event`` (a probe
    that leaves no log lines; ``{probe}`` is a unique value), returns ``output_contains``.

    The console's default "Hello from Lambda" code has another hash than the starter, so the
    invocation is what proves the asked-for change was made and deployed.
    """
    where = f"function {function}"
    config = get_function(cloud, function)
    if config is None:
        return fail(
            where,
            f"There is no Lambda function named {function!r} yet: create it first.",
            f"a function named {function}",
            "no such function",
        )
    if not_sha256 and config.get("CodeSha256") in not_sha256:
        return fail(
            where,
            f"Function {function!r} still runs the unmodified starter code: edit it and Deploy.",
            "your edited code, deployed",
            "the starter code, unchanged",
        )
    if event is not None and output_contains:
        from courseware.course.checks.outcome_checks import function_output

        result = function_output(cloud, function, event, output_contains)
        if not result.passed:
            return result
        return ok(
            where, f"Function {function!r} runs your edited code. {result.message}", result.expected
        )
    return ok(where, f"Function {function!r} runs your edited code.", "edited code")


@check(
    queue=Param(str),
    function=Param(str),
    enabled=Param(bool, False, True),
    batch_size_max=Param(int, False, 10),
)
def event_source_mapping(
    cloud: Cloud, queue: str, function: str, enabled: bool = True, batch_size_max: int = 10
) -> CheckResult:
    """An SQS trigger connects the queue to the function (enabled, sensible batch size)."""
    where = f"trigger {queue} -> {function}"
    mappings = (
        cloud.lambda_.list_event_source_mappings(FunctionName=function).get(
            "EventSourceMappings", []
        )
        if get_function(cloud, function)
        else []
    )
    ours = [m for m in mappings if str(m.get("EventSourceArn", "")).endswith(f":{queue}")]
    if not ours:
        arns = ", ".join(str(m.get("EventSourceArn")) for m in mappings) or "none"
        return fail(
            where,
            f"Function {function!r} has no SQS trigger for queue {queue!r}.",
            f"a trigger from {queue}",
            f"triggers: {arns}",
        )
    mapping = ours[0]
    state = str(mapping.get("State", ""))
    if enabled and state not in {"Enabled", "Enabling", "Updating"}:
        return fail(
            where,
            f"The trigger from {queue!r} exists but is {state}: enable it so Lambda polls the queue.",
            "Enabled",
            state,
        )
    size = int(mapping.get("BatchSize", 10))
    if size > batch_size_max:
        return fail(
            where,
            f"The trigger's batch size is {size}; use at most {batch_size_max} for this lab.",
            f"<= {batch_size_max}",
            str(size),
        )
    return ok(
        where, f"Queue {queue!r} triggers {function!r} ({state}, batch size {size}).", "Enabled"
    )
