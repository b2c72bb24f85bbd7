"""DynamoDB Streams and Kinesis mappings behave like Lambda's stream poller."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.functional.gate import HOLD, Gate
from tests.functional.lambda_helpers import logged, make_function, table_with_stream, wait_for

RECORDER = (
    HOLD
    + """
import base64, json
def handler(event, context):
    for r in event["Records"]:
        if r["eventSource"] == "aws:kinesis":
            body = json.loads(base64.b64decode(r["kinesis"]["data"]))
        else:
            image = r["dynamodb"].get("NewImage") or r["dynamodb"]["OldImage"]
            body = {k: list(v.values())[0] for k, v in image.items()}
        print("GOT", json.dumps({"event": r["eventName"], "body": body,
              "source": r["eventSourceARN"], "size": len(event["Records"])}))
        if body.get("gate"):
            hold(body["gate"])
        if body.get("poison"):
            raise ValueError("poison " + str(body["k"]))
"""
)


def _got(logs: Any, name: str) -> list[dict[str, Any]]:
    return logged(logs, name)


def test_dynamodb_stream_is_polled_in_order_and_the_write_does_not_wait(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    ddb, lam, iam, logs = (aws_client(s) for s in ("dynamodb", "lambda", "iam", "logs"))
    name = unique("stream")
    stream = table_with_stream(ddb, name)
    ddb.put_item(TableName=name, Item={"k": {"S": "before"}})  # LATEST skips this one
    make_function(lam, iam, name, RECORDER, Timeout=30)
    lam.create_event_source_mapping(
        FunctionName=name, EventSourceArn=stream, StartingPosition="LATEST", BatchSize=10
    )
    gate = Gate(tmp_path)
    ddb.put_item(TableName=name, Item={"k": {"S": "a"}, "gate": {"S": gate.path}})
    assert not gate.finished(), "PutItem must not wait for the function"
    gate.wait_started()
    gate.open()
    ddb.update_item(
        TableName=name,
        Key={"k": {"S": "a"}},
        UpdateExpression="SET n = :n REMOVE gate",
        ExpressionAttributeValues={":n": {"N": "2"}},
    )
    ddb.delete_item(TableName=name, Key={"k": {"S": "a"}})
    got = wait_for(lambda: [g for g in _got(logs, name) if g["event"] == "REMOVE"], timeout=20)
    events = [(g["event"], g["body"].get("k")) for g in _got(logs, name)]
    assert events == [("INSERT", "a"), ("MODIFY", "a"), ("REMOVE", "a")]
    assert got[0]["source"] == stream


def test_failing_batch_is_retried_then_sent_to_on_failure_and_the_shard_moves_on(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    ddb, lam, iam, logs, sqs = (aws_client(s) for s in ("dynamodb", "lambda", "iam", "logs", "sqs"))
    name = unique("retry")
    stream = table_with_stream(ddb, name)
    url = sqs.create_queue(QueueName=f"{name}-failures")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    make_function(lam, iam, name, RECORDER)
    lam.create_event_source_mapping(
        FunctionName=name,
        EventSourceArn=stream,
        StartingPosition="TRIM_HORIZON",
        BatchSize=1,
        MaximumRetryAttempts=1,
        DestinationConfig={"OnFailure": {"Destination": arn}},
    )
    ddb.put_item(TableName=name, Item={"k": {"S": "bad"}, "poison": {"BOOL": True}})
    ddb.put_item(TableName=name, Item={"k": {"S": "good"}})
    wait_for(lambda: any(g["body"]["k"] == "good" for g in _got(logs, name)), timeout=30)
    tried = [g["body"]["k"] for g in _got(logs, name)]
    assert tried == ["bad", "bad", "good"], "one try plus one retry, then the shard moved on"
    message = wait_for(lambda: sqs.receive_message(QueueUrl=url).get("Messages"), timeout=10)
    record = json.loads(message[0]["Body"])
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert record["responseContext"]["functionError"] == "Unhandled"
    info = record["DDBStreamBatchInfo"]
    assert (info["batchSize"], info["streamArn"]) == (1, stream)


def test_kinesis_records_from_trim_horizon_and_a_disabled_mapping_resumes(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    kinesis, lam, iam, logs = (aws_client(s) for s in ("kinesis", "lambda", "iam", "logs"))
    name = unique("clicks")
    kinesis.create_stream(StreamName=name, ShardCount=1)
    arn = kinesis.describe_stream(StreamName=name)["StreamDescription"]["StreamARN"]

    def put(k: str) -> None:
        kinesis.put_record(StreamName=name, Data=json.dumps({"k": k}).encode(), PartitionKey="p")

    put("early")  # TRIM_HORIZON starts from the oldest record
    make_function(lam, iam, name, RECORDER)
    mapping = lam.create_event_source_mapping(
        FunctionName=name, EventSourceArn=arn, StartingPosition="TRIM_HORIZON"
    )
    put("second")
    wait_for(lambda: len(_got(logs, name)) == 2, timeout=20)
    lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False)
    put("while-off")
    lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=True)
    wait_for(lambda: len(_got(logs, name)) == 3, timeout=20)
    got = _got(logs, name)
    assert [g["body"]["k"] for g in got] == ["early", "second", "while-off"]
    assert all(g["event"] == "aws:kinesis:record" and g["source"] == arn for g in got)
    # (the handler decoded each record's base64 "data" to read those bodies, as on AWS)
