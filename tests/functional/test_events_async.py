"""Asynchronous invocation: retries, dead-letter queues, destinations, and S3/SNS fan-out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from courseware.cloud.events import async_invoke
from tests.functional.gate import HOLD, Gate
from tests.functional.lambda_helpers import (
    allow_sqs_trigger,
    grant,
    log_messages,
    make_function,
    wait_for,
)
from tests.functional.policy_helpers import (
    allow_on_queue,
    grant_send,
    let_invoke,
    make_sending_function,
)

FAILS = (
    HOLD
    + """
def handler(event, context):
    if event.get("gate"):
        hold(event["gate"])
    print("attempt for", event.get("id"))
    raise RuntimeError("always fails")
"""
)


@pytest.fixture(autouse=True)
def _fast_retries() -> Iterator[None]:
    saved = async_invoke.RETRY_DELAYS
    async_invoke.RETRY_DELAYS = (0.2, 0.4)
    yield
    async_invoke.RETRY_DELAYS = saved


def _queue(sqs: Any, name: str) -> tuple[str, str]:
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    return url, sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]


def _messages(sqs: Any, url: str) -> list[dict[str, Any]]:
    return list(
        sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0, MessageAttributeNames=["All"]
        ).get("Messages", [])
    )


def test_async_failure_is_tried_three_times_then_dead_lettered(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("dlq")
    url, arn = _queue(sqs, name + "-dlq")
    make_sending_function(lam, iam, name, FAILS, arn, DeadLetterConfig={"TargetArn": arn})
    assert lam.get_function_configuration(FunctionName=name)["DeadLetterConfig"]["TargetArn"] == arn
    gate = Gate(tmp_path)
    event = {"id": "order-1", "gate": gate.path}
    response = lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps(event))
    assert response["StatusCode"] == 202
    assert not gate.finished(), "an Event invoke returns before the function runs"
    gate.open()
    dead = wait_for(lambda: _messages(sqs, url), timeout=20)
    assert json.loads(dead[0]["Body"]) == event
    assert dead[0]["MessageAttributes"]["ErrorMessage"]["StringValue"] == "always fails"
    attempts = [m for m in log_messages(logs, name) if m == "attempt for order-1"]
    assert len(attempts) == 3, "one attempt plus two retries"


def test_retry_attempts_and_on_failure_destination(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("dest")
    url, arn = _queue(sqs, name + "-failures")
    make_function(lam, iam, name, FAILS)
    grant_send(iam, f"{name}-role", arn)  # Lambda sends the record as the execution role
    lam.put_function_event_invoke_config(
        FunctionName=name,
        MaximumRetryAttempts=0,
        DestinationConfig={"OnFailure": {"Destination": arn}},
    )
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"id": "x"}))
    record = json.loads(wait_for(lambda: _messages(sqs, url), timeout=15)[0]["Body"])
    assert record["requestContext"]["condition"] == "RetriesExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 1
    assert record["requestPayload"] == {"id": "x"}
    assert record["responseContext"]["functionError"] == "Unhandled"
    assert record["responsePayload"]["errorMessage"] == "always fails"
    assert [m for m in log_messages(logs, name) if m.startswith("attempt")] == ["attempt for x"]


def test_on_success_destination(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam = aws_client("sqs"), aws_client("lambda"), aws_client("iam")
    name = unique("ok")
    url, arn = _queue(sqs, name + "-done")
    make_function(lam, iam, name, "def handler(e, c):\n    return {'doubled': e['n'] * 2}\n")
    grant_send(iam, f"{name}-role", arn)
    lam.put_function_event_invoke_config(
        FunctionName=name, DestinationConfig={"OnSuccess": {"Destination": arn}}
    )
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"n": 21}))
    record = json.loads(wait_for(lambda: _messages(sqs, url), timeout=15)[0]["Body"])
    assert record["requestContext"]["condition"] == "Success"
    assert record["responsePayload"] == {"doubled": 42}


def test_sns_fans_out_to_lambda_and_filtered_raw_sqs(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sns, sqs, lam, iam, logs = (aws_client(s) for s in ("sns", "sqs", "lambda", "iam", "logs"))
    name = unique("fanout")
    topic = sns.create_topic(Name=name)["TopicArn"]
    fn = make_function(
        lam, iam, name, "def handler(e, c):\n    print('SNS', e['Records'][0]['Sns']['Message'])\n"
    )
    sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=fn["FunctionArn"])
    let_invoke(lam, name, "sns.amazonaws.com", topic)  # what AWS requires of SNS → Lambda
    big_url, big_arn = _queue(sqs, name + "-big")
    allow_on_queue(sqs, big_url, "sns.amazonaws.com", topic)  # and of SNS → SQS
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=big_arn,
        Attributes={
            "RawMessageDelivery": "true",
            "FilterPolicy": json.dumps({"size": ["big"]}),
        },
    )
    sns.publish(
        TopicArn=topic,
        Message="small order",
        MessageAttributes={"size": {"DataType": "String", "StringValue": "small"}},
    )
    sns.publish(
        TopicArn=topic,
        Message="big order",
        MessageAttributes={"size": {"DataType": "String", "StringValue": "big"}},
    )
    wait_for(
        lambda: (
            {"SNS small order", "SNS big order"} <= set(log_messages(logs, name))
            if _exists(logs, name)
            else False
        ),
        timeout=15,
    )
    bodies = [m["Body"] for m in wait_for(lambda: _messages(sqs, big_url), timeout=10)]
    assert bodies == ["big order"], "raw delivery, and the filter policy keeps only big orders"


def _exists(logs: Any, name: str) -> bool:
    return bool(logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{name}")["logGroups"])


def test_the_course_pipeline_s3_lambda_s3_sqs_lambda_dynamodb(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    s3, sqs, lam, iam, ddb = (aws_client(s) for s in ("s3", "sqs", "lambda", "iam", "dynamodb"))
    tag = unique("pipe")
    uploads, results, table = f"{tag}-uploads", f"{tag}-results", f"{tag}-files"
    s3.create_bucket(Bucket=uploads)
    s3.create_bucket(Bucket=results)
    ddb.create_table(
        TableName=table,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "key", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "key", "AttributeType": "S"}],
    )
    url, queue_arn = _queue(sqs, f"{tag}-processed")
    gate = Gate(tmp_path)
    processor = (
        HOLD
        + f"""
