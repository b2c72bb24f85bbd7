"""StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask on moto's SQS API.

moto 5.2 routes an SQS action to the ``SQSResponse`` method of the same name in snake case
and parses its parameters from botocore's model (JSON and query protocols alike); the three
methods are added there, and ``Queue.add_message`` is wrapped to remember the queue each
message was first sent to (where a redrive without ``DestinationArn`` returns it). Error
texts are AWS's (SQS API Reference, StartMessageMoveTask / ListMessageMoveTasks /
CancelMessageMoveTask, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from courseware.cloud.events import sqs_move_tasks as moves
from courseware.cloud.state import recorder
from courseware.cloud.state.recorder import STATE_LOCK

_ARN = re.compile(r"^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$")
_patched: dict[str, Any] = {}


def _error(code: str, message: str) -> Exception:
    from moto.sqs.exceptions import SQSException

    error: Exception = SQSException(code, message)
    return error


def _not_found(parameter: str) -> Exception:
    return _error(
        "ResourceNotFoundException",
        f"The resource that you specified for the {parameter} parameter doesn't exist.",
    )


def _invalid(message: str) -> Exception:
    return _error("InvalidParameterValue", message)


def _queue(self: Any, arn: Any, parameter: str) -> Any:
    if not isinstance(arn, str) or not _ARN.match(arn):
        raise _invalid(
            f"You must use this format to specify the {parameter}: "
            "arn:<partition>:<service>:<region>:<account-id>:<resource-id>"
        )
    queue = moves.queue_by_arn(arn)
    if queue is None or queue.account_id != self.current_account:
        raise _not_found(parameter)
    return queue


def _dead_letter_queue(self: Any, arn: Any) -> Any:
    queue = _queue(self, arn, "SourceArn")
    if not moves.sources_of(self.sqs_backend, queue.queue_arn):
        raise _invalid("Source queue must be configured as a Dead Letter Queue.")
    return queue


def _int(self: Any, name: str, low: int, high: int) -> int | None:
    value = self._get_param(name)
    if value is None:
        return None
    number = int(value)
    if not low <= number <= high:
        raise _invalid(
            f"Value {number} for parameter {name} is invalid. "
            f"Reason: Must be between {low} and {high}, if provided."
        )
    return number


def start_message_move_task(self: Any) -> Any:
    """StartMessageMoveTask: move a dead-letter queue's messages back (or to a destination)."""
    from moto.core.responses import ActionResult
    from moto.moto_api._internal import mock_random

    source = _dead_letter_queue(self, self._get_param("SourceArn"))
    destination = self._get_param("DestinationArn")
    if destination:
        _queue(self, destination, "DestinationArn")
    rate = _int(self, "MaxNumberOfMessagesPerSecond", 1, 500)
    backend = self.sqs_backend
    with STATE_LOCK:
        kept = moves.tasks(backend)
        if any(t.source_arn == source.queue_arn and t.status == "RUNNING" for t in kept):
            raise _invalid(
                "There is already a task running. Only one active task is allowed for a "
                "source queue arn at a given time."
            )
        task = moves.MoveTask(
            task_id=str(mock_random.uuid4()),
            source_arn=source.queue_arn,
            destination_arn=destination or None,
            rate=rate,
            ids=[m.id for m in source._messages],
        )
        kept.append(task)
    moves.ensure_running(backend)
    return ActionResult({"TaskHandle": task.handle})


def list_message_move_tasks(self: Any) -> Any:
    """ListMessageMoveTasks: the most recent tasks of a source queue, newest first."""
    from moto.core.responses import ActionResult

    source = _dead_letter_queue(self, self._get_param("SourceArn"))
    limit = _int(self, "MaxResults", 1, 10) or 1
    backend = self.sqs_backend
    moves.ensure_running(backend)
    mine = [t for t in moves.tasks(backend) if t.source_arn == source.queue_arn]
    return ActionResult({"Results": [t.entry() for t in reversed(mine)][:limit]})


def _task_id(handle: Any) -> str | None:
    try:
        decoded = json.loads(base64.b64decode(str(handle), validate=True))
    except (binascii.Error, ValueError):
        return None
    return str(decoded.get("taskId")) if isinstance(decoded, dict) else None


def cancel_message_move_task(self: Any) -> Any:
    """CancelMessageMoveTask: stop a RUNNING task; what it moved stays moved."""
    from moto.core.responses import ActionResult

    task_id = _task_id(self._get_param("TaskHandle"))
    backend = self.sqs_backend
    with STATE_LOCK:
        task = next((t for t in moves.tasks(backend) if t.task_id == task_id), None)
        if task is None:
            raise _error("ResourceNotFoundException", "Task does not exist.")
        if task.status != "RUNNING":
            raise _invalid("Only active tasks can be cancelled.")
        task.status = "CANCELLING"
        moves.save(task, backend)
    moves.ensure_running(backend)
    return ActionResult({"ApproximateNumberOfMessagesMoved": task.moved})


def _add_message(self: Any, message: Any) -> None:
    if getattr(message, moves.ORIGIN, None) is None:
        setattr(message, moves.ORIGIN, self.queue_arn)
    _patched["add_message"](self, message)


def install() -> None:
    """Add the three actions to moto's SQS API; remember each message's first queue."""
    from moto.sqs.models import Queue
    from moto.sqs.responses import SQSResponse

    if _patched:
        return
    for name in ("start_message_move_task", "list_message_move_tasks"):
        if hasattr(SQSResponse, name):
            raise RuntimeError(f"moto's SQSResponse has {name} now: drop sqs_move_api")
    recorder.register("sqs.movetask", moves.apply_saved)
    _patched["add_message"] = Queue.add_message
    Queue.add_message = _add_message
    SQSResponse.start_message_move_task = start_message_move_task
    SQSResponse.list_message_move_tasks = list_message_move_tasks
    SQSResponse.cancel_message_move_task = cancel_message_move_task


def started(endpoint: Any) -> None:
    """Nothing to start: tasks get their movers when started or listed."""


def stopping() -> None:
    """Stop every mover."""
    moves.stop_all()
