"""Checks for dead-letter queues: poison messages dead-lettered, partial batch responses, redrive.

The function checks invoke the learner's function with a probe batch shaped as Lambda's
poller sends it (``courseware-probe`` ClientContext: no log lines) and read its answer.
"""

from __future__ import annotations

import json
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
)
from courseware.course.checks.lambda_checks import get_function
from courseware.course.checks.outcome_checks import invoke_quietly, probe_token, sqs_event
from courseware.course.checks.sqs_checks import queue_attributes, queue_message_count


def _arn(cloud: Cloud, queue: str) -> str | None:
    attrs = queue_attributes(cloud, queue)
    return None if attrs is None else str(attrs["QueueArn"])


def _batch(queue_arn: str, bodies: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """A poller-shaped event of several records, and their message ids."""
    token = probe_token()
    records: list[dict[str, Any]] = []
    for n, body in enumerate(bodies):
        records += sqs_event(queue_arn, f"{token}-{n}", json.dumps(body))["Records"]
    return {"Records": records}, [r["messageId"] for r in records]


def _missing(where: str, function: str, queue: str) -> CheckResult:
    return fail(
        where, f"Function {function!r} or queue {queue!r} does not exist yet.", "both", "missing"
    )


def _failures(text: str) -> set[str] | None:
    """The itemIdentifiers of a partial batch response (None: not one)."""
    try:
        answer = json.loads(text or "null")
    except ValueError:
        return None
    if not isinstance(answer, dict) or not isinstance(answer.get("batchItemFailures"), list):
        return None
    return {
        str(f.get("itemIdentifier")) for f in answer["batchItemFailures"] if isinstance(f, dict)
    }


def _redriven_count(cloud: Cloud, dlq_arn: str) -> int:
    """How many messages completed move tasks took out of the DLQ."""
    tasks = cloud.sqs.list_message_move_tasks(SourceArn=dlq_arn, MaxResults=10)["Results"]
    return sum(
        int(t.get("ApproximateNumberOfMessagesMoved", 0))
        for t in tasks
        if t["Status"] == "COMPLETED"
    )


@check(queue=Param(str), dead_letter_queue=Param(str))
def dead_lettered(cloud: Cloud, queue: str, dead_letter_queue: str) -> CheckResult:
    """The DLQ holds a message moved there by the queue's redrive policy (received enough times)."""
    where = f"queue {dead_letter_queue}"
    attrs = queue_attributes(cloud, queue)
    policy = json.loads((attrs or {}).get("RedrivePolicy", "{}") or "{}")
    limit = int(policy.get("maxReceiveCount", 0) or 0)
    dlq = queue_attributes(cloud, dead_letter_queue)
    if attrs is None or dlq is None or not limit:
        return fail(
            where,
            f"{queue!r} has no redrive policy to {dead_letter_queue!r}.",
            "a redrive policy",
            "none",
        )
    url = str(cloud.sqs.get_queue_url(QueueName=dead_letter_queue)["QueueUrl"])
    held = cloud.sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0,
        AttributeNames=["ApproximateReceiveCount"],
    ).get("Messages", [])  # fmt: skip
    # This look is itself a receive: a message that was received maxReceiveCount times in
    # the source queue now shows at least maxReceiveCount + 1.
    counts = [int(m["Attributes"]["ApproximateReceiveCount"]) - 1 for m in held]
    moved = [c for c in counts if c >= limit]
    if not moved and _redriven_count(cloud, str(dlq["QueueArn"])):
        return ok(where, f"{dead_letter_queue!r}'s dead letters were redriven since.", "redriven")
    if not moved:
        return fail(
            where,
            f"{dead_letter_queue!r} holds no message that failed {limit} times in {queue!r}: send"
            " a poison message and let the trigger retry it."
            + (
                f" (Receive counts there: {counts}; a message sent to the DLQ directly has 0.)"
                if counts
                else ""
            ),
            f"a message received {limit} times",
            f"{len(held)} message(s)",
        )
    return ok(
        where,
        f"A message was received {max(moved)} times in {queue!r}, then moved to {dead_letter_queue!r}.",
        f">= {limit} receives",
        str(max(moved)),
    )


@check(function=Param(str), queue=Param(str))
def processes_orders(cloud: Cloud, function: str, queue: str) -> CheckResult:
    """The function takes a batch of good orders without an error."""
    where = f"function {function}"
    arn = _arn(cloud, queue) if get_function(cloud, function) else None
    if arn is None:
        return _missing(where, function, queue)
    event, _ = _batch(arn, [{"order": "probe-1", "qty": 2}, {"order": "probe-2", "qty": 1}])
    _, error = invoke_quietly(cloud, function, event)
    if error:
        return fail(where, f"A batch of two good orders failed: {error}", "no error", error)
    return ok(where, f"{function!r} processes a batch of good orders.", "no error")


def _mapping_reports(cloud: Cloud, function: str, queue: str) -> bool:
    mappings = cloud.lambda_.list_event_source_mappings(FunctionName=function)
    return any(
        str(m.get("EventSourceArn", "")).endswith(f":{queue}")
        and "ReportBatchItemFailures" in (m.get("FunctionResponseTypes") or [])
        for m in mappings.get("EventSourceMappings", [])
    )


