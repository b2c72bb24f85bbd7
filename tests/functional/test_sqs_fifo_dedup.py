"""FIFO deduplication as AWS does it: the interval counts from the first send, whatever became
of that message (SQS keeps tracking the id after the message was received and deleted)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def test_a_duplicate_of_a_deleted_message_is_not_delivered_again(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url = sqs.create_queue(
        QueueName=unique("dedup") + ".fifo",
        Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"},
    )["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="order 1", MessageGroupId="g")
    first = sqs.receive_message(QueueUrl=url)["Messages"][0]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"])

    again = sqs.send_message(QueueUrl=url, MessageBody="order 1", MessageGroupId="g")
    assert again["MessageId"]  # accepted, as AWS accepts a duplicate
    sqs.send_message(QueueUrl=url, MessageBody="order 2", MessageGroupId="g")

    bodies = [
        m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    ]
    assert bodies == ["order 2"]


def test_explicit_ids_are_tracked_apart_from_bodies(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url = sqs.create_queue(QueueName=unique("dedup") + ".fifo", Attributes={"FifoQueue": "true"})[
        "QueueUrl"
    ]
    sqs.send_message(QueueUrl=url, MessageBody="a", MessageGroupId="g", MessageDeduplicationId="x")
    first = sqs.receive_message(QueueUrl=url)["Messages"][0]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"])
    sqs.send_message(QueueUrl=url, MessageBody="b", MessageGroupId="g", MessageDeduplicationId="x")
    sqs.send_message(QueueUrl=url, MessageBody="c", MessageGroupId="g", MessageDeduplicationId="y")

    bodies = [
        m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    ]
    assert bodies == ["c"]


def test_high_throughput_mode_deduplicates_per_group(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url = sqs.create_queue(
        QueueName=unique("dedup") + ".fifo",
        Attributes={
            "FifoQueue": "true",
            "DeduplicationScope": "messageGroup",
            "FifoThroughputLimit": "perMessageGroupId",
        },
    )["QueueUrl"]
    for group in ("a", "b", "a"):
        sqs.send_message(
            QueueUrl=url, MessageBody=group, MessageGroupId=group, MessageDeduplicationId="same"
        )
    bodies = [
        m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    ]
    assert sorted(bodies) == ["a", "b"]
