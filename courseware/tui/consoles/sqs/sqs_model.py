"""Pure helpers for the SQS console: the create-queue request, list rows, message fields."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from courseware.tui.consoles.common.form_fields import FormError, parse_int

MAX_DELAY = 900
MAX_VISIBILITY = 43_200
MIN_RETENTION, MAX_RETENTION = 60, 1_209_600
MAX_WAIT = 20
QUEUE_LIST_ATTRIBUTES = [
    "QueueArn",
    "FifoQueue",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
]


@dataclass
class QueueForm:
    """What the learner typed into the create-queue form."""

    name: str
    fifo: bool = False
    visibility_timeout: str = "30"
    delay: str = "0"
    retention: str = "345600"
    wait: str = "0"
    content_dedup: bool = False
    dlq_arn: str | None = None
    max_receive_count: str = "10"


def name_problem(name: str, fifo: bool) -> str | None:
    """Why ``name`` cannot name a queue of this type, or None if it can."""
    if not name:
        return "Enter a queue name."
    base = name.removesuffix(".fifo")
    if len(name) > 80 or not base or not all(c.isalnum() or c in "-_" for c in base):
        return "Up to 80 characters: letters, digits, hyphens and underscores."
    if fifo and not name.endswith(".fifo"):
        return "A FIFO queue's name must end in .fifo (e.g. orders.fifo)."
    if not fifo and name.endswith(".fifo"):
        return "Only FIFO queues may end in .fifo; choose FIFO or rename."
    return None


def queue_request(form: QueueForm) -> tuple[str, dict[str, str]]:
    """The ``QueueName`` and ``Attributes`` for ``create_queue``.

    Raises:
        FormError: a value is invalid (message fit for the learner).
    """
    name = form.name.strip()
    problem = name_problem(name, form.fifo)
    if problem:
        raise FormError(problem)
    attributes = {
        "VisibilityTimeout": str(
            parse_int("Visibility timeout", form.visibility_timeout, 0, MAX_VISIBILITY)
        ),
        "DelaySeconds": str(parse_int("Delivery delay", form.delay, 0, MAX_DELAY)),
        "MessageRetentionPeriod": str(
            parse_int("Message retention", form.retention, MIN_RETENTION, MAX_RETENTION)
        ),
        "ReceiveMessageWaitTimeSeconds": str(
            parse_int("Receive message wait time", form.wait, 0, MAX_WAIT)
        ),
    }
    if form.fifo:
        attributes["FifoQueue"] = "true"
        attributes["ContentBasedDeduplication"] = "true" if form.content_dedup else "false"
    if form.dlq_arn:
        if form.dlq_arn.endswith(".fifo") != form.fifo:
            kind = "FIFO" if form.fifo else "standard"
            raise FormError(f"The dead-letter queue of a {kind} queue must be {kind} too.")
        count = parse_int("Maximum receives", form.max_receive_count, 1, 1000)
        attributes["RedrivePolicy"] = json.dumps(
            {"deadLetterTargetArn": form.dlq_arn, "maxReceiveCount": count}
        )
    return name, attributes


def queue_name(url: str) -> str:
    """The queue name at the end of a queue URL."""
    return url.rstrip("/").rpartition("/")[2]


def is_fifo(name: str) -> bool:
    """Whether a queue name is a FIFO queue's."""
    return name.endswith(".fifo")


def queue_row(url: str, attributes: dict[str, str]) -> tuple[str, str, str, str]:
    """One row of the queue list: name, type, visible and in-flight messages."""
    name = queue_name(url)
    fifo = attributes.get("FifoQueue") == "true" or is_fifo(name)
    return (
        name,
        "FIFO" if fifo else "Standard",
        attributes.get("ApproximateNumberOfMessages", "?"),
        attributes.get("ApproximateNumberOfMessagesNotVisible", "?"),
    )


def format_millis(value: str | int | None) -> str:
    """An epoch-milliseconds timestamp as ``YYYY-MM-DD HH:MM:SS`` (UTC), or ``-``."""
    if value in (None, ""):
        return "-"
    try:
        moment = datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return str(value)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def format_seconds(value: str) -> str:
    """An epoch-seconds timestamp (maybe fractional) as ``YYYY-MM-DD HH:MM:SS`` UTC."""
    try:
        return format_millis(int(float(value) * 1000))
    except ValueError:
        return value


