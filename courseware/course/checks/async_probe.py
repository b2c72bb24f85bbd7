"""What the asynchronous-invocation checks share: an Event probe and where its outcome landed.

A probe is an ``InvocationType=Event`` call carrying a unique order id
(``courseware-probe-…``); the check then looks for it where Lambda should have sent it (a
destination queue, a dead-letter queue, a failure handler's log) and takes its own message
back. A proven outcome is remembered per fingerprint of what it depends on, so a re-check of
an unchanged setup does not invoke again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from courseware.course.checks.base import Cloud, unless_missing
from courseware.course.checks.outcome_checks import PROBE_CONTEXT

PROBE_WAIT = 20.0  # seconds Lambda gets to run the probe's attempts and route it
_proven: dict[tuple[str, ...], str] = {}
_VOLATILE = {"LastModified", "ResponseMetadata"}  # differ per answer, not per setup


def fingerprint(cloud: Cloud, function: str, *more: str) -> str:
    """The function's code and settings, its async config and ``more``'s triggers."""
    config = cloud.lambda_.get_function_configuration(FunctionName=function)
    invoke = unless_missing(
        lambda: cloud.lambda_.get_function_event_invoke_config(FunctionName=function)
    )
    parts = [
        str(config.get("CodeSha256")),
        str(config.get("LastModified")),
        json.dumps(config.get("DeadLetterConfig"), sort_keys=True),
        json.dumps(
            {k: v for k, v in (invoke or {}).items() if k not in _VOLATILE},
            default=str,
            sort_keys=True,
        ),
    ]
    for name in more:
        parts += _trigger_parts(cloud, name)
    return "|".join(parts)


def _trigger_parts(cloud: Cloud, name: str) -> list[str]:
    mappings = unless_missing(lambda: cloud.lambda_.list_event_source_mappings(FunctionName=name))
    parts = sorted(
        f"{m.get('UUID')}:{m.get('State')}:{m.get('LastModified')}"
        for m in (mappings or {}).get("EventSourceMappings", [])
    )
    code = unless_missing(lambda: cloud.lambda_.get_function_configuration(FunctionName=name))
    return [*parts, str((code or {}).get("CodeSha256"))]


def proven(key: tuple[str, ...], print_: str) -> bool:
    """Whether ``key``'s outcome was proven on this very setup."""
    return _proven.get(key) == print_


def remember(key: tuple[str, ...], print_: str) -> None:
    """Record that ``key``'s outcome is proven on this setup."""
    _proven[key] = print_


def invoke_event(cloud: Cloud, function: str, event: dict[str, Any]) -> int:
    """Invoke ``function`` asynchronously as a probe; the status (202 when Lambda queued it)."""
    response = cloud.lambda_.invoke(
        FunctionName=function,
        InvocationType="Event",
        Payload=json.dumps(event).encode("utf-8"),
        ClientContext=PROBE_CONTEXT,  # its attempts write no log lines; its records do go out
    )
    return int(response["StatusCode"])


def queue_url(cloud: Cloud, queue: str) -> str | None:
    """The queue's URL, or None when it does not exist."""
    return unless_missing(lambda: str(cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"]))


def take_message(cloud: Cloud, url: str, token: str) -> dict[str, Any] | None:
    """One receive: the message naming ``token`` (deleted), others left visible as they were."""
    messages = cloud.sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1, MessageAttributeNames=["All"]
    ).get("Messages", [])
    found = None
    for message in messages:
        if found is None and token in message["Body"]:
            cloud.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            found = message
        else:
            cloud.sqs.change_message_visibility(
                QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
            )
    return found


def wait_for(look: Callable[[], Any]) -> Any:
    """``look()``'s first truthy answer within PROBE_WAIT seconds, else None."""
    deadline = time.monotonic() + PROBE_WAIT
    while True:
        found = look()
        if found or time.monotonic() > deadline:
            return found or None
        time.sleep(0.1)


def destination(cloud: Cloud, function: str, key: str) -> str:
    """The ARN of the function's ``key`` (OnSuccess/OnFailure) destination, or ''."""
    config = unless_missing(
        lambda: cloud.lambda_.get_function_event_invoke_config(FunctionName=function)
    )
    return str(((config or {}).get("DestinationConfig") or {}).get(key, {}).get("Destination", ""))
