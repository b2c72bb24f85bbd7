"""Handlers run as their execution role: calls authorised as AWS does (real cloud over HTTP)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID
from tests.functional.lambda_helpers import invoke, make_function

WRITER = """
import boto3
def handler(event, context):
    try:
        boto3.client("dynamodb").put_item(TableName="{table}", Item={{"id": {{"S": "1"}}}})
    except Exception as exc:
        return {{"error": str(exc), "code": exc.response["Error"]["Code"]}}
    return {{"ok": True}}
"""


def _policy(effect: str, action: str, resource: str) -> str:
    statement = {"Effect": effect, "Action": action, "Resource": resource}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _table(ddb: Any, name: str) -> str:
    description = ddb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return str(description["TableDescription"]["TableArn"])


def test_a_role_without_put_item_gets_aws_access_denied_until_the_policy_is_added(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, ddb = aws_client("lambda"), aws_client("iam"), aws_client("dynamodb")
    table, name = unique("visits"), unique("writer")
    arn = _table(ddb, table)
    make_function(lam, iam, name, WRITER.format(table=table))
    denied, _ = invoke(lam, name)
    assert denied["code"] == "AccessDeniedException", denied
    assert (
        f"User: arn:aws:sts::{ACCOUNT_ID}:assumed-role/{name}-role/{name} is not authorized to"
        f" perform: dynamodb:PutItem on resource: {arn} because no identity-based policy allows"
        " the dynamodb:PutItem action"
    ) in denied["error"]
    assert "Item" not in ddb.get_item(TableName=table, Key={"id": {"S": "1"}})
    iam.put_role_policy(
        RoleName=f"{name}-role",
        PolicyName="write",
        PolicyDocument=_policy("Allow", "dynamodb:PutItem", arn),
    )
    allowed, _ = invoke(lam, name)  # the same warm function: no redeploy
    assert allowed == {"ok": True}
    assert ddb.get_item(TableName=table, Key={"id": {"S": "1"}})["Item"]["id"] == {"S": "1"}


def test_an_explicit_deny_beats_an_allow(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, ddb = aws_client("lambda"), aws_client("iam"), aws_client("dynamodb")
    table, name = unique("visits"), unique("denied")
    arn = _table(ddb, table)
    make_function(lam, iam, name, WRITER.format(table=table))
    role = f"{name}-role"
    iam.put_role_policy(RoleName=role, PolicyName="all", PolicyDocument=_policy("Allow", "*", "*"))
    assert invoke(lam, name)[0] == {"ok": True}
    iam.put_role_policy(
        RoleName=role, PolicyName="no-put", PolicyDocument=_policy("Deny", "dynamodb:PutItem", arn)
    )
    denied, _ = invoke(lam, name)
    assert denied["code"] == "AccessDeniedException", denied
    assert "with an explicit deny in an identity-based policy" in denied["error"]


def test_the_learner_admin_cli_is_never_denied(
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    cw: Callable[..., Any],
) -> None:
    iam, ddb = aws_client("iam"), aws_client("dynamodb")
    table = unique("admin")
    _table(ddb, table)
    user = unique("nobody")
    iam.create_user(UserName=user)  # an account with users and roles still leaves the admin alone
    result = cw(
        "aws", "dynamodb", "put-item", "--table-name", table, "--item", '{"id": {"S": "a"}}'
    )
    assert result.returncode == 0, result.stderr
    assert ddb.get_item(TableName=table, Key={"id": {"S": "a"}})["Item"]["id"] == {"S": "a"}
