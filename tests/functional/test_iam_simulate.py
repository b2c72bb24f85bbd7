"""SimulatePrincipalPolicy answers what enforcement decides (real cloud, boto3 and the aws CLI)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from courseware.cloud.awscli import run_aws
from courseware.cloud.endpoint import ACCOUNT_ID, Endpoint
from tests.functional.lambda_helpers import grant, invoke, make_function, make_role

TABLE = f"arn:aws:dynamodb:us-east-1:{ACCOUNT_ID}:table/ProductVisits"
WRITER = """
import boto3
def handler(event, context):
    try:
        boto3.client("dynamodb").put_item(TableName="{table}", Item={{"id": {{"S": "1"}}}})
    except Exception as exc:
        return exc.response["Error"]["Code"]
    return "ok"
"""


def _decisions(iam: Any, role_arn: str, actions: list[str], resources: list[str]) -> list[Any]:
    answer = iam.simulate_principal_policy(
        PolicySourceArn=role_arn, ActionNames=actions, ResourceArns=resources
    )
    return [
        (
            r["EvalActionName"],
            r["EvalResourceName"],
            r["EvalDecision"],
            [(m["SourcePolicyId"], m["SourcePolicyType"]) for m in r["MatchedStatements"]],
        )
        for r in answer["EvaluationResults"]
    ]


def test_allowed_explicit_deny_and_implicit_deny_name_the_deciding_policy(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    iam = aws_client("iam")
    name = unique("sim-role")
    arn = make_role(iam, name)  # AWSLambdaBasicExecutionRole attached
    grant(iam, name, ["dynamodb:PutItem", "dynamodb:GetItem"], [TABLE], name="write-visits")
    assert _decisions(iam, arn, ["dynamodb:PutItem", "sqs:SendMessage"], [TABLE]) == [
        ("dynamodb:PutItem", TABLE, "allowed", [("write-visits", "role")]),
        ("sqs:SendMessage", TABLE, "implicitDeny", []),
    ]
    deny = {"Effect": "Deny", "Action": "dynamodb:PutItem", "Resource": "*"}
    iam.put_role_policy(
        RoleName=name,
        PolicyName="no-writes",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [deny]}),
    )
    assert _decisions(iam, arn, ["dynamodb:PutItem", "dynamodb:GetItem"], [TABLE]) == [
        ("dynamodb:PutItem", TABLE, "explicitDeny", [("no-writes", "role")]),
        ("dynamodb:GetItem", TABLE, "allowed", [("write-visits", "role")]),
    ]
    logs = _decisions(iam, arn, ["logs:PutLogEvents"], [])
    assert logs == [
        ("logs:PutLogEvents", "*", "allowed", [("AWSLambdaBasicExecutionRole", "aws-managed")])
    ]


def test_the_simulator_agrees_with_what_the_handler_meets(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, ddb = aws_client("lambda"), aws_client("iam"), aws_client("dynamodb")
    table = unique("visits")
    table_arn = ddb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )["TableDescription"]["TableArn"]
    name = unique("writer")
    fn = make_function(lam, iam, name, WRITER.format(table=table))
    for granted in (False, True):
        if granted:
            grant(iam, f"{name}-role", ["dynamodb:PutItem"], [table_arn])
        simulated = _decisions(iam, fn["Role"], ["dynamodb:PutItem"], [table_arn])[0][2]
        met = invoke(lam, name)[0]
        assert (simulated, met) == (
            ("allowed", "ok") if granted else ("implicitDeny", "AccessDeniedException")
        )


def test_users_groups_and_a_missing_principal(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    iam = aws_client("iam")
    user, group = unique("sim-user"), unique("sim-group")
    user_arn = iam.create_user(UserName=user)["User"]["Arn"]
    iam.create_group(GroupName=group)
    iam.add_user_to_group(GroupName=group, UserName=user)
    statement = {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}
    iam.put_group_policy(
        GroupName=group,
        PolicyName="queues",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
    )
    assert _decisions(iam, user_arn, ["sqs:SendMessage"], []) == [
        ("sqs:SendMessage", "*", "allowed", [("queues", "group")])
    ]
    with pytest.raises(ClientError) as missing:
        iam.simulate_principal_policy(
            PolicySourceArn=f"arn:aws:iam::{ACCOUNT_ID}:role/{unique('nobody')}",
            ActionNames=["sqs:SendMessage"],
        )
    assert missing.value.response["Error"]["Code"] == "NoSuchEntity"


def test_the_aws_cli_simulates_a_role(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    iam = aws_client("iam")
    name = unique("cli-role")
    arn = make_role(iam, name, logs=False)
    grant(iam, name, ["lambda:InvokeFunction"], ["*"], name="invoke")
    done = run_aws(
        cloud,
        [
            "iam",
            "simulate-principal-policy",
            "--policy-source-arn",
            arn,
            "--action-names",
            "lambda:InvokeFunction",
            "dynamodb:PutItem",
        ],
        capture=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["EvaluationResults"]
    assert [(r["EvalActionName"], r["EvalDecision"]) for r in results] == [
        ("lambda:InvokeFunction", "allowed"),
        ("dynamodb:PutItem", "implicitDeny"),
    ]
    assert results[0]["MatchedStatements"][0]["SourcePolicyId"] == "invoke"
