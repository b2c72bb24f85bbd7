"""Lambda's stream poller: DynamoDB Streams and Kinesis event source mappings as on AWS.

moto invokes the function synchronously inside PutItem / PutRecord, and forgets DynamoDB
stream records once delivered. This plugin stops that and polls like Lambda: the write
returns at once; each enabled mapping reads every shard in order from its StartingPosition
(LATEST, TRIM_HORIZON or, for Kinesis, AT_TIMESTAMP) in batches of BatchSize (default 100)
after MaximumBatchingWindowInSeconds, one batch in flight per shard. A failing batch blocks
its shard and is retried with backoff until it succeeds, MaximumRetryAttempts is used up or
its records are older than MaximumRecordAgeInSeconds (both -1 = until the records expire);
then a description of the batch goes to the mapping's OnFailure destination and the shard
moves on. BisectBatchOnFunctionError splits a failing batch (not counted as a retry);
ReportBatchItemFailures resumes from the first failed record. A disabled mapping keeps its
place and resumes from it.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import datetime
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.events import event_filter, stream_sources
from courseware.cloud.events.backends import arn_parts, lambda_backend, send_to_arn
from courseware.cloud.events.invocation_record import invocation_record, iso_time
from courseware.cloud.events.mapping_threads import Supervisor, mapping
from courseware.cloud.events.stream_sources import ShardRecord
from courseware.cloud.state import recorder
from courseware.cloud.state.recorder import STATE_LOCK

log = logging.getLogger(__name__)
BACKOFF = (0.2, 0.5, 1.0, 2.0, 5.0)  # seconds before retry n (then the last)
_lock = threading.Lock()
_state: dict[str, Any] = {"originals": {}}
_cursors: dict[str, dict[str, int]] = {}  # mapping uuid -> shard -> last sequence handled
_tries: dict[tuple[str, str], int] = {}  # (mapping, shard) -> failed attempts of its batch
_limits: dict[tuple[str, str], int] = {}  # (mapping, shard) -> bisected batch size


def _start(esm: Any, position: str | None = None) -> dict[str, int]:
    """Where a mapping starts reading, per shard (``position`` overrides its own)."""
    position = position or str(esm.starting_position or "TRIM_HORIZON")
    start: dict[str, int] = {}
    for shard_id, records in stream_sources.shards(esm.event_source_arn).items():
        if position == "LATEST":
            start[shard_id] = records[-1].sequence if records else 0
        elif position == "AT_TIMESTAMP" and esm.starting_position_timestamp is not None:
            stamp = esm.starting_position_timestamp
            moment = stamp.timestamp() if isinstance(stamp, datetime) else float(stamp)
            before = [r.sequence for r in records if r.arrival < moment]
            start[shard_id] = before[-1] if before else 0
        else:
            start[shard_id] = 0
    return start


def _cursor(esm: Any) -> dict[str, int]:
    with _lock:
        if esm.uuid not in _cursors:  # restored from saved state: go on from now, not replay
            _cursors[esm.uuid] = _start(esm, "LATEST")
        return _cursors[esm.uuid]


def _discard(
    esm: Any, shard_id: str, batch: list[ShardRecord], condition: str, result: Any | None
) -> None:
    """Send the batch's description to the OnFailure destination, if there is one."""
    target = ((esm.destination_config or {}).get("OnFailure") or {}).get("Destination")
    if not target:
        return
    info = (
        "DDBStreamBatchInfo"
        if stream_sources.kind(esm.event_source_arn) == "dynamodb"
        else "KinesisBatchInfo"
    )
    attempts = _tries.get((esm.uuid, shard_id), 0)
    record = invocation_record(esm.function_arn, condition, attempts, result)
    record[info] = {
        "shardId": shard_id,
        "startSequenceNumber": str(batch[0].sequence),
        "endSequenceNumber": str(batch[-1].sequence),
        "approximateArrivalOfFirstRecord": iso_time(batch[0].arrival),
        "approximateArrivalOfLastRecord": iso_time(batch[-1].arrival),
        "batchSize": len(batch),
        "streamArn": esm.event_source_arn,
    }
    try:
        send_to_arn(target, json.dumps(record))
    except Exception:
        log.warning(
            "stream mapping %s: OnFailure destination %s failed", esm.uuid, target, exc_info=True
        )


def _first_failed(esm: Any, payload: bytes, batch: list[ShardRecord]) -> int | None:
    """The sequence number to resume from after a ReportBatchItemFailures response, or None."""
    if "ReportBatchItemFailures" not in (esm.function_response_types or []):
        return None
    try:
        failures = (json.loads(payload or b"null") or {}).get("batchItemFailures") or []
        failed = [int(f["itemIdentifier"]) for f in failures]
    except (ValueError, TypeError, KeyError, AttributeError):
        return batch[0].sequence  # an unreadable response fails the whole batch, as on AWS
    in_batch = [s for s in failed if any(r.sequence == s for r in batch)]
    return min(in_batch) if in_batch else None


def _handled(esm: Any, shard_id: str, last: int) -> None:
    with STATE_LOCK, _lock:  # the checkpoint is journaled: a restart goes on from here
        _cursors.setdefault(esm.uuid, {})[shard_id] = last
        recorder.record("stream.cursor", {"u": esm.uuid, "s": shard_id, "n": last})
    _tries.pop((esm.uuid, shard_id), None)
    _limits.pop((esm.uuid, shard_id), None)


