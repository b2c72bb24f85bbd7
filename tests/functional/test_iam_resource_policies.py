"""Services deliver only where the target's resource policy lets them (issue #16, item 2).

S3 refuses a notification configuration whose function, queue or topic does not allow
s3.amazonaws.com; SNS accepts any subscription but delivers only where the function's or the
queue's policy allows sns.amazonaws.com for that topic. Real cloud over HTTP, boto3 and the
real ``aws`` CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from courseware.cloud.endpoint import ACCOUNT_ID
from tests.functional.lambda_helpers import logged, make_function, wait_for
from tests.functional.policy_helpers import (
    allow_on_queue,
    allow_on_topic,
    async_engine_idle,
    let_invoke,
    queue_arn,
)

LOGS_EVENT = "import json\ndef handler(event, context):\n    print('GOT ' + json.dumps(event))\n"
UNABLE = "Unable to validate the following destination configurations"


def _lambda_notification(function_arn: str) -> dict[str, Any]:
    return {
        "LambdaFunctionConfigurations": [
            {"LambdaFunctionArn": function_arn, "Events": ["s3:ObjectCreated:*"]}
        ]
    }


def _refused(call: Callable[[], Any]) -> dict[str, Any]:
    with pytest.raises(ClientError) as refused:
        call()
    return dict(refused.value.response["Error"])


def test_s3_to_lambda_is_refused_until_the_function_lets_this_bucket_invoke_it(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], cw: Callable[..., Any]
) -> None:
    s3, lam, iam, logs = (aws_client(s) for s in ("s3", "lambda", "iam", "logs"))
    bucket, name = unique("uploads"), unique("on-upload")
    s3.create_bucket(Bucket=bucket)
    fn = make_function(lam, iam, name, LOGS_EVENT)
    config = _lambda_notification(fn["FunctionArn"])
    put = lambda: s3.put_bucket_notification_configuration(  # noqa: E731
        Bucket=bucket, NotificationConfiguration=config
    )
    error = _refused(put)
    assert (error["Code"], error["Message"]) == ("InvalidArgument", UNABLE)
    assert "LambdaFunctionConfigurations" not in s3.get_bucket_notification_configuration(
        Bucket=bucket
    )
    let_invoke(lam, name, "s3.amazonaws.com", "arn:aws:s3:::another-bucket")
    assert _refused(put)["Message"] == UNABLE, "a SourceArn naming another bucket does not count"
    done = cw(
        "aws",
        "lambda",
        "add-permission",
        "--function-name",
        name,
        "--statement-id",
        "s3-invoke",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "s3.amazonaws.com",
        "--source-arn",
        f"arn:aws:s3:::{bucket}",
        "--source-account",
        ACCOUNT_ID,
    )
    assert done.returncode == 0, done.stderr
    put()
    s3.put_object(Bucket=bucket, Key="report.csv", Body=b"a,b")
    events = wait_for(lambda: logged(logs, name), timeout=20)
    assert events[0]["Records"][0]["s3"]["object"]["key"] == "report.csv"


def test_s3_to_sqs_and_sns_need_the_destination_policy(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    s3, sqs, sns = aws_client("s3"), aws_client("sqs"), aws_client("sns")
    bucket = unique("drops")
    s3.create_bucket(Bucket=bucket)
    url = sqs.create_queue(QueueName=unique("drops-q"))["QueueUrl"]
    topic = sns.create_topic(Name=unique("drops-t"))["TopicArn"]
    to_queue = {
        "QueueConfigurations": [{"QueueArn": queue_arn(sqs, url), "Events": ["s3:ObjectCreated:*"]}]
    }
    # (one event type per destination: S3 refuses two configurations that overlap)
    to_topic = {"TopicConfigurations": [{"TopicArn": topic, "Events": ["s3:ObjectRemoved:*"]}]}
    for config in (to_queue, to_topic):
        error = _refused(
            lambda c=config: s3.put_bucket_notification_configuration(  # type: ignore[misc]
                Bucket=bucket, NotificationConfiguration=c
            )
        )
        assert (error["Code"], error["Message"]) == ("InvalidArgument", UNABLE)
    allow_on_queue(sqs, url, "s3.amazonaws.com", f"arn:aws:s3:::{bucket}")
    allow_on_topic(sns, topic, "s3.amazonaws.com", f"arn:aws:s3:::{bucket}")
    s3.put_bucket_notification_configuration(
        Bucket=bucket, NotificationConfiguration={**to_queue, **to_topic}
    )
    s3.put_object(Bucket=bucket, Key="in.txt", Body=b"x")
    bodies = [
        json.loads(m["Body"])
        for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    ]
    keys = [b["Records"][0]["s3"]["object"]["key"] for b in bodies if "Records" in b]
    assert keys == ["in.txt"]


def test_sns_does_not_invoke_a_function_until_it_grants_the_topic(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sns, lam, iam, logs = (aws_client(s) for s in ("sns", "lambda", "iam", "logs"))
    name = unique("on-order")
    topic = sns.create_topic(Name=unique("orders"))["TopicArn"]
    fn = make_function(lam, iam, name, LOGS_EVENT)
    sub = sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=fn["FunctionArn"])
    assert sub["SubscriptionArn"].startswith(topic), "SNS accepts the subscription"
    sns.publish(TopicArn=topic, Message="before")
    async_engine_idle()
    assert logged(logs, name) == [], "no add-permission: SNS may not invoke the function"
    let_invoke(lam, name, "sns.amazonaws.com", topic + "-other")
    sns.publish(TopicArn=topic, Message="other topic's grant")
    let_invoke(lam, name, "sns.amazonaws.com", topic)
    sns.publish(TopicArn=topic, Message="after")
    async_engine_idle()
    messages = [e["Records"][0]["Sns"]["Message"] for e in logged(logs, name)]
    assert messages == ["after"]


def test_sns_sends_to_a_queue_only_when_its_policy_allows_the_topic(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], cw: Callable[..., Any]
) -> None:
    sns, sqs = aws_client("sns"), aws_client("sqs")
    topic = sns.create_topic(Name=unique("fan"))["TopicArn"]
    url = sqs.create_queue(QueueName=unique("fan-q"))["QueueUrl"]
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=queue_arn(sqs, url),
        Attributes={"RawMessageDelivery": "true"},
    )
    sns.publish(TopicArn=topic, Message="no policy")
    allow_on_queue(sqs, url, "sns.amazonaws.com", topic + "-other")
    sns.publish(TopicArn=topic, Message="another topic's policy")
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": queue_arn(sqs, url),
                "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
            }
        ],
    }
    done = cw(
        "aws",
        "sqs",
        "set-queue-attributes",
        "--queue-url",
        url,
        "--attributes",
        json.dumps({"Policy": json.dumps(policy)}),
    )
    assert done.returncode == 0, done.stderr
    sns.publish(TopicArn=topic, Message="allowed")
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    assert [m["Body"] for m in received] == ["allowed"]


def test_with_enforcement_off_s3_and_sns_deliver_without_the_grants(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from courseware.cloud.iam import mode

    monkeypatch.setenv(mode.ENV, "off")  # what `courseware cloud --iam off` sets
    s3, sqs, sns = aws_client("s3"), aws_client("sqs"), aws_client("sns")
    bucket, topic = unique("open"), sns.create_topic(Name=unique("open-t"))["TopicArn"]
    s3.create_bucket(Bucket=bucket)
    url = sqs.create_queue(QueueName=unique("open-q"))["QueueUrl"]
    s3.put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={
            "QueueConfigurations": [
                {"QueueArn": queue_arn(sqs, url), "Events": ["s3:ObjectCreated:*"]}
            ]
        },
    )
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=queue_arn(sqs, url),
        Attributes={"RawMessageDelivery": "true"},
    )
    sns.publish(TopicArn=topic, Message="delivered")
    bodies = [
        m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    ]
    assert "delivered" in bodies