def message_row(message: dict[str, Any]) -> tuple[str, str, str, str]:
    """One row of the received-messages table: id, receive count, sent time, body (one line)."""
    attributes = message.get("Attributes", {})
    body = str(message.get("Body", "")).replace("\n", " ")
    return (
        str(message.get("MessageId", "")),
        attributes.get("ApproximateReceiveCount", "?"),
        format_millis(attributes.get("SentTimestamp"))[5:],
        body if len(body) <= 60 else body[:59] + "…",
    )


def message_detail(message: dict[str, Any]) -> str:
    """A received message in full: id, receive count, times, FIFO fields, body."""
    attributes = message.get("Attributes", {})
    lines = [
        f"Message id: {message.get('MessageId', '')}",
        f"Receive count: {attributes.get('ApproximateReceiveCount', '?')}"
        f" · sent {format_millis(attributes.get('SentTimestamp'))}"
        f" · first received {format_millis(attributes.get('ApproximateFirstReceiveTimestamp'))}",
    ]
    if "MessageGroupId" in attributes:
        lines.append(
            f"Group: {attributes['MessageGroupId']}"
            f" · dedup id: {attributes.get('MessageDeduplicationId', '-')}"
        )
    return "\n".join([*lines, "Body:", str(message.get("Body", ""))])


FRIENDLY_ATTRIBUTES = {
    "QueueArn": "ARN",
    "FifoQueue": "FIFO queue",
    "ContentBasedDeduplication": "Content-based deduplication",
    "VisibilityTimeout": "Visibility timeout (s)",
    "DelaySeconds": "Delivery delay (s)",
    "MessageRetentionPeriod": "Message retention (s)",
    "ReceiveMessageWaitTimeSeconds": "Receive message wait time (s)",
    "MaximumMessageSize": "Maximum message size (bytes)",
    "ApproximateNumberOfMessages": "Messages available",
    "ApproximateNumberOfMessagesNotVisible": "Messages in flight",
    "ApproximateNumberOfMessagesDelayed": "Messages delayed",
    "RedrivePolicy": "Dead-letter queue (redrive policy)",
    "CreatedTimestamp": "Created",
    "LastModifiedTimestamp": "Last updated",
}


def attribute_rows(attributes: dict[str, str]) -> list[tuple[str, str]]:
    """The queue's attributes as (label, value) rows, friendliest first."""
    rows: list[tuple[str, str]] = []
    for key in [*FRIENDLY_ATTRIBUTES, *sorted(attributes)]:
        if key not in attributes or any(label == key for label, _ in rows):
            continue
        value = attributes[key]
        if key in {"CreatedTimestamp", "LastModifiedTimestamp"}:
            value = format_seconds(value)
        rows.append((key, value))
    return [(FRIENDLY_ATTRIBUTES.get(key, key), value) for key, value in rows]


def form_from_attributes(name: str, attributes: dict[str, str], urls: dict[str, str]) -> QueueForm:
    """The edit form of an existing queue, filled from its attributes.

    Args:
        name: The queue's name.
        attributes: Its ``get_queue_attributes(All)`` result.
        urls: Queue name → URL; the form's dead-letter choice is a URL, as in the create form.
    """
    redrive = json.loads(attributes.get("RedrivePolicy") or "{}")
    dlq_name = str(redrive.get("deadLetterTargetArn", "")).rsplit(":", 1)[-1]
    return QueueForm(
        name=name,
        fifo=attributes.get("FifoQueue") == "true",
        visibility_timeout=attributes.get("VisibilityTimeout", "30"),
        delay=attributes.get("DelaySeconds", "0"),
        retention=attributes.get("MessageRetentionPeriod", "345600"),
        wait=attributes.get("ReceiveMessageWaitTimeSeconds", "0"),
        content_dedup=attributes.get("ContentBasedDeduplication") == "true",
        dlq_arn=urls.get(dlq_name) if dlq_name else None,
        max_receive_count=str(redrive.get("maxReceiveCount", 10)),
    )


def update_request(form: QueueForm, current: dict[str, str]) -> dict[str, str]:
    """The ``Attributes`` for ``set_queue_attributes`` from the edit form.

    The queue type cannot change after creation, so ``FifoQueue`` is not sent; a dead-letter
    queue that was unset is removed with an empty ``RedrivePolicy``; the access policy is kept.

    Raises:
        FormError: a value is invalid (message fit for the learner).
    """
    _, attributes = queue_request(form)
    attributes.pop("FifoQueue", None)
    if "RedrivePolicy" not in attributes and current.get("RedrivePolicy"):
        attributes["RedrivePolicy"] = ""
    if current.get("Policy"):
        attributes["Policy"] = current["Policy"]
    return attributes
