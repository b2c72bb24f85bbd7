"""Indexes kept beside moto's SQS message lists, so cost does not grow with queue depth.

moto keeps a queue's messages in one list, ``Queue._messages``, and finds a message by
scanning it: DeleteMessage scans it twice (is the handle known, then a rebuilt list),
ChangeMessageVisibility once, ReceiveMessage lists every visible message before taking
the first ten, and each SendMessage reads ``Queue.attributes``, which counts visible,
in-flight and delayed messages with three more scans. This plugin keeps, per queue:

- ``handles``: every receipt handle a message in the queue has had → that message, so
  DeleteMessage and ChangeMessageVisibility find it at once;
- ``timed``: the messages whose visibility timeout or delay may still be running (a
  message joins when it is sent delayed, received or made invisible, and leaves once both
  timers have passed), so the three counts look at those only;

and ReceiveMessage runs moto's own loop over the list lazily (``sqs_lazy_receive``), stopping
after the first N deliverable messages. The list stays moto's; the index follows it
(:func:`synced`): messages appended since (SendMessage, a dead-lettered message) are
taken in at the next use, and a list replaced (PurgeQueue, a restored snapshot, a
replayed journal) or shortened by anyone else is indexed anew. Lists and indexes change
only under the state lock (``STATE_LOCK``, which the journal holds around each message
change), so a snapshot never sees one without the other.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.state.recorder import STATE_LOCK

_patched: dict[str, Any] = {}
_indexes: weakref.WeakKeyDictionary[Any, _Index] = weakref.WeakKeyDictionary()


def now_ms() -> float:
    """The clock moto's SQS timers use: wall-clock milliseconds."""
    return time.time() * 1000.0


def _running(message: Any, now: float) -> bool:
    """True while the message is in flight or delayed (moto's ``not visible or delayed``)."""
    return not now > message.visible_at or now < message.delayed_until


@dataclass(eq=False)
class _Index:
    source: list[Any]
    size: int = 0
    handles: dict[str, Any] = field(default_factory=dict)
    timed: set[Any] = field(default_factory=set)

    def take(self, message: Any, now: float) -> None:
        """Index one message of the list (its receipt handles, its timers)."""
        for handle in message.all_receipt_handles:
            if handle is not None:
                self.handles[handle] = message
        if _running(message, now):
            self.timed.add(message)

    def received(self, message: Any) -> None:
        """A message was just received or its visibility changed."""
        if message.receipt_handle is not None:
            self.handles[message.receipt_handle] = message
        self.timed.add(message)

    def remove(self, message: Any) -> None:
        """Take the message out of the list and the index."""
        self.source.remove(message)
        self.size -= 1
        for handle in message.all_receipt_handles:
            if handle is not None and self.handles.get(handle) is message:
                del self.handles[handle]
        self.timed.discard(message)

    def running(self, now: float) -> set[Any]:
        """The messages in flight or delayed now (those whose timers passed leave ``timed``)."""
        done = [m for m in self.timed if not _running(m, now)]
        self.timed.difference_update(done)
        return self.timed


def synced(queue: Any) -> _Index:
    """The queue's index, brought up to date with its list (call holding ``STATE_LOCK``)."""
    messages = queue._messages
    index = _indexes.get(queue)
    if index is None or index.source is not messages or len(messages) < index.size:
        index = _Index(messages)
        _indexes[queue] = index
    if len(messages) > index.size:
        added = messages[index.size :]
        now = now_ms()
        for message in added:
            index.take(message, now)
        index.size += len(added)
    return index


def holder(queue: Any, receipt_handle: str) -> Any:
    """The message in ``queue`` that has (or had) this receipt handle, or None."""
    with STATE_LOCK:
        return synced(queue).handles.get(receipt_handle)


def forget(queue: Any) -> None:
    """Drop the queue's index (its messages were changed in place): rebuilt at next use."""
    with STATE_LOCK:
        _indexes.pop(queue, None)


def _delete_message(self: Any, receipt_handle: str) -> None:
    """moto's ``Queue.delete_message``, finding the message by its handle."""
    from moto.sqs.exceptions import ReceiptHandleIsInvalid

    with STATE_LOCK:
        if receipt_handle in self.deleted_messages:
            return  # already deleted: deleting again succeeds
        index = synced(self)
        message = index.handles.get(receipt_handle)
        if message is None:
            raise ReceiptHandleIsInvalid()
        self.pending_messages.discard(message)
        self.deleted_messages.update(message.all_receipt_handles)
        index.remove(message)


def _change_message_visibility(
    self: Any, queue_name: str, receipt_handle: str, visibility_timeout: int
) -> None:
    """moto's ``SQSBackend.change_message_visibility``, finding the message by its handle."""
    from moto.sqs.exceptions import InvalidParameterValue, ReceiptHandleIsInvalid

    queue = self.get_queue(queue_name)
    with STATE_LOCK:
        index = synced(queue)
        message = index.handles.get(receipt_handle)
        if message is None:
            raise ReceiptHandleIsInvalid
        given_visibility_timeout = now_ms() + int(visibility_timeout) * 1000
        if given_visibility_timeout - message.sent_timestamp > 43200 * 1000:
            raise InvalidParameterValue(
                f"Value {visibility_timeout} for parameter VisibilityTimeout is invalid. "
                "Reason: Total VisibilityTimeout for the message is beyond the limit "
                "[43200 seconds]"
            )
        message.change_visibility(visibility_timeout)
        index.received(message)
        if message.visible and message in queue.pending_messages:
            queue.pending_messages.remove(message)  # visible again: no longer pending


def any_visible(queue: Any) -> bool:
    """True when a message can be seen: stops at the first (reads only, takes no lock)."""
    now = now_ms()
    return any(not _running(m, now) for m in queue._messages)


def _wait_for_messages(self: Any, timeout: float) -> None:
    """moto's ``Queue.wait_for_messages``, without listing every visible message per wake."""
    with self._messages_lock:
        self._messages_lock.wait_for(lambda: any_visible(self), timeout=timeout)


def _visible_messages(self: Any) -> list[Any]:
    now = now_ms()
    return [m for m in self._messages if not _running(m, now)]


def _visible_count(self: Any) -> int:
    with STATE_LOCK:
        index = synced(self)
        return index.size - len(index.running(now_ms()))


def _delayed_count(self: Any) -> int:
    with STATE_LOCK:
        now = now_ms()
        return sum(1 for m in synced(self).running(now) if now < m.delayed_until)


def _not_visible_count(self: Any) -> int:
    with STATE_LOCK:
        now = now_ms()
        return sum(1 for m in synced(self).running(now) if not now > m.visible_at)


def install() -> None:
    """Swap in the indexed equivalents (idempotent; before the journal wraps delete)."""
    from moto.sqs.models import Queue, SQSBackend

    from courseware.cloud.events import sqs_lazy_receive

    if _patched:
        return
    _patched.update(
        delete_message=Queue.delete_message,
        change_message_visibility=SQSBackend.change_message_visibility,
        messages=Queue.messages,
        approximate_number_of_messages=Queue.approximate_number_of_messages,
        wait_for_messages=Queue.wait_for_messages,
    )
    Queue.delete_message = _delete_message
    SQSBackend.change_message_visibility = _change_message_visibility
    Queue.messages = property(_visible_messages)
    Queue.wait_for_messages = _wait_for_messages
    Queue.approximate_number_of_messages = property(_visible_count)
    Queue.approximate_number_of_messages_delayed = property(_delayed_count)
    Queue.approximate_number_of_messages_not_visible = property(_not_visible_count)
    sqs_lazy_receive.install()


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
