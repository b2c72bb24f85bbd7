"""ReceiveMessage that stops after the first N deliverable messages (see ``sqs_index``).

moto's ``SQSBackend.receive_message`` walks a list of *every* visible message, built anew
for each call. This is the same loop, line for line in what it decides (visibility, FIFO
groups blocked while a message of theirs is in flight, redrive after maxReceiveCount, the
retention period, long polling), walking the queue's list lazily and keeping its index up
to date: a received message's new receipt handle and timer, a dead-lettered message's
leaving. The walk happens under the state lock; long polling waits outside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from typing import Any

from courseware.cloud.events import sqs_index
from courseware.cloud.state.recorder import STATE_LOCK

_patched: dict[str, Any] = {}


def _visible(messages: list[Any], now: float) -> Iterator[Any]:
    """The visible, undelayed messages, oldest first, one at a time."""
    for message in messages:
        if now > message.visible_at and not now < message.delayed_until:
            yield message


def _take(
    backend: Any,
    queue: Any,
    count: int,
    visibility_timeout: int,
    message_attribute_names: list[str],
    result: list[Any],
) -> None:
    """One pass of moto's loop: receive up to ``count`` into ``result``, dead-letter the rest."""
    from moto.sqs.models import _filter_message_attributes

    with STATE_LOCK:
        index = sqs_index.synced(queue)
        currently_pending_groups = deepcopy(queue.pending_message_groups)
        messages_to_dlq: list[Any] = []
        for message in _visible(index.source, sqs_index.now_ms()):
            if not message.visible:
                continue
            if message in queue.pending_messages:
                # Pending but visible again: the consumer timed out.
                queue.pending_messages.remove(message)
                currently_pending_groups = deepcopy(queue.pending_message_groups)
            grouped = message.group_id and queue.fifo_queue
            if grouped and message.group_id in currently_pending_groups:
                continue  # a message of this group is in flight: keep the group's order
            if (
                queue.dead_letter_queue is not None
                and queue.redrive_policy
                and message.approximate_receive_count >= queue.redrive_policy["maxReceiveCount"]
            ):
                messages_to_dlq.append(message)
                continue
            queue.pending_messages.add(message)
            message.mark_received(visibility_timeout=visibility_timeout)
            index.received(message)
            message_copy = deepcopy(message)  # filtering attributes must not change the message
            _filter_message_attributes(message_copy, message_attribute_names)
            if not backend.is_message_valid_based_on_retention_period(queue.name, message):
                break
            result.append(message_copy)
            if len(result) >= count:
                break
        for message in messages_to_dlq:
            index.remove(message)
            queue.dead_letter_queue.add_message(message)


def _receive_message(
    self: Any,
    queue_name: str,
    count: int,
    wait_seconds_timeout: int,
    visibility_timeout: int,
    message_attribute_names: list[str] | None = None,
) -> list[Any]:
    """moto's ``SQSBackend.receive_message`` over the indexed queue."""
    from moto.core.utils import unix_time

    if message_attribute_names is None:
        message_attribute_names = []
    queue = self.get_queue(queue_name)
    result: list[Any] = []
    previous_result_count = len(result)
    polling_end = unix_time() + wait_seconds_timeout
    while True:
        if result or (wait_seconds_timeout and unix_time() > polling_end):
            break
        _take(self, queue, count, visibility_timeout, message_attribute_names, result)
        if previous_result_count == len(result):
            if wait_seconds_timeout == 0:
                break  # no wait and nothing new: do not loop forever
            queue.wait_for_messages(1)
            continue
        previous_result_count = len(result)
    return result


def install() -> None:
    """Replace moto's ReceiveMessage loop (idempotent)."""
    from moto.sqs.models import SQSBackend

    if _patched:
        return
    _patched["receive_message"] = SQSBackend.receive_message
    SQSBackend.receive_message = _receive_message