def _deliver(esm: Any, shard_id: str, batch: list[ShardRecord]) -> float:
    """Invoke the function with one batch; returns how long the shard should wait."""
    from courseware.cloud.lambda_rt import TooManyRequests, invoke
    from courseware.cloud.lambda_rt.qualifier import resolve

    _, region, account, _ = arn_parts(esm.function_arn)
    fn, called = resolve(lambda_backend(account, region), esm.function_arn)
    kinesis = stream_sources.kind(esm.event_source_arn) == "kinesis"
    records = [dict(r.event, invokeIdentityArn=fn.role) if kinesis else r.event for r in batch]
    try:
        result = invoke(fn, json.dumps({"Records": records}).encode("utf-8"), invoked_arn=called)
    except TooManyRequests:
        return 1.0  # throttled before it ran: try again, not counted as a retry
    key = (esm.uuid, shard_id)
    if result.function_error is None:
        resume = _first_failed(esm, result.payload, batch)
        if resume is None:
            _handled(esm, shard_id, batch[-1].sequence)
            return 0.0
        done = [r for r in batch if r.sequence < resume]
        if done:
            _handled(esm, shard_id, done[-1].sequence)
        batch = [r for r in batch if r.sequence >= resume]
    tries = _tries[key] = _tries.get(key, 0) + 1
    if esm.bisect_on_error and result.function_error is not None and len(batch) > 1:
        _limits[key] = max(1, len(batch) // 2)  # splitting is not counted against the quota
        _tries[key] = tries - 1
        return 0.0
    retries = esm.max_retry_attempts
    if retries is not None and int(retries) >= 0 and tries > int(retries):
        _discard(esm, shard_id, batch, "RetryAttemptsExhausted", result)
        _handled(esm, shard_id, batch[-1].sequence)
        return 0.0
    return BACKOFF[min(tries, len(BACKOFF)) - 1]


def _poll_once(esm: Any) -> float:
    """Deliver what each shard has pending; returns how long to wait before the next look."""
    cursor = _cursor(esm)
    size = int(esm.batch_size or 100)
    window = float(esm.max_batch_window or 0)
    max_age = int(esm.max_record_age if esm.max_record_age is not None else -1)
    wait = 0.1
    for shard_id, pending in stream_sources.shards(esm.event_source_arn, dict(cursor)).items():
        if not pending:  # shards() returns only what comes after the cursor
            continue
        now = time.time()
        if max_age >= 0:
            old = [r for r in pending if now - r.arrival > max_age]
            if old:
                _discard(esm, shard_id, old, "RecordAgeExceeded", None)
                _handled(esm, shard_id, old[-1].sequence)
                return 0.0
        wanted = [r for r in pending if event_filter.matches(esm, r.event)]
        if not wanted:  # nothing here passes the filters: skip past it
            _handled(esm, shard_id, pending[-1].sequence)
            continue
        pending = wanted
        limit = min(size, _limits.get((esm.uuid, shard_id), size))
        if len(pending) < limit and now - pending[0].arrival < window:
            wait = min(wait, 0.05)  # the batching window is still open
            continue
        current = mapping(esm.uuid)
        if current is None or not current.enabled:
            return 0.1
        wait = min(wait, _deliver(esm, shard_id, pending[:limit]))
    return wait


def _wanted(esm: Any) -> int:
    return 1 if stream_sources.kind(esm.event_source_arn) is not None else 0


_supervisor = Supervisor("stream-poller", _wanted, _poll_once)


def _create_mapping(self: Any, spec: dict[str, Any]) -> Any:
    """moto's CreateEventSourceMapping, then note where a stream mapping starts reading."""
    esm = _state["originals"]["create_event_source_mapping"](self, spec)
    if stream_sources.kind(esm.event_source_arn) is not None:
        with _lock:
            _cursors[esm.uuid] = _start(esm)
    return esm


def _no_delivery(self: Any, *args: Any, **kwargs: Any) -> str:
    """Replaces moto's synchronous stream delivery: wake the pollers instead.

    moto calls this on every write to a stream that has a mapping. The falsy result makes
    it keep DynamoDB's stream records (it drops them after a delivery it thinks worked).
    """
    _supervisor.nudge()
    return ""


def _apply_cursor(body: dict[str, Any]) -> None:
    with _lock:
        _cursors.setdefault(str(body["u"]), {})[str(body["s"])] = int(body["n"])


def _dump_cursors() -> dict[str, dict[str, int]]:
    with _lock:
        return {uuid: dict(shards) for uuid, shards in _cursors.items()}


def _load_cursors(saved: dict[str, dict[str, int]]) -> None:
    with _lock:
        _cursors.clear()
        _cursors.update(saved)


def install() -> None:
    """Replace moto's synchronous stream-to-Lambda delivery (idempotent)."""
    from moto.awslambda.models import LambdaBackend

    recorder.register("stream.cursor", _apply_cursor, _dump_cursors, _load_cursors)

    originals = _state["originals"]
    if not originals:
        originals["create_event_source_mapping"] = LambdaBackend.create_event_source_mapping
        LambdaBackend.create_event_source_mapping = _create_mapping
        LambdaBackend.send_dynamodb_items = _no_delivery
        LambdaBackend.send_kinesis_message = _no_delivery


def started(endpoint: Endpoint) -> None:
    """Start the poller supervisor."""
    _supervisor.start()


def stopping() -> None:
    """Stop every poller."""
    _supervisor.halt()
