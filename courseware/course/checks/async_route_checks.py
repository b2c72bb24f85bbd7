"""Where an Event invoke's outcome lands: each check invokes with a probe order and looks."""

from __future__ import annotations

import json
from typing import Any

from courseware.course.checks import async_probe as ap
from courseware.course.checks.async_checks import FAILING, GOOD, _no_function
from courseware.course.checks.base import CheckResult, Cloud, Param, check, fail, ok
from courseware.course.checks.lambda_checks import get_function, invocation_logs
from courseware.course.checks.outcome_checks import fill, probe_token


def _arrange(
    cloud: Cloud, function: str, queue: str, key: str
) -> tuple[CheckResult | None, str | None]:
    """(a failure to report now, the queue's URL)."""
    if get_function(cloud, function) is None:
        return _no_function(function), None
    url = ap.queue_url(cloud, queue)
    if url is None:
        return fail(
            f"queue {queue}", f"There is no queue named {queue!r} yet.", queue, "none"
        ), None
    target = ap.destination(cloud, function, key)
    if key and not target.endswith(f":{queue}"):
        return fail(
            f"function {function}",
            f"{function!r}'s {key} destination is {target or 'not set'}; the lab sends it to "
            f"the queue {queue!r} (its ARN).",
            f"{key} → {queue}",
            target or "not set",
        ), None
    return None, url


def tidy_dead_letter(cloud: Cloud, function: str, token: str) -> None:
    """Take the probe's copy back from the function's dead-letter queue, if it has one."""
    config = get_function(cloud, function) or {}
    target = str((config.get("DeadLetterConfig") or {}).get("TargetArn", ""))
    url = ap.queue_url(cloud, target.rsplit(":", 1)[-1]) if ":sqs:" in target else None
    if url is not None:
        ap.take_message(cloud, url, token)


def _handled_line(cloud: Cloud, handler: str, token: str) -> str | None:
    for invocation in invocation_logs(cloud, handler):
        for line in invocation:
            if f"FAILED order {token}" in line:
                return line
    return None


@check(
    function=Param(str),
    queue=Param(str),
    attempts=Param(int),
    handled_by=Param(str, False, ""),
)
def async_failure_recorded(
    cloud: Cloud, function: str, queue: str, attempts: int, handled_by: str = ""
) -> CheckResult:
    """An Event invoke with a failing order ends as an invocation record in ``queue``
    (RetriesExhausted after ``attempts`` runs), or, once ``handled_by`` reads that queue, in
    its log."""
    problem, url = _arrange(cloud, function, queue, "OnFailure")
    if problem is not None or url is None:
        return problem or _no_function(function)
    where = f"{function} → OnFailure → {queue}"
    memo = ("failure", cloud.endpoint.url, function, queue)
    print_ = ap.fingerprint(cloud, function, *([handled_by] if handled_by else []))
    wanted = f"a RetriesExhausted record after {attempts} attempts"
    if ap.proven(memo, print_):
        return ok(where, f"A failed event reaches {queue!r} after {attempts} attempts.", wanted)
    token = probe_token()
    ap.invoke_event(cloud, function, fill(FAILING, token))
    found = ap.wait_for(
        lambda: (
            ap.take_message(cloud, url, token)
            or (_handled_line(cloud, handled_by, token) if handled_by else None)
        )
    )
    if found is None:
        return fail(
            where,
            f"The check invoked {function!r} (Event) with a failing order; nothing reached "
            f"{queue!r} within {ap.PROBE_WAIT:.0f} s. Does the function raise for it, and may its "
            "role send to the queue (sqs:SendMessage)?",
            wanted,
            "no record",
        )
    tidy_dead_letter(cloud, function, token)
    if isinstance(found, str):  # the failure handler took the record first
        ap.remember(memo, print_)
        return ok(where, f"The failed event reached {queue!r} and {handled_by!r}: {found}", wanted)
    context = json.loads(found["Body"]).get("requestContext", {})
    got = f"a {context.get('condition')} record after {context.get('approximateInvokeCount')} attempts"
    if got != wanted:
        return fail(where, f"{queue!r} got {got}; set the retries this lab asks for.", wanted, got)
    ap.remember(memo, print_)
    return ok(where, f"The failed event reached {queue!r}: {got}.", wanted)


def _not_wired(cloud: Cloud, function: str, handler: str) -> str | None:
    """Why a failed event of ``function`` cannot reach ``handler`` (None: it can)."""
    target = ap.destination(cloud, function, "OnFailure")
    if not target:
        return f"{function!r} has no OnFailure destination: failed events go nowhere."
    handler_arn = str((get_function(cloud, handler) or {}).get("FunctionArn", ""))
    if target == handler_arn:  # the handler is the destination itself: no queue between
        return None
    mappings = cloud.lambda_.list_event_source_mappings(FunctionName=handler)
    for mapping in mappings.get("EventSourceMappings", []):
        if mapping.get("EventSourceArn") == target and mapping.get("State") in {
            "Enabled",
            "Enabling",
            "Creating",
            "Updating",
        }:
            return None
    return (
        f"{handler!r} has no enabled trigger from {target.rsplit(':', 1)[-1]!r}, "
        f"{function!r}'s OnFailure destination: create (or enable) the event source mapping."
    )


