"""Make moto's SQS fast enough for a real pipeline (same behaviour, less work).

moto 5.2 re-computes every queue attribute — scanning all messages — for each message it
hands out (to check the retention period), and reads the clock twice per message when
listing visible ones. With a thousand messages that made one ReceiveMessage take hundreds of
milliseconds. These replacements compute the same answers once per call.
"""

from __future__ import annotations

import time
from typing import Any

from courseware.cloud.endpoint import Endpoint

_patched: dict[str, Any] = {}


def _visible_messages(self: Any) -> list[Any]:
    now = time.time() * 1000.0
    return [m for m in self._messages if now > m.visible_at and not now < m.delayed_until]


def _delayed_count(self: Any) -> int:
    now = time.time() * 1000.0
    return sum(1 for m in self._messages if now < m.delayed_until)


def _not_visible_count(self: Any) -> int:
    now = time.time() * 1000.0
    return sum(1 for m in self._messages if not now > m.visible_at)


def _retained(self: Any, queue_name: str, message: Any) -> bool:
    queue = self.get_queue(queue_name)
    retain_until = int(queue.message_retention_period) + message.sent_timestamp / 1000
    return bool(retain_until > time.time())


def install() -> None:
    """Swap in the faster equivalents (idempotent)."""
    from moto.sqs.models import Queue, SQSBackend

    if _patched:
        return
    _patched["messages"] = Queue.messages
    _patched["retained"] = SQSBackend.is_message_valid_based_on_retention_period
    Queue.messages = property(_visible_messages)
    Queue.approximate_number_of_messages_delayed = property(_delayed_count)
    Queue.approximate_number_of_messages_not_visible = property(_not_visible_count)
    SQSBackend.is_message_valid_based_on_retention_period = _retained


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
