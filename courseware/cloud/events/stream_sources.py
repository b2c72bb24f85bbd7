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


def shards(arn: str) -> dict[str, list[ShardRecord]]:
    """Every shard of the stream at ``arn`` with its records (empty if the stream is gone)."""
    return _dynamodb(arn) if kind(arn) == "dynamodb" else _kinesis(arn)


def _epoch(value: Any) -> float:
    """Epoch seconds; moto's naive datetimes are UTC."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    return float(value)


def _dynamodb(arn: str) -> dict[str, list[ShardRecord]]:
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
    for item in list(shard.items):
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


def _kinesis(arn: str) -> dict[str, list[ShardRecord]]:
    from moto.kinesis.models import kinesis_backends

    _, region, account, resource = arn_parts(arn)
    stream = kinesis_backends[account][region].streams.get(resource.split("/", 1)[1])
    if stream is None:
        return {}
    found: dict[str, list[ShardRecord]] = {}
    for shard_id, shard in list(stream.shards.items()):
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
            for seq, record in list(shard.records.items())
        ]
    return found