@check(function=Param(str), handler=Param(str))
def failure_handled(cloud: Cloud, function: str, handler: str) -> CheckResult:
    """A failing order invoked as an Event is handled by ``handler`` (its log names the order)."""
    for name in (function, handler):
        if get_function(cloud, name) is None:
            return _no_function(name)
    where = f"{function} → OnFailure → {handler}"
    unwired = _not_wired(cloud, function, handler)
    if unwired is not None:
        return fail(where, unwired, f"OnFailure → a queue that triggers {handler}", "not wired")
    memo = ("handled", cloud.endpoint.url, function, handler)
    print_ = ap.fingerprint(cloud, function, handler)
    wanted = "FAILED order <the probe's id>: … in its log"
    if ap.proven(memo, print_):
        return ok(where, f"{handler!r} handles {function!r}'s failed events.", wanted)
    token = probe_token()
    ap.invoke_event(cloud, function, fill(FAILING, token))
    line = ap.wait_for(lambda: _handled_line(cloud, handler, token))
    if line is None:
        return fail(
            where,
            f"The check invoked {function!r} (Event) with a failing order {token}; within "
            f"{ap.PROBE_WAIT:.0f} s no line 'FAILED order {token}: …' appeared in "
            f"/aws/lambda/{handler}. Is the trigger from the OnFailure queue enabled, and does "
            "the handler print that line?",
            wanted,
            "no such line",
        )
    tidy_dead_letter(cloud, function, token)
    ap.remember(memo, print_)
    return ok(where, f"{handler!r} logged: {line}", wanted)


@check(function=Param(str), queue=Param(str))
def async_success_recorded(cloud: Cloud, function: str, queue: str) -> CheckResult:
    """An Event invoke with a good order ends as a Success record in ``queue``."""
    problem, url = _arrange(cloud, function, queue, "OnSuccess")
    if problem is not None or url is None:
        return problem or _no_function(function)
    where = f"{function} → OnSuccess → {queue}"
    memo = ("success", cloud.endpoint.url, function, queue)
    print_ = ap.fingerprint(cloud, function)
    wanted = "a Success record with the function's result"
    if ap.proven(memo, print_):
        return ok(where, f"A successful event's record reaches {queue!r}.", wanted)
    token = probe_token()
    ap.invoke_event(cloud, function, fill(GOOD, token))
    found = ap.wait_for(lambda: ap.take_message(cloud, url, token))
    if found is None:
        return fail(
            where,
            f"The check invoked {function!r} (Event) with a good order; no record reached "
            f"{queue!r} within {ap.PROBE_WAIT:.0f} s. May the role send to it?",
            wanted,
            "no record",
        )
    record: dict[str, Any] = json.loads(found["Body"])
    condition = record.get("requestContext", {}).get("condition")
    if condition != "Success" or token not in json.dumps(record.get("responsePayload")):
        return fail(where, f"{queue!r} got a {condition} record.", wanted, str(condition))
    ap.remember(memo, print_)
    return ok(where, f"The record in {queue!r} holds the result: {record['responsePayload']}.")


@check(function=Param(str), queue=Param(str))
def async_dead_lettered(cloud: Cloud, function: str, queue: str) -> CheckResult:
    """An Event invoke with a failing order lands in the DLQ ``queue`` as it was sent."""
    problem, url = _arrange(cloud, function, queue, "")
    if problem is not None or url is None:
        return problem or _no_function(function)
    config = get_function(cloud, function) or {}
    target = str((config.get("DeadLetterConfig") or {}).get("TargetArn", ""))
    where = f"{function} → DLQ {queue}"
    if not target.endswith(f":{queue}"):
        return fail(
            where,
            f"{function!r}'s dead-letter queue is {target or 'not set'}: set DeadLetterConfig.",
            queue,
            target or "not set",
        )
    memo = ("dlq", cloud.endpoint.url, function, queue)
    print_ = ap.fingerprint(cloud, function)
    wanted = "the failed event as sent, with an ErrorMessage attribute"
    if ap.proven(memo, print_):
        return ok(where, f"A failed event lands in {queue!r} as it was sent.", wanted)
    token = probe_token()
    event = fill(FAILING, token)
    ap.invoke_event(cloud, function, event)
    found = ap.wait_for(lambda: ap.take_message(cloud, url, token))
    if found is None:
        return fail(
            where,
            f"The check invoked {function!r} (Event) with a failing order; nothing reached "
            f"{queue!r} within {ap.PROBE_WAIT:.0f} s. May the role send to it (sqs:SendMessage)?",
            wanted,
            "nothing",
        )
    attributes = found.get("MessageAttributes", {})
    if json.loads(found["Body"]) != event or "ErrorMessage" not in attributes:
        return fail(where, f"{queue!r} got {found['Body'][:150]}.", wanted, found["Body"][:150])
    message = attributes["ErrorMessage"]["StringValue"]
    ap.remember(memo, print_)
    return ok(where, f"The failed event landed in {queue!r} with ErrorMessage {message!r}.")
