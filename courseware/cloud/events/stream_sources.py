"""Reading DynamoDB Streams and Kinesis shards as Lambda's stream poller sees them.

Each source is a list of shards; each shard a list of :class:`ShardRecord` in sequence order,
already shaped as the record of a Lambda event (``Records[i]``), as AWS documents them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from courseware.cloud.events.backends import arn_parts


@dataclass(frozen=True)
class ShardRecord:
    """One record of a shard: its sequence number, arrival time and Lambda event record."""

    sequence: int
    arrival: float
    event: dict[str, Any]


def kind(arn: str) -> str | None:
    """``dynamodb`` or ``kinesis`` for a stream event source ARN, else ``None``."""
    service = arn.split(":")[2] if arn.count(":") >= 5 else ""
    if service == "dynamodb" and "/stream/" in arn:
        return "dynamodb"
    return "kinesis" if service == "kinesis" else None


def shards(arn: str, after: dict[str, int] | None = None) -> dict[str, list[ShardRecord]]:
    """Every shard of the stream at ``arn`` with its records (empty if the stream is gone).

    Args:
        arn: The stream's ARN.
        after: Per shard, a sequence number: only later records are read (and shaped), so a
            poller's cost follows what is new, not the stream's length.
    """
    after = after or {}
    return _dynamodb(arn, after) if kind(arn) == "dynamodb" else _kinesis(arn, after)


def _epoch(value: Any) -> float:
    """Epoch seconds; moto's naive datetimes are UTC."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    return float(value)


def _dynamodb(arn: str, after: dict[str, int]) -> dict[str, list[ShardRecord]]:
    from moto.dynamodb.models import dynamodb_backends

    _, region, account, resource = arn_parts(arn)
    table_name = resource.split("/")[1]
    try:
        shard = dynamodb_backends[account][region].get_table(table_name).stream_shard
    except Exception:  # the table was deleted
        return {}
    if shard is None:
        return {}
    records = []
    first = max(0, after.get(shard.id, 0) - shard.starting_sequence_number + 1)
    for item in shard.items[first:]:  # sequence numbers count up from starting_sequence_number
        record = item.to_json()
        body = dict(record["dynamodb"])
        arrival = _epoch(body["ApproximateCreationDateTime"])
        body["ApproximateCreationDateTime"] = int(arrival)  # whole seconds, as DynamoDB sends
        event = {
            "eventID": record["eventID"],
            "eventName": record["eventName"],
            "eventVersion": record["eventVersion"],
            "eventSource": "aws:dynamodb",
            "awsRegion": region,
            "dynamodb": body,
            "eventSourceARN": arn,
        }
        records.append(ShardRecord(int(body["SequenceNumber"]), arrival, event))
    return {shard.id: records}


def _kinesis(arn: str, after: dict[str, int]) -> dict[str, list[ShardRecord]]:
    from moto.kinesis.models import kinesis_backends

    _, region, account, resource = arn_parts(arn)
    stream = kinesis_backends[account][region].streams.get(resource.split("/", 1)[1])
    if stream is None:
        return {}
    found: dict[str, list[ShardRecord]] = {}
    for shard_id, shard in list(stream.shards.items()):
        newer: list[tuple[int, Any]] = []
        for seq, record in reversed(list(shard.records.items())):  # newest first, stop early
            if seq <= after.get(shard_id, 0):
                break
            newer.append((seq, record))
        found[shard_id] = [
            ShardRecord(
                int(seq),
                float(record.created_at),
                {
                    "kinesis": {
                        "kinesisSchemaVersion": "1.0",
                        "partitionKey": record.partition_key,
                        "sequenceNumber": str(seq),
                        "data": record.data,
                        "approximateArrivalTimestamp": round(float(record.created_at), 3),
                    },
                    "eventSource": "aws:kinesis",
                    "eventVersion": "1.0",
                    "eventID": f"{shard_id}:{seq}",
                    "eventName": "aws:kinesis:record",
                    "awsRegion": region,
                    "eventSourceARN": arn,
                },
            )
            for seq, record in reversed(newer)
        ]
    return found
