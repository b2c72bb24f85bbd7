"""Make moto's SQS fast enough for a real pipeline (same behaviour, less work).

moto 5.2 re-computes every queue attribute — scanning all messages — for each message it
hands out (to check the retention period). With a thousand messages that made one
ReceiveMessage take hundreds of milliseconds. This replacement reads the one attribute it
needs. (Listing and counting messages without scanning the queue: ``sqs_index``.)
"""

from __future__ import annotations

import time
from typing import Any

from courseware.cloud.endpoint import Endpoint

_patched: dict[str, Any] = {}


def _retained(self: Any, queue_name: str, message: Any) -> bool:
    queue = self.get_queue(queue_name)
    retain_until = int(queue.message_retention_period) + message.sent_timestamp / 1000
    return bool(retain_until > time.time())


def install() -> None:
    """Swap in the faster equivalent (idempotent)."""
    from moto.sqs.models import SQSBackend

    if _patched:
        return
    _patched["retained"] = SQSBackend.is_message_valid_based_on_retention_period
    SQSBackend.is_message_valid_based_on_retention_period = _retained


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