import boto3, json
s3, sqs = boto3.client("s3"), boto3.client("sqs")
def handler(event, context):
    for record in event["Records"]:
        key = record["s3"]["object"]["key"]
        hold("{gate.path}")
        text = s3.get_object(Bucket="{uploads}", Key=key)["Body"].read().decode()
        s3.put_object(Bucket="{results}", Key=key, Body=text.upper())
        sqs.send_message(QueueUrl="{url}", MessageBody=json.dumps({{"key": key, "length": len(text)}}))
"""
    )
    recorder = f"""
import boto3, json
table = boto3.resource("dynamodb").Table("{table}")
def handler(event, context):
    for record in event["Records"]:
        table.put_item(Item=json.loads(record["body"]))
"""
    first = make_function(lam, iam, f"{tag}-processor", processor)
    make_function(lam, iam, f"{tag}-recorder", recorder)
    grant(iam, f"{tag}-processor-role", ["s3:GetObject"], [f"arn:aws:s3:::{uploads}/*"], "read")
    grant(iam, f"{tag}-processor-role", ["s3:PutObject"], [f"arn:aws:s3:::{results}/*"], "write")
    grant(iam, f"{tag}-processor-role", ["sqs:SendMessage"], [queue_arn], "send")
    table_arn = queue_arn.rsplit(":", 1)[0].replace(":sqs:", ":dynamodb:") + f":table/{table}"
    grant(iam, f"{tag}-recorder-role", ["dynamodb:PutItem"], [table_arn])
    let_invoke(lam, f"{tag}-processor", "s3.amazonaws.com", f"arn:aws:s3:::{uploads}")
    s3.put_bucket_notification_configuration(
        Bucket=uploads,
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": first["FunctionArn"],
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".txt"}]}},
                }
            ]
        },
    )
    allow_sqs_trigger(iam, f"{tag}-recorder")
    lam.create_event_source_mapping(FunctionName=f"{tag}-recorder", EventSourceArn=queue_arn)
    s3.put_object(Bucket=uploads, Key="notes.txt", Body=b"hello serverless")
    s3.put_object(Bucket=uploads, Key="image.png", Body=b"not text")
    assert not gate.finished(), "S3 must not wait for the function"
    gate.open()
    item = wait_for(
        lambda: ddb.get_item(TableName=table, Key={"key": {"S": "notes.txt"}}).get("Item"),
        timeout=30,
    )
    assert item["length"] == {"N": "16"}
    assert s3.get_object(Bucket=results, Key="notes.txt")["Body"].read() == b"HELLO SERVERLESS"
    assert "image.png" not in [
        o["Key"] for o in s3.list_objects_v2(Bucket=results).get("Contents", [])
    ]
