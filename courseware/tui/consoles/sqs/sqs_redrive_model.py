"""Pure helpers for the SQS console's dead-letter redrive tab: the request and the task rows."""

from __future__ import annotations

from typing import Any

from courseware.tui.consoles.common.form_fields import parse_int
from courseware.tui.consoles.sqs.sqs_model import format_millis

MAX_RATE = 500  # StartMessageMoveTask's MaxNumberOfMessagesPerSecond at most


def redrive_request(source_arn: str, destination_arn: str | None, rate: str) -> dict[str, Any]:
    """The ``start_message_move_task`` parameters from the tab's fields.

    No destination means each message goes back to the queue it came from; an empty rate
    lets SQS choose one.

    Raises:
        FormError: the rate is not a whole number from 1 to 500.
    """
    params: dict[str, Any] = {"SourceArn": source_arn}
    if destination_arn:
        params["DestinationArn"] = destination_arn
    if rate.strip():
        params["MaxNumberOfMessagesPerSecond"] = parse_int(
            "Messages per second", rate, 1, MAX_RATE, unit="messages"
        )
    return params


def task_row(task: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """One row of the move tasks table: status, moved of total, rate, destination, started."""
    moved = task.get("ApproximateNumberOfMessagesMoved", 0)
    total = task.get("ApproximateNumberOfMessagesToMove", "?")
    destination = str(task.get("DestinationArn") or "source queues").rsplit(":", 1)[-1]
    status = str(task.get("Status", "?"))
    if task.get("FailureReason"):
        status += f" ({task['FailureReason']})"
    return (
        status,
        f"{moved} of {total}",
        str(task.get("MaxNumberOfMessagesPerSecond") or "auto"),
        destination,
        format_millis(task.get("StartedTimestamp")),
    )


def running_handle(tasks: list[dict[str, Any]]) -> str | None:
    """The TaskHandle of the RUNNING task (SQS allows one per queue), or None."""
    for task in tasks:
        if task.get("Status") == "RUNNING" and task.get("TaskHandle"):
            return str(task["TaskHandle"])
    return None
