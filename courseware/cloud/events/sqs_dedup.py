"""FIFO deduplication over the whole 5-minute interval.

moto compares a new message only with the messages the queue still holds, so a duplicate of
one already received and deleted was delivered again. SQS "continues tracking the
deduplication ID even after the message has been received and deleted" (Amazon SQS FIFO queue
key terms). Each FIFO queue keeps the ids it accepted, with their send times, beside moto's
fields (pickled with the queue).
"""

from __future__ import annotations

from typing import Any

INTERVAL_MS = 5 * 60 * 1000  # the deduplication interval
FIELD = "_courseware_dedup_ids"


def is_duplicate(queue: Any, message: Any) -> bool:
    """Whether ``message`` repeats a deduplication id ``queue`` accepted within the interval;
    records the id when it does not. Standard queues and id-less messages are never duplicates."""
    if not queue.fifo_queue or not message.deduplication_id:
        return False
    seen: dict[str, int] = queue.__dict__.setdefault(FIELD, {})
    key = str(message.deduplication_id)
    if queue.attributes.get("DeduplicationScope") == "messageGroup":
        key = f"{message.group_id}\n{key}"  # high throughput mode: per group
    now = int(message.sent_timestamp)
    for old in [k for k, sent in seen.items() if now - sent >= INTERVAL_MS]:
        del seen[old]
    if key in seen:
        return True
    seen[key] = now
    return False
