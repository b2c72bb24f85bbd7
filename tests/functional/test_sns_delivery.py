"""SNS deliveries as the sns-fanout lab relies on them: raw SQS bodies, filter policies on
message attributes and on the message body, and the Lambda event's attribute shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.functional.lambda_helpers import log_messages, make_function, wait_for
from tests.functional.policy_helpers import allow_on_queue


def _queue(sqs: Any, name: str, topic: str) -> tuple[str, str]:
    """A queue whose access policy lets ``topic`` send (as AWS requires)."""
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    allow_on_queue(sqs, url, "sns.amazonaws.com", topic)
    return url, arn


def _bodies(sqs: Any, url: str) -> list[str]:
    found = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
    return [m["Body"] for m in found.get("Messages", [])]


def _kind(value: str) -> dict[str, Any]:
    return {"event_type": {"DataType": "String", "StringValue": value}}


def test_filter_policies_route_by_attribute_and_by_body(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sns, sqs = aws_client("sns"), aws_client("sqs")
    name = unique("route")
    topic = sns.create_topic(Name=name)["TopicArn"]
    by_attr_url, by_attr = _queue(sqs, name + "-attr", topic)
    by_body_url, by_body = _queue(sqs, name + "-body", topic)
    policy = json.dumps({"event_type": ["order_cancelled"]})
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=by_attr,
        Attributes={"RawMessageDelivery": "true", "FilterPolicy": policy},
    )
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=by_body,
        Attributes={
            "RawMessageDelivery": "true",
            "FilterPolicy": policy,
            "FilterPolicyScope": "MessageBody",
        },
    )
    sns.publish(TopicArn=topic, Message="attr-cancel", MessageAttributes=_kind("order_cancelled"))
    sns.publish(TopicArn=topic, Message="attr-placed", MessageAttributes=_kind("order_placed"))
    body = json.dumps({"event_type": "order_cancelled", "id": 7})
    sns.publish(TopicArn=topic, Message=body)
    assert _bodies(sqs, by_attr_url) == ["attr-cancel"]
    assert _bodies(sqs, by_body_url) == [body]


def test_changing_the_scope_alone_applies_the_policy_to_the_body(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sns, sqs = aws_client("sns"), aws_client("sqs")
    name = unique("scope")
    topic = sns.create_topic(Name=name)["TopicArn"]
    url, arn = _queue(sqs, name, topic)
    sub = sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=arn,
        Attributes={
            "RawMessageDelivery": "true",
            "FilterPolicy": json.dumps({"event_type": ["order_cancelled"]}),
        },
    )["SubscriptionArn"]
    sns.set_subscription_attributes(
        SubscriptionArn=sub, AttributeName="FilterPolicyScope", AttributeValue="MessageBody"
    )
    sns.publish(TopicArn=topic, Message="by-attr", MessageAttributes=_kind("order_cancelled"))
    body = json.dumps({"event_type": "order_cancelled"})
    sns.publish(TopicArn=topic, Message=body)
    assert _bodies(sqs, url) == [body], "the scope change applies to the policy already set"


def test_lambda_gets_the_message_attributes(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sns, lam, iam, logs = (aws_client(s) for s in ("sns", "lambda", "iam", "logs"))
    name = unique("audit")
    topic = sns.create_topic(Name=name)["TopicArn"]
    source = (
        "import json\n"
        "def handler(e, c):\n"
        "    r = e['Records'][0]\n"
        "    print('GOT', json.dumps([r['EventSubscriptionArn'], r['Sns']['TopicArn'],\n"
        "          r['Sns']['MessageId'], r['Sns']['MessageAttributes']]))\n"
    )
    fn = make_function(lam, iam, name, source)
    lam.add_permission(
        FunctionName=name,
        StatementId="sns",
        Action="lambda:InvokeFunction",
        Principal="sns.amazonaws.com",
        SourceArn=topic,
    )
    sub = sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=fn["FunctionArn"])
    sent = sns.publish(TopicArn=topic, Message="x", MessageAttributes=_kind("order_placed"))

    def line() -> str | None:
        if not logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{name}")["logGroups"]:
            return None
        return next((m for m in log_messages(logs, name) if m.startswith("GOT")), None)

    got = json.loads(wait_for(line, timeout=20)[4:])
    assert got == [
        sub["SubscriptionArn"],
        topic,
        sent["MessageId"],
        {"event_type": {"Type": "String", "Value": "order_placed"}},
    ], "the record is the published message's, not moto's sample"
