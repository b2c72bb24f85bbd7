"""The SQS behaviours the chapters teach, observed on the embedded cloud."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any


def _receive(sqs: Any, url: str, **kwargs: Any) -> list[dict[str, Any]]:
    return list(sqs.receive_message(QueueUrl=url, **kwargs).get("Messages", []))


def test_delay_queue_and_message_timer(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url = sqs.create_queue(QueueName=unique("delay"), Attributes={"DelaySeconds": "2"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="queue delay")
    sqs.send_message(QueueUrl=url, MessageBody="no delay", DelaySeconds=0)
    first = [m["Body"] for m in _receive(sqs, url, MaxNumberOfMessages=10, VisibilityTimeout=0)]
    assert first == ["no delay"], "the queue's delay applies unless the message overrides it"
    time.sleep(2.2)
    later = [m["Body"] for m in _receive(sqs, url, MaxNumberOfMessages=10, VisibilityTimeout=0)]
    assert "queue delay" in later


def test_long_polling_returns_when_a_message_arrives_and_blocks_nothing(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url = sqs.create_queue(QueueName=unique("long"))["QueueUrl"]
    result: dict[str, Any] = {}

    def poll() -> None:
        began = time.monotonic()
        result["messages"] = _receive(aws_client("sqs"), url, WaitTimeSeconds=10)
        result["took"] = time.monotonic() - began

    poller = threading.Thread(target=poll)
    dynamodb = aws_client("dynamodb")  # made before timing: creating a client is slow
    poller.start()
    time.sleep(0.5)
    began = time.monotonic()
    dynamodb.list_tables()  # another request is served meanwhile, not after the 10 s poll
    assert time.monotonic() - began < 5
    sqs.send_message(QueueUrl=url, MessageBody="wake up")
    poller.join(timeout=15)
    assert [m["Body"] for m in result["messages"]] == ["wake up"]
    assert result["took"] < 5, f"long poll waited {result['took']:.1f}s after the message arrived"
    began = time.monotonic()
    assert _receive(sqs, url, WaitTimeSeconds=1) == []
    assert time.monotonic() - began >= 0.9, "an empty long poll waits out WaitTimeSeconds"


def test_short_polling_returns_at_once(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url = sqs.create_queue(QueueName=unique("short"))["QueueUrl"]
    began = time.monotonic()
    assert _receive(sqs, url) == []
    assert time.monotonic() - began < 2, "a short poll does not wait (a long one would)"


def test_visibility_timeout_hides_then_returns_a_message(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url = sqs.create_queue(QueueName=unique("vis"), Attributes={"VisibilityTimeout": "1"})[
        "QueueUrl"
    ]
    sqs.send_message(QueueUrl=url, MessageBody="work")
    first = _receive(sqs, url)
    assert len(first) == 1 and _receive(sqs, url) == []
    time.sleep(1.2)
    again = _receive(sqs, url, AttributeNames=["ApproximateReceiveCount"])
    assert again[0]["Attributes"]["ApproximateReceiveCount"] == "2"


def test_retention_period_expires_messages(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url = sqs.create_queue(QueueName=unique("retain"), Attributes={"MessageRetentionPeriod": "60"})[
        "QueueUrl"
    ]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["MessageRetentionPeriod"])[
        "Attributes"
    ]
    assert attrs["MessageRetentionPeriod"] == "60"
