"""Editing a queue: the form is filled from its attributes, and only changeable ones are sent."""

from __future__ import annotations

import json

from courseware.tui.consoles.sqs.sqs_model import form_from_attributes, update_request

DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:orders-dlq.fifo"
DLQ_URL = "http://127.0.0.1:4566/123456789012/orders-dlq.fifo"
POLICY = '{"Version": "2012-10-17", "Statement": []}'
FIFO = {
    "FifoQueue": "true",
    "ContentBasedDeduplication": "true",
    "VisibilityTimeout": "60",
    "DelaySeconds": "0",
    "MessageRetentionPeriod": "86400",
    "ReceiveMessageWaitTimeSeconds": "20",
    "RedrivePolicy": json.dumps({"deadLetterTargetArn": DLQ_ARN, "maxReceiveCount": 3}),
    "Policy": POLICY,
}


def test_form_from_a_fifo_queue_with_a_dead_letter_queue() -> None:
    form = form_from_attributes("orders.fifo", FIFO, {"orders-dlq.fifo": DLQ_URL})
    assert form.fifo and form.content_dedup
    assert (form.visibility_timeout, form.retention, form.wait) == ("60", "86400", "20")
    assert (form.dlq_arn, form.max_receive_count) == (DLQ_URL, "3")


def test_update_sends_no_queue_type_and_keeps_the_access_policy() -> None:
    form = form_from_attributes("orders.fifo", FIFO, {"orders-dlq.fifo": DLQ_URL})
    form.dlq_arn, form.visibility_timeout = DLQ_ARN, "90"  # the screen resolves URL to ARN
    sent = update_request(form, FIFO)
    assert "FifoQueue" not in sent
    assert sent["VisibilityTimeout"] == "90" and sent["Policy"] == POLICY
    assert json.loads(sent["RedrivePolicy"])["maxReceiveCount"] == 3


def test_clearing_the_dead_letter_queue_sends_an_empty_redrive_policy() -> None:
    form = form_from_attributes("orders.fifo", FIFO, {})
    assert form.dlq_arn is None  # the dead-letter queue no longer exists
    assert update_request(form, FIFO)["RedrivePolicy"] == ""
    plain = {k: v for k, v in FIFO.items() if k not in {"RedrivePolicy", "Policy"}}
    assert "RedrivePolicy" not in update_request(form, plain)
