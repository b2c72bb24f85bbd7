"""Checks for delay queues, message timers, visibility vs function timeout, and polling.

Polling figures come from the cloud's own counts of the ReceiveMessage requests each queue
answered (``/_courseware/sqs-receive-counts/``, see ``cloud/events/sqs_receive_counts.py``),
so a learner's measurement is compared with what the queue really saw.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from courseware.cloud.endpoint import credentials
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
from courseware.course.checks.lambda_checks import event_source_mapping, get_function
from courseware.course.checks.outcome_checks import probe_token
from courseware.course.checks.sqs_checks import queue_attributes


def receive_counts(cloud: Cloud, queue: str) -> dict[str, int] | None:
    """The cloud's counts of short/long polls (and empty ones) the queue answered."""
    account = (cloud.creds or credentials()).account_id
    name = urllib.parse.quote(queue, safe="")
    url = f"{cloud.endpoint.url}/_courseware/sqs-receive-counts/{account}/{name}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return {str(k): int(v) for k, v in json.loads(response.read()).items()}
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


@check(queue=Param(str), seconds=Param(int))
def message_timer(cloud: Cloud, queue: str, seconds: int) -> CheckResult:
    """A message sent with its own DelaySeconds (>= seconds, longer than the queue's delay)."""
    where = f"queue {queue}"
    attrs = queue_attributes(cloud, queue)
    if attrs is None:
        return fail(where, f"There is no queue named {queue!r} yet.", "queue", "no such queue")
    queue_delay = int(attrs.get("DelaySeconds", 0))
    if queue_delay >= seconds:
        return fail(
            where,
            f"The queue's own delay is {queue_delay} s: set the {seconds} s on the message"
            " (send-message --delay-seconds), not on the queue.",
            f"queue delay < {seconds}",
            str(queue_delay),
        )
    url = str(cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"])
    held = cloud.sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0, AttributeNames=["All"]
    ).get("Messages", [])
    gaps = [
        (
            int(m["Attributes"]["ApproximateFirstReceiveTimestamp"])
            - int(m["Attributes"]["SentTimestamp"])
        )
        / 1000.0
        for m in held
    ]
    if any(gap >= seconds - 1 for gap in gaps):
        best = max(gaps)
        return ok(
            where,
            f"A message first became receivable {best:.0f} s after it was sent.",
            f">= {seconds} s",
            f"{best:.0f} s",
        )
    delayed = int(attrs.get("ApproximateNumberOfMessagesDelayed", 0))
    if delayed:
        return fail(
            where,
            f"{delayed} message(s) still delayed: wait for the timer to run out.",
            f"a message delayed {seconds} s",
            f"{delayed} delayed",
        )
    shown = ", ".join(f"{g:.0f} s" for g in gaps) or "no message"
    return fail(
        where,
        f"No message in {queue!r} was held back {seconds} s (first receivable after: {shown}).",
        f">= {seconds} s",
        shown,
    )


@check(queue=Param(str), function=Param(str), factor=Param(int, False, 6))
def visibility_covers(cloud: Cloud, queue: str, function: str, factor: int = 6) -> CheckResult:
    """The trigger exists and the queue's visibility timeout is ``factor`` x the function timeout."""
    mapping = event_source_mapping(cloud, queue, function)
    if not mapping.passed:
        return mapping
    attrs = queue_attributes(cloud, queue) or {}
    config = get_function(cloud, function) or {}
    visibility, timeout = int(attrs.get("VisibilityTimeout", 30)), int(config.get("Timeout", 3))
    where = f"queue {queue}"
    if visibility < factor * timeout:
        return fail(
            where,
            f"Visibility timeout {visibility} s; AWS recommends at least {factor} x the function's"
            f" {timeout} s timeout, so Lambda can retry a throttled batch before it reappears.",
            f">= {factor * timeout} s",
            f"{visibility} s",
        )
    return ok(
        where,
        f"Visibility timeout {visibility} s covers {factor} x {timeout} s.",
        f">= {factor * timeout} s",
        f"{visibility} s",
    )