@check(function=Param(str), queue=Param(str), poison=Param(dict), good=Param(dict))
def partial_batch_response(
    cloud: Cloud, function: str, queue: str, poison: dict[str, Any], good: dict[str, Any]
) -> CheckResult:
    """The trigger reports batch item failures and the function names exactly the poison."""
    where = f"function {function}"
    arn = _arn(cloud, queue) if get_function(cloud, function) else None
    if arn is None:
        return _missing(where, function, queue)
    if not _mapping_reports(cloud, function, queue):
        return fail(
            f"trigger {queue} -> {function}",
            "The trigger does not use ReportBatchItemFailures: without it Lambda ignores a partial"
            " batch response and retries the whole batch.",
            "FunctionResponseTypes [ReportBatchItemFailures]",
            "none",
        )
    event, ids = _batch(arn, [good, poison, good])
    text, error = invoke_quietly(cloud, function, event)
    if error:
        return fail(
            where,
            f"A batch of [good, poison, good] failed as a whole ({error}): catch the error per"
            " record and return {'batchItemFailures': [{'itemIdentifier': messageId}]}.",
            "a partial batch response",
            "function error",
        )
    failed = _failures(text)
    if failed != {ids[1]}:
        return fail(
            where,
            f"For [good, poison, good] the function answered {text[:200]}; it must name only the"
            " poison's messageId in batchItemFailures.",
            f"batchItemFailures [{ids[1]}]",
            "none" if failed is None else str(sorted(failed)),
        )
    return ok(
        where, "Only the poison message is reported failed: the good ones are deleted.", "1 failure"
    )


@check(function=Param(str), queue=Param(str), fixed=Param(dict), bad=Param(dict))
def handles_fixed(
    cloud: Cloud, function: str, queue: str, fixed: dict[str, Any], bad: dict[str, Any]
) -> CheckResult:
    """The function now processes what used to be poison, and still reports truly bad records."""
    where = f"function {function}"
    arn = _arn(cloud, queue) if get_function(cloud, function) else None
    if arn is None:
        return _missing(where, function, queue)
    event, ids = _batch(arn, [fixed, bad])
    text, error = invoke_quietly(cloud, function, event)
    failed = None if error else _failures(text)
    if error or failed is None or ids[0] in failed:
        return fail(
            where,
            f"The order {json.dumps(fixed)} still fails ({error or text[:200]}).",
            "processed",
            "failed",
        )
    if failed != {ids[1]}:
        return fail(
            where,
            f"The unreadable order {json.dumps(bad)} must still be reported in batchItemFailures.",
            f"[{ids[1]}]",
            str(sorted(failed)),
        )
    return ok(where, f"{function!r} now processes {json.dumps(fixed)}.", "processed")


@check(queue=Param(str), dead_letter_queue=Param(str))
def redriven(cloud: Cloud, queue: str, dead_letter_queue: str) -> CheckResult:
    """A message move task moved the DLQ's messages back to the queue, where they were processed."""
    where = f"queue {dead_letter_queue}"
    dlq_arn, source_arn = _arn(cloud, dead_letter_queue), _arn(cloud, queue)
    if dlq_arn is None or source_arn is None:
        return fail(where, f"{queue!r} or {dead_letter_queue!r} does not exist.", "both", "missing")
    try:
        tasks = cloud.sqs.list_message_move_tasks(SourceArn=dlq_arn, MaxResults=10)["Results"]
    except Exception as exc:  # not a DLQ (any more): AWS refuses the listing
        return fail(where, f"Cannot list its move tasks: {exc}", "a move task", "none")
    done = [
        t for t in tasks
        if t["Status"] == "COMPLETED" and t.get("DestinationArn", source_arn) == source_arn
        and int(t.get("ApproximateNumberOfMessagesMoved", 0)) >= 1
    ]  # fmt: skip
    if not done:
        seen = ", ".join(
            f"{t['Status']} ({t.get('ApproximateNumberOfMessagesMoved', 0)} moved)" for t in tasks
        )
        return fail(
            where,
            f"No completed redrive moved messages from {dead_letter_queue!r} back to {queue!r}"
            f" (tasks: {seen or 'none'}).",
            "a COMPLETED move task",
            seen or "none",
        )
    left = queue_message_count(cloud, dead_letter_queue, at_least=0, at_most=0)
    waiting = queue_message_count(cloud, queue, at_least=0, at_most=0)
    if not left.passed or not waiting.passed:
        return fail(
            where,
            f"Messages remain ({dead_letter_queue}: {left.actual}, {queue}: {waiting.actual}):"
            " the fixed function should process every redriven one.",
            "both queues empty",
            f"{left.actual} / {waiting.actual}",
        )
    moved = int(done[0]["ApproximateNumberOfMessagesMoved"])
    return ok(
        where, f"{moved} message(s) redriven to {queue!r} and processed.", "redriven", str(moved)
    )


@probe(empty="queue {queue} does not exist, or SQS accepts a redrive from it", queue=Param(str))
def redrive_error(cloud: Cloud, queue: str) -> list[str]:
    """The error code SQS answers to StartMessageMoveTask from a queue that is no DLQ.

    Nothing moves: SQS refuses the task before it starts (a real DLQ is not asked).
    """
    arn = _arn(cloud, queue)
    if arn is None:
        return []
    url = str(cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"])
    if cloud.sqs.list_dead_letter_source_queues(QueueUrl=url).get("queueUrls"):
        return []  # a DLQ: a redrive would start
    try:
        handle = cloud.sqs.start_message_move_task(SourceArn=arn)["TaskHandle"]
    except Exception as exc:
        code = client_error_code(exc)
        if code:
            return [code]
        raise
    cloud.sqs.cancel_message_move_task(TaskHandle=handle)
    return []
