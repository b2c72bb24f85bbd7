"""Lambda's SQS poller: event source mappings that behave like AWS's.

moto delivers synchronously inside SendMessage, one record at a time, and ignores messages
already queued. This plugin removes that and runs pollers instead: SendMessage returns at
once; each enabled mapping receives batches (BatchSize, MaximumBatchingWindowInSeconds),
invokes the function, deletes the batch on success, and on failure leaves the messages to
reappear after the queue's visibility timeout — so the redrive policy moves poison messages
to the dead-letter queue after maxReceiveCount. ReportBatchItemFailures retries only the
reported messages. FIFO queues get one batch in flight per mapping, keeping group order.
A throttled batch is retried while it is in flight, as Lambda does with reserved concurrency.
"""

from __future__ import annotations

import json
import time
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.events import event_filter, sqs_dedup
from courseware.cloud.events.backends import arn_parts, lambda_backend, sqs_backend
from courseware.cloud.events.mapping_threads import Supervisor, mapping

STANDARD_POLLERS = 4  # concurrent batches per mapping on a standard queue
_state: dict[str, Any] = {"original": None}


def _add_message_without_delivery(self: Any, message: Any) -> None:
    """moto's Queue.add_message minus the synchronous Lambda delivery (pollers do that)."""
    if sqs_dedup.is_duplicate(self, message):
        return
    with self._messages_lock:
        self._messages.append(message)
        self._messages_lock.notify_all()


def _record(message: Any, queue: Any) -> dict[str, Any]:
    attributes = {
        "ApproximateReceiveCount": str(message.approximate_receive_count),
        "SentTimestamp": str(message.sent_timestamp),
        "SenderId": str(message.sender_id),
        "ApproximateFirstReceiveTimestamp": str(message.approximate_first_receive_timestamp),
    }
    if queue.fifo_queue:
        attributes.update(
            MessageGroupId=str(message.group_id),
            MessageDeduplicationId=str(message.deduplication_id),
            SequenceNumber=str(message.sequence_number),
        )
    message_attributes = {
        name: {
            "stringValue": value.get("StringValue"),
            "binaryValue": value.get("BinaryValue"),
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": value.get("DataType", "String"),
        }
        for name, value in (message.message_attributes or {}).items()
    }
    return {
        "messageId": message.id,
        "receiptHandle": message.receipt_handle,
        "body": message.body,
        "attributes": attributes,
        "messageAttributes": message_attributes,
        "md5OfBody": message.body_md5,
        "eventSource": "aws:sqs",
        "eventSourceARN": queue.queue_arn,
        "awsRegion": queue.region,
    }


def _failed_ids(esm: Any, payload: bytes, ids: list[str]) -> set[str] | None:
    """Ids to retry from a ReportBatchItemFailures response; None means the whole batch."""
    if "ReportBatchItemFailures" not in (esm.function_response_types or []):
        return set()
    try:
        response = json.loads(payload or b"null")
    except ValueError:
        return None
    if not response or not isinstance(response, dict):
        return set()
    failures = response.get("batchItemFailures") or []
    if not isinstance(failures, list):
        return None
    failed = {str(f.get("itemIdentifier")) for f in failures if isinstance(f, dict)}
    return None if any(f not in ids for f in failed) else failed


def _invoke_in_time(esm: Any, fn: Any, event: bytes, called: str, reappears: float) -> Any:
    """Invoke; a throttled batch is retried (backing off) while it is still in flight.

    Lambda's pollers take no account of reserved concurrency: a batch they received is
    retried while the queue's visibility timeout leaves time for a run (hence AWS's advice of
    six times the function timeout). Returns None once no run could end before the batch
    reappears, or the mapping is gone.
    """
    from courseware.cloud.lambda_rt import TooManyRequests, invoke

    pause = 0.05
    while True:
        try:
            return invoke(fn, event, invoked_arn=called)
        except TooManyRequests:
            current = mapping(esm.uuid)
            late = time.monotonic() + pause + float(fn.timeout) >= reappears
            if late or current is None or not current.enabled or _supervisor.stop.is_set():
                return None
        _supervisor.stop.wait(pause)
        pause = min(pause * 2, 1.0)


def _poll_once(esm: Any) -> bool:
    """Receive and process one batch; returns whether any message was handled."""
    from courseware.cloud.lambda_rt.qualifier import resolve

    _, region, account, queue_name = arn_parts(esm.event_source_arn)
    backend = sqs_backend(account, region)
    queue = backend.get_queue(queue_name)
    window = float(esm.max_batch_window or 0)
    size = int(esm.batch_size or 10)
    visibility = int(queue.visibility_timeout)
    received = time.monotonic()
    messages = backend.receive_message(queue_name, min(size, 10), 1, visibility)
    deadline = time.monotonic() + window
    while messages and len(messages) < size and time.monotonic() < deadline:
        more = backend.receive_message(queue_name, min(size - len(messages), 10), 0, visibility)
        if not more:
            time.sleep(0.05)
        messages += more
    if not messages:
        return False
    current = mapping(esm.uuid)
    if current is None or not current.enabled:  # deleted or disabled while we waited
        for m in messages:
            backend.change_message_visibility(queue_name, m.receipt_handle, visibility_timeout=0)
        return False
    records = {m.id: _record(m, queue) for m in messages}
    passed = {i for i, record in records.items() if event_filter.matches(esm, record)}
    for m in messages:  # filtered out: deleted, as Lambda does
        if m.id not in passed:
            backend.delete_message(queue_name, m.receipt_handle)
    messages = [m for m in messages if m.id in passed]
    if not messages:
        return True
    fn, called = resolve(lambda_backend(account, region), esm.function_arn)
    event = json.dumps({"Records": [records[m.id] for m in messages]}).encode("utf-8")
    result = _invoke_in_time(esm, fn, event, called, received + visibility)
    if result is None:  # still throttled, and a run could no longer end before they reappear
        for m in messages:
            backend.change_message_visibility(queue_name, m.receipt_handle, visibility_timeout=1)
        return True
    if result.function_error is not None:
        return True  # the batch reappears after the visibility timeout
    ids = [m.id for m in messages]
    failed = _failed_ids(esm, result.payload, ids)
    if failed is None:
        return True
    for m in messages:
        if m.id not in failed:
            backend.delete_message(queue_name, m.receipt_handle)
    return True


def _work(esm: Any) -> float:
    return 0.0 if _poll_once(esm) else 0.05


def _wanted(esm: Any) -> int:
    if ":sqs:" not in esm.event_source_arn:
        return 0
    return 1 if esm.event_source_arn.endswith(".fifo") else STANDARD_POLLERS


_supervisor = Supervisor("sqs-poller", _wanted, _work)


def install() -> None:
    """Replace moto's synchronous SQS-to-Lambda delivery (idempotent)."""
    from moto.sqs.models import Queue

    if _state["original"] is None:
        _state["original"] = Queue.add_message
        Queue.add_message = _add_message_without_delivery


def started(endpoint: Endpoint) -> None:
    """Start the poller supervisor."""
    _supervisor.start()


def stopping() -> None:
    """Stop every poller."""
    _supervisor.halt()
