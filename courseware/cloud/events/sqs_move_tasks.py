"""SQS message move tasks (dead-letter queue redrive), which moto 5.2 lacks.

A task moves the messages a dead-letter queue holds when it starts back to the queue each
came from (or to ``DestinationArn``), at most ``MaxNumberOfMessagesPerSecond`` a second
(500 when not given), in a thread of its own. Its record (status, counts) lives on moto's
SQS backend, so a reset drops it and a snapshot keeps it; each message moved is journaled
by ``state.sqs_ops`` like a dead-lettered one. Where a message came from is remembered
when it is first added to a queue (``origin``). A moved message starts afresh: receive
count 0, visible, and, as AWS says, a new message: a new MessageId and enqueue time (SQS
Developer Guide, "Learn how to configure a dead-letter queue redrive in Amazon SQS",
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html;
API Reference, StartMessageMoveTask,
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html).
"""

from __future__ import annotations

import base64
import copy
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from courseware.cloud.events.backends import arn_parts, sqs_backend
from courseware.cloud.state import recorder, sqs_ops
from courseware.cloud.state.recorder import STATE_LOCK

DEFAULT_RATE = 500  # AWS's maximum; without a rate AWS picks one from the backlog
ORIGIN = "courseware_origin_arn"  # attribute set on a message when first queued
_threads: dict[str, threading.Thread] = {}
_stop = threading.Event()


@dataclass
class MoveTask:
    """One message move task, as ListMessageMoveTasks shows it."""

    task_id: str
    source_arn: str
    destination_arn: str | None
    rate: int | None
    ids: list[str]
    started: int = field(default_factory=lambda: int(time.time() * 1000))
    status: str = "RUNNING"
    moved: int = 0
    failure: str | None = None

    @property
    def handle(self) -> str:
        """The TaskHandle: the task's id and source, as AWS encodes them."""
        raw = json.dumps({"taskId": self.task_id, "sourceArn": self.source_arn})
        return base64.b64encode(raw.encode("utf-8")).decode("ascii")

    def entry(self) -> dict[str, Any]:
        """The ListMessageMoveTasksResultEntry (TaskHandle only while RUNNING, as AWS does)."""
        out: dict[str, Any] = {
            "Status": self.status,
            "SourceArn": self.source_arn,
            "ApproximateNumberOfMessagesMoved": self.moved,
            "ApproximateNumberOfMessagesToMove": len(self.ids),
            "StartedTimestamp": self.started,
        }
        if self.status == "RUNNING":
            out["TaskHandle"] = self.handle
        if self.destination_arn:
            out["DestinationArn"] = self.destination_arn
        if self.rate is not None:
            out["MaxNumberOfMessagesPerSecond"] = self.rate
        if self.failure:
            out["FailureReason"] = self.failure
        return out


def tasks(backend: Any) -> list[MoveTask]:
    """The move tasks kept on one SQS backend (account and region), oldest first."""
    kept: list[MoveTask] | None = getattr(backend, "courseware_move_tasks", None)
    if kept is None:
        kept = []
        backend.courseware_move_tasks = kept
    return kept


def save(task: MoveTask, backend: Any) -> None:
    """Journal the task's progress (the caller holds :data:`STATE_LOCK`)."""
    fields = {k: v for k, v in vars(task).items() if k != "ids"}
    recorder.record("sqs.movetask", {"a": backend.account_id, "r": backend.region_name, **fields})


def apply_saved(body: dict[str, Any]) -> None:
    """Redo a journaled progress record on the task its start request made."""
    backend = sqs_backend(body["a"], body["r"])
    for task in tasks(backend):
        if task.task_id == body["task_id"]:
            for name in ("status", "moved", "failure"):
                setattr(task, name, body[name])


