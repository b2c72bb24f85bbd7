"""Checks on SQS queues and their messages."""

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
    unless_missing,
)


def queue_attributes(cloud: Cloud, queue: str) -> dict[str, str] | None:
    """All attributes of a queue by name, or None when it does not exist."""
    url = unless_missing(lambda: str(cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"]))
    if url is None:
        return None
    return dict(cloud.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"])


def _near_names(cloud: Cloud, queue: str) -> str:
    urls = cloud.sqs.list_queues().get("QueueUrls", [])
    names = [u.rsplit("/", 1)[-1] for u in urls]
    return ", ".join(names) or "no queues"


@check(
    queue=Param(str),
    fifo=Param(bool, False, False),
    attributes=Param(dict, False, None),
    dead_letter_queue=Param(str, False, None),
    max_receive_count=Param(int, False, None),
)
def queue_exists(
    cloud: Cloud,
    queue: str,
    fifo: bool = False,
    attributes: dict[str, Any] | None = None,
    dead_letter_queue: str | None = None,
    max_receive_count: int | None = None,
) -> CheckResult:
    """The queue exists, of the right type (standard/FIFO), with attributes and redrive policy."""
    where = f"queue {queue}"
    attrs = queue_attributes(cloud, queue)
    kind = "FIFO" if fifo else "standard"
    if attrs is None:
        if not fifo and queue_attributes(cloud, queue + ".fifo") is not None:
            return fail(
                where,
                f"You created {queue}.fifo, a FIFO queue; the lab needs a standard queue named {queue!r}.",
                "standard queue",
                "FIFO queue",
            )
        return fail(
            where,
            f"There is no queue named {queue!r} yet (existing: {_near_names(cloud, queue)}).",
            f"{kind} queue {queue}",
            "no such queue",
        )
    is_fifo = attrs.get("FifoQueue") == "true"
    if is_fifo != fifo:
        return fail(
            where,
            f"Queue {queue!r} is a {'FIFO' if is_fifo else 'standard'} queue; the lab needs a {kind} queue.",
            kind,
            "FIFO" if is_fifo else "standard",
        )
    for key, value in (attributes or {}).items():
        if str(attrs.get(key)) != str(value):
            return fail(
                where,
                f"Queue {queue!r} has {key} = {attrs.get(key)}; the lab needs {value}.",
                f"{key}={value}",
                f"{key}={attrs.get(key)}",
            )
    if dead_letter_queue:
        policy = json.loads(attrs.get("RedrivePolicy", "{}") or "{}")
        target = str(policy.get("deadLetterTargetArn", "")).rsplit(":", 1)[-1]
        if target != dead_letter_queue:
            return fail(
                where,
                f"Queue {queue!r} does not send failed messages to {dead_letter_queue!r}.",
                f"dead-letter queue {dead_letter_queue}",
                target or "no redrive policy",
            )
        if (
            max_receive_count is not None
            and int(policy.get("maxReceiveCount", 0)) != max_receive_count
        ):
            return fail(
                where,
                f"maxReceiveCount is {policy.get('maxReceiveCount')}; the lab needs {max_receive_count}.",
                str(max_receive_count),
                str(policy.get("maxReceiveCount")),
            )
    return ok(where, f"Queue {queue!r} exists ({kind}).", f"{kind} queue")


@check(queue=Param(str), at_least=Param(int, False, 1), at_most=Param(int, False, None))
def queue_message_count(
    cloud: Cloud, queue: str, at_least: int = 1, at_most: int | None = None
) -> CheckResult:
    """The queue holds a number of messages (visible + in flight + delayed) in a range."""
    attrs = queue_attributes(cloud, queue)
    where = f"queue {queue}"
    if attrs is None:
        return fail(where, f"There is no queue named {queue!r} yet.", "queue", "no such queue")
    keys = (
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
    )
    count = sum(int(attrs.get(k, 0)) for k in keys)
    wanted = f">= {at_least}" + (f" and <= {at_most}" if at_most is not None else "")
    if count < at_least or (at_most is not None and count > at_most):
        return fail(
            where,
            f"Queue {queue!r} holds {count} message(s); the lab expects {wanted}.",
            wanted,
            str(count),
        )
    return ok(where, f"Queue {queue!r} holds {count} message(s).", wanted, str(count))


@check(queue=Param(str), table=Param(str, False, None))
def message_sent(cloud: Cloud, queue: str, table: str | None = None) -> CheckResult:
    """A message reached the queue: it is still waiting there, or its consumer already stored it."""
    where = f"queue {queue}"
    waiting = queue_message_count(cloud, queue, at_least=1)
    if waiting.passed:
        return ok(
            where,
            f"A message is waiting in {queue!r}: {waiting.actual} message(s).",
            ">= 1",
            waiting.actual,
        )
    if table:
        try:
            stored = cloud.dynamodb.scan(TableName=table, Limit=1)["Items"]
        except Exception as exc:
            if client_error_code(exc) != "ResourceNotFoundException":
                raise
            stored = []
        if stored:
            return ok(
                where,
                f"Your message already went through {queue!r} into table {table}.",
                ">= 1",
                "processed",
            )
    return fail(
        where,
        f"No message has reached {queue!r} yet: send one with `courseware aws sqs send-message`.",
        "at least 1 message",
        waiting.actual or "0",
    )
