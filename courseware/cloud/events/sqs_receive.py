"""One receiver at a time per queue: SQS never hands a message to two receivers at once.

moto's ``SQSBackend.receive_message`` lists the visible messages, then checks and marks each
one received, with no lock. Two receivers at once (Lambda's pollers, a learner's
ReceiveMessage) can both find a message visible before either marks it, so both get it:
the function runs twice, and with ``maxReceiveCount`` 1 the second receive pushes it past the
limit, so it is dead-lettered once its first receipt handle is stale. Journaling (a state
folder) makes marking slower, so it happened to a few in every hundred messages.

This wraps each scan of the queue (moto's receive with no wait) in the queue's own lock;
long polling waits outside it, so one receiver's wait never delays another's.
"""

from __future__ import annotations

import threading
from typing import Any

from moto.core.utils import unix_time

from courseware.cloud.endpoint import Endpoint

_patched: dict[str, Any] = {}
_locks: dict[tuple[str, str, str], threading.Lock] = {}
_locks_lock = threading.Lock()


def _queue_lock(backend: Any, queue_name: str) -> threading.Lock:
    key = (str(backend.account_id), str(backend.region_name), queue_name)
    with _locks_lock:
        return _locks.setdefault(key, threading.Lock())


def _receive_message(
    self: Any,
    queue_name: str,
    count: int,
    wait_seconds_timeout: int,
    visibility_timeout: int,
    message_attribute_names: list[str] | None = None,
) -> list[Any]:
    """moto's receive, each scan atomic per queue; the long-poll wait outside the lock."""
    queue = self.get_queue(queue_name)  # QueueDoesNotExist before any wait, as moto does
    lock = _queue_lock(self, queue_name)
    polling_end = unix_time() + wait_seconds_timeout
    while True:
        with lock:
            result: list[Any] = _patched["receive_message"](
                self, queue_name, count, 0, visibility_timeout, message_attribute_names
            )
        remaining = polling_end - unix_time()
        if result or not wait_seconds_timeout or remaining <= 0:
            return result
        queue.wait_for_messages(min(1.0, remaining))


def install() -> None:
    """Make each receive's scan atomic per queue (idempotent)."""
    from moto.sqs.models import SQSBackend

    if _patched:
        return
    _patched["receive_message"] = SQSBackend.receive_message
    SQSBackend.receive_message = _receive_message


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