def sources_of(backend: Any, dlq_arn: str) -> list[Any]:
    """The queues whose redrive policy names ``dlq_arn`` as their dead-letter queue."""
    return [
        q
        for q in backend.queues.values()
        if (q.redrive_policy or {}).get("deadLetterTargetArn") == dlq_arn
    ]


def queue_by_arn(arn: str) -> Any:
    """moto's queue for an ARN, or None."""
    try:
        _, region, account, name = arn_parts(arn)
    except IndexError:
        return None
    return sqs_backend(account, region).queues.get(name)


def _target(task: MoveTask, backend: Any, message: Any) -> Any:
    if task.destination_arn:
        return queue_by_arn(task.destination_arn)
    origin = getattr(message, ORIGIN, None)
    if origin and origin != task.source_arn:
        return queue_by_arn(origin)
    sources = sources_of(backend, task.source_arn)
    return sources[0] if len(sources) == 1 else None


def _afresh(message: Any) -> Any:
    """A redriven copy: AWS treats it as a new message (new MessageId and enqueue time)."""
    from moto.moto_api._internal import mock_random

    moved = copy.copy(message)
    moved.id = str(mock_random.uuid4())
    moved.sent_timestamp = int(time.time() * 1000)
    moved.approximate_receive_count = 0
    moved.approximate_first_receive_timestamp = None
    moved.receipt_handle = None
    moved._old_receipt_handles = []
    moved.visible_at = 0.0
    moved.delayed_until = 0.0
    if moved.deduplication_id is not None:  # FIFO: a new message, never a duplicate of itself
        moved.deduplication_id = moved.id
    return moved


def _move_one(task: MoveTask, backend: Any, message_id: str) -> bool:
    """Move one message if the DLQ still holds it visible; True when it moved."""
    from courseware.cloud.events.sqs_index import now_ms

    source = queue_by_arn(task.source_arn)
    if source is None:
        task.status, task.failure = "FAILED", "AWS.SimpleQueueService.NonExistentQueue"
        return False
    with STATE_LOCK:
        message = next((m for m in source._messages if m.id == message_id), None)
        if message is None or now_ms() <= message.visible_at:
            return False  # gone (received and deleted) or in flight
        target = _target(task, backend, message)
        if target is None:
            task.status = "FAILED"
            task.failure = "The destination queue of a message does not exist."
            return False
        source._messages = [m for m in source._messages if m is not message]
        source.pending_messages.discard(message)
        sqs_ops.removed(source, [message.id])
        target.add_message(_afresh(message))
        task.moved += 1
        save(task, backend)
    return True


def _run(task: MoveTask, backend: Any) -> None:
    while recorder.replaying() and not _stop.is_set():  # a replayed start: records follow
        _stop.wait(0.05)
    pause = 1.0 / float(task.rate or DEFAULT_RATE)
    for message_id in list(task.ids):
        if task.status != "RUNNING" or _stop.is_set():
            break
        if _move_one(task, backend, message_id):
            _stop.wait(pause)
    if _stop.is_set():  # the cloud stops: the task resumes from the saved state
        _threads.pop(task.task_id, None)
        return
    with STATE_LOCK:
        task.status = {"RUNNING": "COMPLETED", "CANCELLING": "CANCELLED"}.get(
            task.status, task.status
        )
        save(task, backend)
    _threads.pop(task.task_id, None)


def ensure_running(backend: Any) -> None:
    """Give every RUNNING or CANCELLING task a mover (tasks restored from a snapshot)."""
    for task in tasks(backend):
        if task.status in ("RUNNING", "CANCELLING") and task.task_id not in _threads:
            thread = threading.Thread(
                target=_run, args=(task, backend), name="sqs-move-task", daemon=True
            )
            _threads[task.task_id] = thread
            thread.start()


def stop_all() -> None:
    """Stop every mover (the cloud is stopping); they resume from the saved state."""
    _stop.set()
    for thread in list(_threads.values()):
        thread.join(timeout=2)
    _threads.clear()
    _stop.clear()