@probe(empty="function {function} does not exist yet", function=Param(str))
def trigger_refusal(cloud: Cloud, function: str) -> list[str]:
    """The error code Lambda answers to a trigger from a queue shorter than the function timeout.

    Tried on a scratch queue whose visibility timeout is one second less than the function's
    timeout, deleted again (and any mapping Lambda accepted, which then answers nothing).
    """
    config = get_function(cloud, function)
    if config is None or int(config.get("Timeout", 3)) < 2:
        return []
    name = probe_token()
    url = str(
        cloud.sqs.create_queue(
            QueueName=name, Attributes={"VisibilityTimeout": str(int(config["Timeout"]) - 1)}
        )["QueueUrl"]
    )
    try:
        arn = str(queue_attributes(cloud, name)["QueueArn"])  # type: ignore[index]
        try:
            made = cloud.lambda_.create_event_source_mapping(
                FunctionName=function, EventSourceArn=arn
            )
        except Exception as exc:
            code = client_error_code(exc)
            if code:
                return [code]
            raise
        cloud.lambda_.delete_event_source_mapping(UUID=made["UUID"])
        return []
    finally:
        cloud.sqs.delete_queue(QueueUrl=url)


@check(queue=Param(str), empty_at_least=Param(int, False, 3))
def short_polled(cloud: Cloud, queue: str, empty_at_least: int = 3) -> CheckResult:
    """The learner short-polled the queue (wait 0) and got empty answers."""
    where = f"queue {queue}"
    counted = receive_counts(cloud, queue)
    if counted is None:
        return fail(where, f"There is no queue named {queue!r} yet.", "queue", "no such queue")
    if counted["short_empty"] < empty_at_least:
        return fail(
            where,
            f"{queue!r} answered {counted['short']} short poll(s), {counted['short_empty']} of them"
            f" empty; make at least {empty_at_least} receive-message calls with --wait-time-seconds 0"
            " while it is empty.",
            f">= {empty_at_least} empty short polls",
            str(counted["short_empty"]),
        )
    return ok(
        where,
        f"{counted['short_empty']} empty short poll(s) counted on {queue!r}.",
        "empty short polls",
        str(counted["short_empty"]),
    )


@probe(
    numeric=True,
    empty="queue {queue} has answered no empty short poll yet",
    queue=Param(str),
)
def empty_short_polls(cloud: Cloud, queue: str) -> list[str]:
    """How many short polls of the queue came back empty, as the cloud counted them."""
    counted = receive_counts(cloud, queue)
    return [str(counted["short_empty"])] if counted and counted["short_empty"] else []


@check(queue=Param(str))
def long_polled(cloud: Cloud, queue: str) -> CheckResult:
    """The queue long-polls by default (ReceiveMessageWaitTimeSeconds 1-20) and was long-polled."""
    where = f"queue {queue}"
    attrs = queue_attributes(cloud, queue)
    counted = receive_counts(cloud, queue)
    if attrs is None or counted is None:
        return fail(where, f"There is no queue named {queue!r} yet.", "queue", "no such queue")
    wait = int(attrs.get("ReceiveMessageWaitTimeSeconds", 0))
    if wait < 1:
        return fail(
            where,
            f"{queue!r} short-polls by default (ReceiveMessageWaitTimeSeconds {wait}): set 1 to 20.",
            "1-20",
            str(wait),
        )
    if counted["long"] < 1:
        return fail(
            where, f"Nobody has long-polled {queue!r} yet: receive from it.", ">= 1 long poll", "0"
        )
    return ok(
        where,
        f"{queue!r} long-polls ({wait} s); {counted['long']} long poll(s) answered.",
        "long polling",
        f"{wait} s",
    )


@check(function=Param(str), seconds=Param(int))
def function_timeout(cloud: Cloud, function: str, seconds: int) -> CheckResult:
    """The function's timeout is at least ``seconds``."""
    where = f"function {function}"
    config = get_function(cloud, function)
    if config is None:
        return fail(where, f"There is no Lambda function named {function!r} yet.", where, "none")
    timeout = int(config.get("Timeout", 3))
    if timeout < seconds:
        return fail(
            where,
            f"Timeout is {timeout} s; set at least {seconds} s (Configuration → Timeout).",
            f">= {seconds} s",
            f"{timeout} s",
        )
    return ok(where, f"{function!r} may run for {timeout} s.", f">= {seconds} s", f"{timeout} s")
