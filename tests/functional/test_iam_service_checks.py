"""What Lambda checks against a function's role itself, with AWS's messages (issue #16)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.functional.lambda_helpers import (
    BASIC_EXECUTION_ROLE,
    allow_sqs_trigger,
    grant,
    invoke,
    log_messages,
    make_function,
    make_role,
    zipped,
)

HANDLER = "def handler(event, context):\n    return len(event.get('Records', []))\n"


def _queue(sqs: Any, name: str) -> str:
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    return str(
        sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
    )


def test_an_sqs_trigger_is_refused_until_the_role_may_poll(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sqs = aws_client("lambda"), aws_client("iam"), aws_client("sqs")
    name = unique("consumer")
    queue_arn = _queue(sqs, unique("orders"))
    make_function(lam, iam, name, HANDLER)
    with pytest.raises(ClientError) as refused:
        lam.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=name)
    assert refused.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert refused.value.response["Error"]["Message"] == (
        "The provided execution role does not have permissions to call ReceiveMessage on SQS"
    )
    grant(iam, f"{name}-role", ["sqs:ReceiveMessage"], [queue_arn])
    with pytest.raises(ClientError) as still:
        lam.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=name)
    assert "call DeleteMessage on SQS" in still.value.response["Error"]["Message"]
    assert lam.list_event_source_mappings(FunctionName=name)["EventSourceMappings"] == []
    allow_sqs_trigger(iam, name)  # the AWS managed AWSLambdaSQSQueueExecutionRole
    created = lam.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=name)
    assert created["EventSourceArn"] == queue_arn


def test_a_role_lambda_may_not_assume_is_refused_at_create_function(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "states.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    role = iam.create_role(
        RoleName=unique("states-role"), AssumeRolePolicyDocument=json.dumps(trust)
    )
    with pytest.raises(ClientError) as refused:
        lam.create_function(
            FunctionName=unique("fn"),
            Runtime="python3.12",
            Role=role["Role"]["Arn"],
            Handler="app.handler",
            Code={"ZipFile": zipped({"app.py": HANDLER})},
        )
    assert refused.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert refused.value.response["Error"]["Message"] == (
        "The role defined for the function cannot be assumed by Lambda."
    )


def test_a_role_without_logging_permissions_runs_but_writes_no_logs(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("silent")
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=make_role(iam, f"{name}-role", logs=False),
        Handler="app.handler",
        Code={
            "ZipFile": zipped({"app.py": "def handler(e, c):\n    print('hello')\n    return 7\n"})
        },
    )
    assert invoke(lam, name)[0] == 7  # as on AWS: the function runs…
    group = f"/aws/lambda/{name}"
    assert logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"] == []  # …silently
    iam.attach_role_policy(RoleName=f"{name}-role", PolicyArn=BASIC_EXECUTION_ROLE)
    assert invoke(lam, name)[0] == 7
    assert any("hello" in line for line in log_messages(logs, name))
