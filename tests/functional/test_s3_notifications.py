"""S3 event notifications through the real cloud: Lambda and SQS destinations, key filters."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.functional.lambda_helpers import logged, make_function, wait_for

LOGS_KEYS = """
import json
def handler(event, context):
    for record in event["Records"]:
        print("GOT " + json.dumps(record))
"""


def _rules(**rules: str) -> dict[str, Any]:
    return {"Key": {"FilterRules": [{"Name": k, "Value": v} for k, v in rules.items()]}}


def _queue(sqs: Any, name: str, bucket: str) -> tuple[str, str]:
    """A queue whose access policy lets S3 send ``bucket``'s events (as AWS requires)."""
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "s3.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": arn["QueueArn"],
        "Condition": {"ArnLike": {"aws:SourceArn": f"arn:aws:s3:::{bucket}"}},
    }
    policy = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": policy})
    return url, arn["QueueArn"]


def _allow_s3(lam: Any, function: str, bucket: str) -> None:
    lam.add_permission(
        FunctionName=function,
        StatementId="s3-invoke",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn=f"arn:aws:s3:::{bucket}",
        SourceAccount="123456789012",
    )


def _bodies(sqs: Any, url: str) -> list[dict[str, Any]]:
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(m["Body"]) for m in messages]


def test_lambda_gets_only_keys_matching_prefix_and_suffix(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    s3, lam, iam, logs = (aws_client(s) for s in ("s3", "lambda", "iam", "logs"))
    bucket, name = unique("uploads"), unique("keys")
    s3.create_bucket(Bucket=bucket)
    fn = make_function(lam, iam, name, LOGS_KEYS)
    _allow_s3(lam, name, bucket)
    s3.put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "Id": "txt-in-incoming",
                    "LambdaFunctionArn": fn["FunctionArn"],
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": _rules(Prefix="incoming/", Suffix=".txt"),
                }
            ]
        },
    )
    got = s3.get_bucket_notification_configuration(Bucket=bucket)
    rules = got["LambdaFunctionConfigurations"][0]["Filter"]["Key"]["FilterRules"]
    assert {(r["Name"].lower(), r["Value"]) for r in rules} == {
        ("prefix", "incoming/"),
        ("suffix", ".txt"),
    }
    for key in ("other/a.txt", "incoming/a.csv", "incoming/my notes.txt"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    records = wait_for(lambda: logged(logs, name), timeout=20)
    assert [r["s3"]["object"]["key"] for r in records] == ["incoming/my+notes.txt"]
    record = records[0]
    assert record["eventSource"] == "aws:s3"
    assert record["eventName"] == "ObjectCreated:Put"
    assert record["s3"]["configurationId"] == "txt-in-incoming"
    assert record["s3"]["bucket"]["arn"] == f"arn:aws:s3:::{bucket}"


def test_sqs_destination_gets_only_matching_keys(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    s3, sqs = aws_client("s3"), aws_client("sqs")
    bucket = unique("uploads")
    s3.create_bucket(Bucket=bucket)
    url, arn = _queue(sqs, unique("events"), bucket)
    s3.put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "QueueArn": arn,
                    "Events": ["s3:ObjectCreated:Put"],
                    "Filter": _rules(prefix="in/"),
                }
            ]
        },
    )
    s3.put_object(Bucket=bucket, Key="out/skip.txt", Body=b"x")
    s3.put_object(Bucket=bucket, Key="in/take.txt", Body=b"x")
    bodies = _bodies(sqs, url)  # S3 sends while PutObject runs: both would be here by now
    assert [b["Event"] for b in bodies if "Event" in b] == ["s3:TestEvent"], "sent on configuring"
    keys = [b["Records"][0]["s3"]["object"]["key"] for b in bodies if "Records" in b]
    assert keys == ["in/take.txt"]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([("middle", "x")], "filter rule name must be either prefix or suffix"),
        ([("prefix", "a/"), ("Prefix", "b/")], "Cannot specify more than one prefix rule"),
    ],
)
def test_bad_filter_rules_are_refused_with_s3s_error(
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    rules: list[tuple[str, str]],
    message: str,
) -> None:
    s3, sqs = aws_client("s3"), aws_client("sqs")
    bucket = unique("uploads")
    s3.create_bucket(Bucket=bucket)
    _, arn = _queue(sqs, unique("events"), bucket)
    config = {
        "QueueArn": arn,
        "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": n, "Value": v} for n, v in rules]}},
    }
    with pytest.raises(ClientError) as caught:
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [config]}
        )
    assert caught.value.response["Error"]["Code"] == "InvalidArgument"
    assert message in caught.value.response["Error"]["Message"]


def test_overlapping_configurations_are_refused(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    s3, sqs = aws_client("s3"), aws_client("sqs")
    bucket = unique("uploads")
    s3.create_bucket(Bucket=bucket)
    _, arn = _queue(sqs, unique("events"), bucket)
    _, other = _queue(sqs, unique("events"), bucket)

    def put(second_prefix: str) -> None:
        s3.put_bucket_notification_configuration(
            Bucket=bucket,
            NotificationConfiguration={
                "QueueConfigurations": [
                    {
                        "QueueArn": arn,
                        "Events": ["s3:ObjectCreated:*"],
                        "Filter": _rules(prefix="in/"),
                    },
                    {
                        "QueueArn": other,
                        "Events": ["s3:ObjectCreated:Put"],
                        "Filter": _rules(prefix=second_prefix),
                    },
                ]
            },
        )

    with pytest.raises(ClientError) as caught:
        put("in/images/")
    assert caught.value.response["Error"]["Code"] == "InvalidArgument"
    assert "overlapping" in caught.value.response["Error"]["Message"]
    put("out/")  # disjoint prefixes: accepted
    assert len(s3.get_bucket_notification_configuration(Bucket=bucket)["QueueConfigurations"]) == 2
