"""SQS event source mappings behave like Lambda's poller."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.functional.gate import HOLD, Gate
from tests.functional.lambda_helpers import (
    allow_sqs_trigger,
    log_messages,
    logged,
    make_function,
    wait_for,
)

RECORDER = (
    HOLD
    + """
import json, os, time
def handler(event, context):
    for r in event["Records"]:
        body = json.loads(r["body"])
        if body.get("gate"):
            hold(body["gate"])
        print("GOT", json.dumps({"n": body["n"], "count": r["attributes"]["ApproximateReceiveCount"],
              "group": r["attributes"].get("MessageGroupId"), "size": len(event["Records"]),
              "src": r["eventSource"], "md5": r["md5OfBody"]}))
        if body.get("poison"):
            raise ValueError("poison message " + str(body["n"]))
    return {}
"""
)


def _queue(sqs: Any, name: str, **attributes: str) -> tuple[str, str]:
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    return url, arn


def _got(logs: Any, name: str) -> list[dict[str, Any]]:
    return logged(logs, name)


def test_message_sent_before_the_trigger_is_processed_and_send_returns_at_once(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("early")
    url, arn = _queue(sqs, name)
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": 1}))
    make_function(lam, iam, name, RECORDER)
    allow_sqs_trigger(iam, name)
    lam.create_event_source_mapping(FunctionName=name, EventSourceArn=arn, BatchSize=10)
    wait_for(lambda: [g for g in _got(logs, name) if g["n"] == 1], timeout=15)
    gate = Gate(tmp_path)
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": 2, "gate": gate.path}))
    assert not gate.finished(), "SendMessage must not wait for the function"
    gate.wait_started()  # the poller delivers it while the sender carries on
    gate.open()
    got = wait_for(lambda: [g for g in _got(logs, name) if g["n"] == 2], timeout=15)
    assert got[0]["src"] == "aws:sqs" and len(got[0]["md5"]) == 32
    wait_for(
        lambda: (
            sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"][
                "ApproximateNumberOfMessages"
            ]
            == "0"
        ),
        timeout=10,
    )


def test_poison_messages_go_to_the_dlq_after_max_receive_count(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("poison")
    dlq_url, dlq_arn = _queue(sqs, name + "-dlq")
    url, arn = _queue(
        sqs,
        name,
        VisibilityTimeout="1",
        RedrivePolicy=json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2}),
    )
    make_function(lam, iam, name, RECORDER, Timeout=1)  # Lambda refuses one over the 1 s timeout
    entries = [
        {"Id": str(i), "MessageBody": json.dumps({"n": i, "poison": i in (3, 7)})}
        for i in range(10)
    ]
    sqs.send_message_batch(QueueUrl=url, Entries=entries)
    allow_sqs_trigger(iam, name)
    lam.create_event_source_mapping(FunctionName=name, EventSourceArn=arn, BatchSize=1)

    def dead() -> list[int]:
        messages = sqs.receive_message(
            QueueUrl=dlq_url, MaxNumberOfMessages=10, VisibilityTimeout=0
        ).get("Messages", [])
        return sorted(json.loads(m["Body"])["n"] for m in messages)

    assert wait_for(lambda: dead() == [3, 7] and dead(), timeout=30) == [3, 7]
    counts = {g["count"] for g in _got(logs, name) if g["n"] == 3}
    assert counts == {"1", "2"}, f"ApproximateReceiveCount must be real, got {counts}"
    good = {g["n"] for g in _got(logs, name) if g["n"] not in (3, 7)}
    assert good == {0, 1, 2, 4, 5, 6, 8, 9}


def test_partial_batch_failure_retries_only_reported_messages(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("partial")
    # Long enough that a slow cold start on a busy machine never lets the whole batch reappear
    # (as on AWS, a visibility timeout shorter than the invocation causes duplicates).
    url, arn = _queue(sqs, name, VisibilityTimeout="4")
    source = """
import json
seen = set()
def handler(event, context):
    failures = []
    for r in event["Records"]:
        n = json.loads(r["body"])["n"]
        print("SAW", n, r["attributes"]["ApproximateReceiveCount"])
        if n == 2 and r["attributes"]["ApproximateReceiveCount"] == "1":
            failures.append({"itemIdentifier": r["messageId"]})
    return {"batchItemFailures": failures}
"""
    make_function(lam, iam, name, source)
    sqs.send_message_batch(
        QueueUrl=url,
        Entries=[{"Id": str(i), "MessageBody": json.dumps({"n": i})} for i in range(4)],
    )
    allow_sqs_trigger(iam, name)
    lam.create_event_source_mapping(
        FunctionName=name,
        EventSourceArn=arn,
        BatchSize=10,
        MaximumBatchingWindowInSeconds=1,
        FunctionResponseTypes=["ReportBatchItemFailures"],
    )
    wait_for(
        lambda: "SAW 2 2" in log_messages(logs, name) if _exists(logs, name) else False, timeout=40
    )
    saw = [m for m in log_messages(logs, name) if m.startswith("SAW")]
    assert sorted(saw) == ["SAW 0 1", "SAW 1 1", "SAW 2 1", "SAW 2 2", "SAW 3 1"]


def _exists(logs: Any, name: str) -> bool:
    return bool(logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{name}")["logGroups"])


def test_fifo_keeps_order_per_group(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("fifo")
    url, arn = _queue(sqs, name + ".fifo", FifoQueue="true", ContentBasedDeduplication="true")
    make_function(lam, iam, name, RECORDER)
    for i in range(12):
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": i}), MessageGroupId=f"g{i % 2}")
    allow_sqs_trigger(iam, name)
    lam.create_event_source_mapping(FunctionName=name, EventSourceArn=arn, BatchSize=3)
    got = wait_for(lambda: (g := _got(logs, name)) and len(g) >= 12 and g, timeout=20)
    for group in ("g0", "g1"):
        order = [g["n"] for g in got if g["group"] == group]
        assert order == sorted(order), f"group {group} out of order: {order}"


def test_disable_enable_and_delete_mapping(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("toggle")
    url, arn = _queue(sqs, name)
    make_function(lam, iam, name, RECORDER)
    allow_sqs_trigger(iam, name)
    uuid = lam.create_event_source_mapping(FunctionName=name, EventSourceArn=arn, Enabled=False)[
        "UUID"
    ]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": 1}))
    time.sleep(1.0)
    assert _got(logs, name) == [], "a disabled mapping must not deliver"
    lam.update_event_source_mapping(UUID=uuid, Enabled=True)
    wait_for(lambda: _got(logs, name), timeout=15)
    lam.delete_event_source_mapping(UUID=uuid)
    time.sleep(0.5)
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": 2}))
    time.sleep(1.0)
    assert [g["n"] for g in _got(logs, name)] == [1]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])[
        "Attributes"
    ]
    assert attrs["ApproximateNumberOfMessages"] == "1"
