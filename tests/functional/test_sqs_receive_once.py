"""A message in flight goes to one receiver only, even when marking it received is slow.

moto checked a message's visibility and marked it received without a lock, so two receivers
at once could both get it. A state folder makes marking slow (each mark is journaled); here
a gate holds the first receiver inside the mark instead, so the race is forced, not hoped for.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from moto.sqs.models import Message

BODY = "receive-once probe"


class _MarkGate:
    """Holds the first receiver of the probe message inside ``mark_received``."""

    def __init__(self) -> None:
        self.first_inside = threading.Event()
        self.second_inside = threading.Event()
        self.release = threading.Event()
        self.calls = 0
        self.lock = threading.Lock()


@pytest.fixture
def mark_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[_MarkGate]:
    """Wrap moto's ``Message.mark_received`` (as journaling does) with a gate for the probe."""
    gate = _MarkGate()
    original = Message.mark_received

    def gated(self: Any, visibility_timeout: int | None = None) -> None:
        if self.body == BODY:
            with gate.lock:
                gate.calls += 1
                first = gate.calls == 1
            if first:
                gate.first_inside.set()
                gate.release.wait(20)
            else:
                gate.second_inside.set()
        original(self, visibility_timeout)

    monkeypatch.setattr(Message, "mark_received", gated)
    yield gate
    gate.release.set()


def _depth(sqs: Any, url: str) -> int:
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return sum(int(attrs[n]) for n in names)


def test_two_receivers_at_once_never_both_get_a_message(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], mark_gate: _MarkGate
) -> None:
    sqs = aws_client("sqs")
    dlq = sqs.create_queue(QueueName=unique("once-dlq"))["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1})
    url = sqs.create_queue(
        QueueName=unique("once"),
        Attributes={"VisibilityTimeout": "60", "RedrivePolicy": redrive},
    )["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=BODY)
    got: dict[str, list[dict[str, Any]]] = {}

    def receive(who: str) -> None:
        got[who] = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])

    first = threading.Thread(target=receive, args=("first",))
    first.start()
    assert mark_gate.first_inside.wait(20), "the first ReceiveMessage never reached the message"
    second = threading.Thread(target=receive, args=("second",))
    second.start()
    # On the old code the second receiver finds the message still visible and marks it too;
    # now it waits for the first. Either way, the first is then let through.
    mark_gate.second_inside.wait(3)
    mark_gate.release.set()
    first.join(30)
    second.join(30)

    delivered = [m["MessageId"] for who in ("first", "second") for m in got[who]]
    assert len(delivered) == 1, f"one message, delivered to {len(delivered)} receivers at once"
    (message,) = got["first"]
    assert message["Body"] == BODY
    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    assert (_depth(sqs, url), _depth(sqs, dlq)) == (0, 0), "deleted once, never dead-lettered"
