"""The data consoles' pure helpers: queue requests, DynamoDB JSON, log formatting."""

from __future__ import annotations

import json

import pytest

from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.dynamodb.ddb_items import (
    ItemError,
    cell,
    columns,
    key_value,
    needs_typed_json,
    parse_item,
    plain_json,
)
from courseware.tui.consoles.dynamodb.dynamodb_create import table_request
from courseware.tui.consoles.logs.logs_model import (
    bytes_text,
    event_line,
    retention_text,
    streams_latest_first,
)
from courseware.tui.consoles.sqs.sqs_model import (
    QueueForm,
    attribute_rows,
    message_row,
    name_problem,
    queue_request,
)

DLQ = "arn:aws:sqs:us-east-1:123456789012:dead"


def test_standard_queue_request_with_dead_letter_queue() -> None:
    name, attributes = queue_request(
        QueueForm(name=" orders ", visibility_timeout="45", dlq_arn=DLQ, max_receive_count="3")
    )
    assert name == "orders"
    assert attributes["VisibilityTimeout"] == "45"
    assert "FifoQueue" not in attributes
    assert json.loads(attributes["RedrivePolicy"]) == {
        "deadLetterTargetArn": DLQ,
        "maxReceiveCount": 3,
    }


def test_fifo_queue_request() -> None:
    _, attributes = queue_request(QueueForm(name="jobs.fifo", fifo=True, content_dedup=True))
    assert attributes["FifoQueue"] == "true"
    assert attributes["ContentBasedDeduplication"] == "true"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (QueueForm(name="jobs", fifo=True), ".fifo"),
        (QueueForm(name="jobs.fifo"), "Only FIFO"),
        (QueueForm(name="bad name"), "letters, digits"),
        (QueueForm(name="q", delay="901"), "Delivery delay"),
        (QueueForm(name="q", wait="x"), "whole number"),
        (QueueForm(name="q", retention="59"), "Message retention"),
        (QueueForm(name="q", dlq_arn=DLQ + ".fifo"), "dead-letter queue"),
        (QueueForm(name="q", dlq_arn=DLQ, max_receive_count="0"), "Maximum receives"),
    ],
)
def test_invalid_queue_forms_say_why(form: QueueForm, message: str) -> None:
    with pytest.raises(FormError, match=message):
        queue_request(form)


def test_name_problem_accepts_good_names() -> None:
    assert name_problem("orders_1-a", fifo=False) is None
    assert name_problem("orders.fifo", fifo=True) is None


def test_message_row_and_attributes() -> None:
    row = message_row(
        {
            "MessageId": "m1",
            "Body": "a\nb",
            "Attributes": {"ApproximateReceiveCount": "2", "SentTimestamp": "0"},
        }
    )
    assert row == ("m1", "2", "01-01 00:00:00", "a b")
    rows = dict(attribute_rows({"QueueArn": "arn", "Zeta": "1", "CreatedTimestamp": "0.5"}))
    assert rows["ARN"] == "arn"
    assert rows["Zeta"] == "1"
    assert rows["Created"] == "1970-01-01 00:00:00"


def test_plain_json_becomes_dynamodb_json() -> None:
    item = parse_item('{"id": "a", "n": 1.5, "l": [1, "x"], "m": {"b": true, "z": null}}')
    assert item == {
        "id": {"S": "a"},
        "n": {"N": "1.5"},
        "l": {"L": [{"N": "1"}, {"S": "x"}]},
        "m": {"M": {"b": {"BOOL": True}, "z": {"NULL": True}}},
    }


def test_dynamodb_json_is_kept_and_binary_decoded() -> None:
    item = parse_item('{"id": {"S": "a"}, "b": {"B": "aGk="}, "s": {"SS": ["x"]}}')
    assert item == {"id": {"S": "a"}, "b": {"B": b"hi"}, "s": {"SS": ["x"]}}
    assert needs_typed_json(item)
    assert not needs_typed_json({"id": {"S": "a"}, "m": {"M": {"n": {"N": "1"}}}})


@pytest.mark.parametrize(
    ("text", "message"),
    [("{", "Not valid JSON"), ("[1]", "JSON object"), ("{}", "JSON object")],
)
def test_bad_items_say_why(text: str, message: str) -> None:
    with pytest.raises(ItemError, match=message):
        parse_item(text)


def test_plain_view_columns_and_cells() -> None:
    item = {"other": {"N": "2"}, "pk": {"S": "k"}, "tags": {"SS": ["b", "a"]}}
    assert list(json.loads(plain_json(item, ["pk"]))) == ["pk", "other", "tags"]
    assert columns([item, {"pk": {"S": "j"}, "new": {"S": "x"}}], ["pk"]) == [
        "pk",
        "other",
        "tags",
        "new",
    ]
    assert cell(item, "tags") == '["a", "b"]'
    assert cell(item, "other") == "2"
    assert cell(item, "missing") == ""
    assert cell({"s": {"S": "x" * 50}}, "s", width=10) == "x" * 9 + "…"


def test_key_values_by_type() -> None:
    assert key_value("a", "S") == {"S": "a"}
    assert key_value("12", "N") == {"N": "12"}
    assert key_value("aGk=", "B") == {"B": b"hi"}
    with pytest.raises(ItemError):
        key_value("twelve", "N")


def test_table_request() -> None:
    params = table_request("ProductVisits", ("ProductVisitKey", "S"), None, None)
    assert params == {
        "TableName": "ProductVisits",
        "AttributeDefinitions": [{"AttributeName": "ProductVisitKey", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "ProductVisitKey", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
    }
    provisioned = table_request("T1x", ("pk", "S"), ("sk", "N"), (5, 2))
    assert provisioned["KeySchema"][1] == {"AttributeName": "sk", "KeyType": "RANGE"}
    assert provisioned["ProvisionedThroughput"] == {"ReadCapacityUnits": 5, "WriteCapacityUnits": 2}
    with pytest.raises(FormError):
        table_request("ab", ("pk", "S"), None, None)
    with pytest.raises(FormError):
        table_request("Table", ("pk", "S"), ("pk", "N"), None)


def test_log_formatting() -> None:
    assert retention_text(None) == "Never expire"
    assert retention_text(1) == "1 day"
    assert bytes_text(512) == "512 B"
    assert bytes_text(2048) == "2.0 KB"
    line = event_line({"timestamp": 1500, "message": "hi\n", "logStreamName": "s"}, True)
    assert line == "1970-01-01 00:00:01.500  [s]  hi"
    streams = [
        {"logStreamName": "old", "lastEventTimestamp": 1},
        {"logStreamName": "empty", "creationTime": 5},
        {"logStreamName": "new", "lastEventTimestamp": 9},
    ]
    assert [s["logStreamName"] for s in streams_latest_first(streams)] == ["new", "empty", "old"]
