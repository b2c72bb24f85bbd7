"""The SNS console's pure helpers: names, filter policies, subscriptions, access, publish."""

from __future__ import annotations

import json

import pytest

from courseware.course.checks.sns_policy import lets_topic, statements
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.sns.sns_model import (
    attribute_changes,
    filter_policy,
    invoke_permission,
    message_attributes,
    publish_request,
    queue_policy_with_topic,
    subscription_attributes,
    subscription_row,
    topic_name_problem,
    topic_request,
)

TOPIC = "arn:aws:sns:us-east-1:123456789012:orders"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:refunds"


def test_topic_names() -> None:
    assert topic_name_problem("orders", fifo=False) is None
    assert topic_name_problem("orders.fifo", fifo=True) is None
    assert topic_name_problem("orders", fifo=True)
    assert topic_name_problem("bad name", fifo=False)
    assert topic_name_problem("", fifo=False)
    assert topic_request("orders.fifo", True) == {
        "Name": "orders.fifo",
        "Attributes": {"FifoTopic": "true"},
    }
    assert topic_request("o.fifo", True, True)["Attributes"]["ContentBasedDeduplication"] == "true"
    with pytest.raises(FormError, match=r"\.fifo"):
        topic_request("orders.fifo", False)


def test_filter_policy_errors_name_the_problem() -> None:
    with pytest.raises(FormError, match="line 2, column 1"):
        filter_policy('{"kind":\n}')
    with pytest.raises(FormError, match='"kind"'):
        filter_policy('{"kind": "order"}')
    with pytest.raises(FormError, match='"kind" has an empty list'):
        filter_policy('{"kind": []}')
    with pytest.raises(FormError, match=r"\"order\.kind\""):
        filter_policy('{"order": {"kind": 1}}')
    with pytest.raises(FormError, match="JSON object"):
        filter_policy('["order"]')
    with pytest.raises(FormError, match="at most 5 keys"):
        filter_policy(json.dumps({f"k{i}": ["v"] for i in range(6)}))
    assert filter_policy('{"kind": ["order"]}') == {"kind": ["order"]}


def test_subscription_attributes() -> None:
    attrs = subscription_attributes('{"kind": ["order"]}', "MessageBody", raw=True)
    assert attrs["RawMessageDelivery"] == "true"
    assert attrs["FilterPolicyScope"] == "MessageBody"
    assert json.loads(attrs["FilterPolicy"]) == {"kind": ["order"]}
    assert subscription_attributes("") == {}
    with pytest.raises(FormError, match="scope"):
        subscription_attributes("", "Body")


def test_attribute_changes_set_only_what_changed_scope_first() -> None:
    current = {"RawMessageDelivery": "true", "FilterPolicy": '{"kind": ["a"]}'}
    assert attribute_changes(current, '{"kind":["a"]}', "MessageAttributes", True, "sqs") == []
    assert attribute_changes(current, '{"kind": ["a"]}', "MessageBody", True, "sqs") == [
        ("FilterPolicyScope", "MessageBody")
    ]
    assert attribute_changes(current, "", "MessageAttributes", False, "sqs") == [
        ("RawMessageDelivery", "false"),
        ("FilterPolicy", ""),
    ]
    assert attribute_changes({}, '{"k": ["v"]}', "MessageBody", False, "lambda") == [
        ("FilterPolicyScope", "MessageBody"),
        ("FilterPolicy", '{"k": ["v"]}'),
    ]


def test_subscription_rows() -> None:
    sub = {"Protocol": "lambda", "Endpoint": "arn:aws:lambda:us-east-1:1:function:audit:live"}
    assert subscription_row(sub, {}) == ("lambda", "audit", "-", "none (every message)")
    sub = {"Protocol": "sqs", "Endpoint": QUEUE}
    row = subscription_row(sub, {"RawMessageDelivery": "true", "FilterPolicy": '{"k": ["v"]}'})
    assert row == ("sqs", "refunds", "yes", '{"k":["v"]} (MessageAttributes)')


def test_the_queue_statement_is_the_one_aws_requires_and_is_added_once() -> None:
    kept = {"Sid": "mine", "Effect": "Allow", "Principal": "*", "Action": "sqs:ReceiveMessage"}
    text = queue_policy_with_topic(json.dumps({"Statement": [kept]}), QUEUE, TOPIC)
    assert text is not None
    assert statements(text)[0] == kept
    assert lets_topic(statements(text), "sqs:SendMessage", QUEUE, TOPIC) == (True, "")
    assert not lets_topic(statements(text), "sqs:SendMessage", QUEUE, TOPIC + "-x")[0]
    assert queue_policy_with_topic(text, QUEUE, TOPIC) is None
    assert statements(queue_policy_with_topic(None, QUEUE, TOPIC))[0]["Resource"] == QUEUE


def test_the_lambda_permission_is_scoped_to_the_topic() -> None:
    assert invoke_permission("audit", TOPIC) == {
        "FunctionName": "audit",
        "StatementId": "sns-orders",
        "Action": "lambda:InvokeFunction",
        "Principal": "sns.amazonaws.com",
        "SourceArn": TOPIC,
    }


def test_policy_reading_says_what_is_missing() -> None:
    unscoped = [
        {
            "Effect": "Allow",
            "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:*",
            "Resource": QUEUE,
        }
    ]
    allowed, why = lets_topic(unscoped, "sqs:SendMessage", QUEUE, TOPIC)
    assert not allowed and "aws:SourceArn" in why
    like = [{**unscoped[0], "Condition": {"ArnLike": {"AWS:SourceArn": TOPIC[:-3] + "*"}}}]
    assert lets_topic(like, "sqs:SendMessage", QUEUE, TOPIC)[0]
    assert not lets_topic(like, "sqs:SendMessage", QUEUE + "-other", TOPIC)[0]
    assert not lets_topic([], "sqs:SendMessage", QUEUE, TOPIC)[0]


def test_message_attributes_and_publish() -> None:
    assert message_attributes("kind=order\n\nqty=3") == {
        "kind": {"DataType": "String", "StringValue": "order"},
        "qty": {"DataType": "Number", "StringValue": "3"},
    }
    with pytest.raises(FormError, match="line 1"):
        message_attributes("novalue")
    assert publish_request(TOPIC, "hi", " ", "") == {"TopicArn": TOPIC, "Message": "hi"}
    with pytest.raises(FormError, match="message"):
        publish_request(TOPIC, "  ", "", "")
    with pytest.raises(FormError, match="group"):
        publish_request(TOPIC + ".fifo", "hi", "", "")
    assert publish_request(TOPIC + ".fifo", "hi", "", "", "g", "d1") == {
        "TopicArn": TOPIC + ".fifo",
        "Message": "hi",
        "MessageGroupId": "g",
        "MessageDeduplicationId": "d1",
    }
