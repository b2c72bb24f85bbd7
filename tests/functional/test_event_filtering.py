"""FilterCriteria on event source mappings: only matching records reach the function."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from courseware.cloud.awscli import run_aws
from courseware.cloud.endpoint import Endpoint
from tests.functional.lambda_helpers import (
    allow_sqs_trigger,
    logged,
    make_function,
    table_with_stream,
    wait_for,
)

RECORDER = """
import json
def handler(event, context):
    for r in event["Records"]:
        print("GOT", json.dumps(r.get("body") or r["eventName"] + " " + r["dynamodb"]["Keys"]["k"]["S"]))
"""


def _criteria(*patterns: dict[str, Any]) -> dict[str, Any]:
    return {"Filters": [{"Pattern": json.dumps(p)} for p in patterns]}


def test_sqs_messages_that_match_no_filter_are_deleted_unseen(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("filtered")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    make_function(lam, iam, name, RECORDER)
    allow_sqs_trigger(iam, name)
    bodies = [
        json.dumps({"kind": "order", "total": 120}),
        json.dumps({"kind": "order", "total": 5}),
        json.dumps({"kind": "refund", "total": 300}),
        "plain text ping",
    ]
    for body in bodies:
        sqs.send_message(QueueUrl=url, MessageBody=body)
    lam.create_event_source_mapping(
        FunctionName=name,
        EventSourceArn=arn,
        FilterCriteria=_criteria(
            {"body": {"kind": ["order"], "total": [{"numeric": [">", 100]}]}},
            {"body": ["plain text ping"]},  # a body that is not JSON matches as a string
        ),
    )
    wait_for(lambda: len(logged(logs, name)) == 2, timeout=20)
    wait_for(
        lambda: (
            sqs.get_queue_attributes(
                QueueUrl=url,
                AttributeNames=[
                    "ApproximateNumberOfMessages",
                    "ApproximateNumberOfMessagesNotVisible",
                ],
            )["Attributes"]
            == {"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}
        ),
        timeout=10,
    )
    assert sorted(logged(logs, name)) == sorted([bodies[0], bodies[3]])


def test_dynamodb_stream_filter_on_event_name_and_new_image(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    ddb, lam, iam, logs = (aws_client(s) for s in ("dynamodb", "lambda", "iam", "logs"))
    name = unique("orders")
    stream = table_with_stream(ddb, name, view="NEW_IMAGE")
    make_function(lam, iam, name, RECORDER)
    lam.create_event_source_mapping(
        FunctionName=name,
        EventSourceArn=stream,
        StartingPosition="TRIM_HORIZON",
        FilterCriteria=_criteria(
            {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"status": {"S": ["paid"]}}}}
        ),
    )
    for key, status in (("a", "new"), ("b", "paid"), ("c", "paid")):
        ddb.put_item(TableName=name, Item={"k": {"S": key}, "status": {"S": status}})
    ddb.put_item(TableName=name, Item={"k": {"S": "a"}, "status": {"S": "paid"}})  # MODIFY
    ddb.put_item(TableName=name, Item={"k": {"S": "d"}, "status": {"S": "paid"}})
    wait_for(lambda: "INSERT d" in logged(logs, name), timeout=20)
    assert logged(logs, name) == ["INSERT b", "INSERT c", "INSERT d"]


def test_a_bad_pattern_is_refused_naming_the_filter(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], cloud: Endpoint
) -> None:
    sqs, lam, iam = (aws_client(s) for s in ("sqs", "lambda", "iam"))
    name = unique("badfilter")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    make_function(lam, iam, name, RECORDER)
    allow_sqs_trigger(iam, name)
    with pytest.raises(ClientError) as raised:
        lam.create_event_source_mapping(
            FunctionName=name,
            EventSourceArn=arn,
            FilterCriteria={
                "Filters": [{"Pattern": '{"body": {"kind": ["order"]}}'}, {"Pattern": "{oops"}]
            },
        )
    error = raised.value.response["Error"]
    assert error["Code"] == "InvalidParameterValueException"
    assert "filter 2" in error["Message"] and "Invalid JSON" in error["Message"]
    assert lam.list_event_source_mappings(FunctionName=name)["EventSourceMappings"] == []
    # The real AWS CLI gets the same answer.
    done = run_aws(
        cloud,
        [
            "lambda", "create-event-source-mapping", "--function-name", name,
            "--event-source-arn", arn,
            "--filter-criteria", json.dumps({"Filters": [{"Pattern": '{"body": "order"}'}]}),
        ],
        capture=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "InvalidParameterValueException" in done.stderr
    assert "'body' must be an object or an array" in done.stderr
