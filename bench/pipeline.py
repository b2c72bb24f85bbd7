"""Throughput of queue -> Lambda -> DynamoDB on the embedded cloud, with poison messages.

Sends 1,000 messages with SendMessageBatch (5 % poison); the handler writes each good
message to DynamoDB (counting writes, to expose duplicates) and reports poison ones as
batch item failures, which the redrive policy moves to a dead-letter queue. Prints wall
time, per-message cost as a ratio to one SendMessage + one PutItem round trip, and the audit.
"""

from __future__ import annotations

import json
import time

from botocore.exceptions import ClientError

from bench._table import Row, at_most, exactly, render, row
from bench._util import bench_cloud, bench_function, median, timed
from tests.functional.lambda_helpers import allow_sqs_trigger, grant

TOTAL = 1000
POISON_EVERY = 20  # 5 %
FUNCTION_TIMEOUT = 3  # seconds; the queue's VisibilityTimeout matches it
HANDLER = """
import boto3, json
table = boto3.client("dynamodb")
def handler(event, context):
    failures = []
    for record in event["Records"]:
        body = json.loads(record["body"])
        if body["poison"]:
            failures.append({"itemIdentifier": record["messageId"]})
            continue
        table.update_item(TableName="bench-items", Key={"n": {"N": str(body["n"])}},
                          UpdateExpression="ADD writes :one", ExpressionAttributeValues={":one": {"N": "1"}})
    return {"batchItemFailures": failures}
"""


def rows() -> list[Row]:
    """Run the pipeline without a state folder, then journaled; audit rows fail the run."""
    found: list[Row] = []
    for state in (False, True):
        print(f"-- {'journaled state (kill -9 safe)' if state else 'no state folder'} --")
        found += run(state)
    return found


def main() -> None:
    """Print this module's rows as a table."""
    print(render(rows()))


def run(state: bool) -> list[Row]:
    """One pipeline run and its figures."""
    from courseware.cloud.endpoint import client

    with bench_cloud(state) as endpoint:
        sqs, ddb, lam, iam = (client(s, endpoint) for s in ("sqs", "dynamodb", "lambda", "iam"))
        ddb.create_table(
            TableName="bench-items",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "n", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "n", "AttributeType": "N"}],
        )
        dlq = sqs.create_queue(QueueName="bench-dlq")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        url = sqs.create_queue(
            QueueName="bench",
            Attributes={
                "VisibilityTimeout": str(FUNCTION_TIMEOUT),  # AWS rejects less than the timeout
                "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1}),
            },
        )["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        floor_send = median(timed(lambda: sqs.send_message(QueueUrl=dlq, MessageBody="x"), 100))
        floor_put = median(
            timed(lambda: ddb.put_item(TableName="bench-items", Item={"n": {"N": "-1"}}), 100)
        )
        sqs.purge_queue(QueueUrl=dlq)
        ddb.delete_item(TableName="bench-items", Key={"n": {"N": "-1"}})
        bench_function(lam, iam, "bench", HANDLER, Timeout=FUNCTION_TIMEOUT)
        allow_sqs_trigger(iam, "bench")  # what AWS requires of the role (IAM is enforced)
        grant(iam, "bench-role", ["dynamodb:UpdateItem"], ["*"])
        lam.create_event_source_mapping(
            FunctionName="bench",
            EventSourceArn=arn,
            BatchSize=10,
            FunctionResponseTypes=["ReportBatchItemFailures"],
        )
        began = time.perf_counter()
        for start in range(0, TOTAL, 10):
            entries = [
                {"Id": str(n), "MessageBody": json.dumps({"n": n, "poison": n % POISON_EVERY == 0})}
                for n in range(start, start + 10)
            ]
            sqs.send_message_batch(QueueUrl=url, Entries=entries)
        sent = time.perf_counter() - began

        def counts() -> tuple[int, int]:
            for _ in range(5):  # without a state folder, moto may race a read with a write
                try:
                    return _counts()
                except ClientError:
                    time.sleep(0.05)
            return _counts()

        def _counts() -> tuple[int, int]:
            items = ddb.describe_table(TableName="bench-items")["Table"]["ItemCount"]
            attrs = sqs.get_queue_attributes(
                QueueUrl=dlq, AttributeNames=["ApproximateNumberOfMessages"]
            )["Attributes"]
            return int(items), int(attrs["ApproximateNumberOfMessages"])

        deadline = time.monotonic() + 300
        good = TOTAL - TOTAL // POISON_EVERY
        written_at = None
        while sum(counts()) < TOTAL and time.monotonic() < deadline:
            if written_at is None and counts()[0] >= good:
                written_at = time.perf_counter() - began
            time.sleep(0.05)
        wall = time.perf_counter() - began
        written = written_at or wall
        items, dead = counts()
        scanned = []
        kwargs: dict[str, object] = {"TableName": "bench-items"}
        while True:
            page = ddb.scan(**kwargs)
            scanned += page["Items"]
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        duplicates = sum(1 for item in scanned if int(item["writes"]["N"]) > 1)
    good_count = TOTAL - TOTAL // POISON_EVERY
    per_message = wall / TOTAL * 1000
    floor = floor_send + floor_put
    print(f"messages                      {TOTAL} ({TOTAL // POISON_EVERY} poison), batch size 10")
    print(f"send (SendMessageBatch)       {sent:7.2f} s")
    print(f"good messages all written     {written:7.2f} s   ({good_count / written:6.0f} msg/s)")
    print(
        f"wall time until all settled   {wall:7.2f} s   (poison waits out the {FUNCTION_TIMEOUT} s visibility timeout)"
    )
    print(f"floor: SendMessage + PutItem  {floor:7.2f} ms  ({floor_send:.2f} + {floor_put:.2f})")
    print(
        f"per message (all settled)     {per_message:7.2f} ms  = {per_message / floor:4.2f}x the floor (target <= 3x)"
    )
    print(
        f"per good message (processing) {written / good_count * 1000:7.2f} ms  = {written / good_count * 1000 / floor:4.2f}x the floor"
    )
    print(
        f"audit: items {items} + DLQ {dead} = {items + dead} (want {TOTAL}); duplicate writes: {duplicates}"
    )
    tag = "journaled" if state else "no state"
    poison = TOTAL // POISON_EVERY
    return [
        row(f"pipeline {TOTAL} ({tag}) per msg vs floor", per_message / floor, "x", at_most(3)),
        row(f"audit ({tag}): good items written", items, "", exactly(good_count), audit=True),
        row(f"audit ({tag}): poison dead-lettered", dead, "", exactly(poison), audit=True),
        row(f"audit ({tag}): duplicate writes", duplicates, "", exactly(0), audit=True),
    ]


if __name__ == "__main__":
    main()
