"""SQS → Lambda → DynamoDB with IAM enforcement on vs off (paired, interleaved, medians).

Run: ``.venv/bin/python -m bench iam_pipeline``. One cloud, one function and one mapping;
enforcement is read per request, so each round sends a burst of messages with enforcement on
and one with it off (the order alternating between rounds) and times until every message's
item is written. What is paid for: authorising each of the handler's PutItem calls against
its role, and Lambda's logging-permission check, per invocation.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from typing import Any

from bench._table import Row, at_most, render, row
from bench._util import bench_cloud, bench_function

BURST = 50  # messages per timed burst (five SendMessageBatch calls)
ROUNDS = 12
HANDLER = """
import boto3, json
table = boto3.client("dynamodb")
def handler(event, context):
    for record in event["Records"]:
        table.put_item(TableName="bench-iam-pipe", Item={"k": {"S": json.loads(record["body"])["k"]}})
"""
SQS_POLLER = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"


def _burst(sqs: Any, ddb: Any, url: str, tag: str) -> float:
    """Send ``BURST`` messages and return the seconds until all their items are written."""
    keys = [f"{tag}-{n}" for n in range(BURST)]
    began = time.perf_counter()
    for start in range(0, BURST, 10):
        entries = [
            {"Id": str(n), "MessageBody": json.dumps({"k": keys[n]})}
            for n in range(start, start + 10)
        ]
        sqs.send_message_batch(QueueUrl=url, Entries=entries)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = ddb.batch_get_item(
            RequestItems={"bench-iam-pipe": {"Keys": [{"k": {"S": k}} for k in keys]}}
        )["Responses"]["bench-iam-pipe"]
        if len(found) == BURST:
            return time.perf_counter() - began
        time.sleep(0.005)
    raise RuntimeError(f"burst {tag}: not every item written within 120 s")


def rows() -> list[Row]:
    """Time the pipeline per mode and return the on/off ratio row."""
    from courseware.cloud.endpoint import client

    saved = os.environ.get("COURSEWARE_IAM")
    times: dict[str, list[float]] = {"on": [], "off": []}
    with bench_cloud() as endpoint:
        sqs, ddb, lam, iam = (client(s, endpoint) for s in ("sqs", "dynamodb", "lambda", "iam"))
        ddb.create_table(
            TableName="bench-iam-pipe",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
        )
        url = sqs.create_queue(QueueName="bench-iam-pipe")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        bench_function(lam, iam, "bench-iam-pipe", HANDLER)
        iam.attach_role_policy(RoleName="bench-iam-pipe-role", PolicyArn=SQS_POLLER)
        statement = {"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "*"}
        iam.put_role_policy(
            RoleName="bench-iam-pipe-role",
            PolicyName="write",
            PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
        )
        lam.create_event_source_mapping(FunctionName="bench-iam-pipe", EventSourceArn=arn)
        try:
            _burst(sqs, ddb, url, "warm")  # warm the worker and the poller
            for n in range(ROUNDS):
                order = ("on", "off") if n % 2 == 0 else ("off", "on")
                for mode in order:
                    os.environ["COURSEWARE_IAM"] = mode
                    times[mode].append(_burst(sqs, ddb, url, f"{mode}{n}"))
        finally:
            if saved is None:
                os.environ.pop("COURSEWARE_IAM", None)
            else:
                os.environ["COURSEWARE_IAM"] = saved
    on, off = (statistics.median(times[m]) * 1000 for m in ("on", "off"))
    paired = statistics.median(a / b for a, b in zip(times["on"], times["off"], strict=True))
    print(f"SQS -> Lambda -> DynamoDB, {BURST} messages per burst, {ROUNDS} paired rounds")
    print(f"  median burst: iam on {on:.1f} ms, off {off:.1f} ms")
    print(f"  ratio of medians {on / off:.2f}x; median of paired ratios {paired:.2f}x")
    return [row("sqs pipeline iam on vs off (paired)", paired, "x", at_most(1.5), ratio=on / off)]


def main() -> None:
    """Print this module's rows as a table."""
    print(render(rows()))


if __name__ == "__main__":
    main()
