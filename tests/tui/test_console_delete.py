"""Every console deletes what it lists: Delete asks first, "n" keeps it, "y" removes it from the cloud."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual.widgets import DataTable

from courseware.course.iam_templates import BASIC_EXECUTION_POLICY_ARN, LAMBDA_TRUST_POLICY
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.confirm_dialog import ConfirmDialog
from tests.tui.lambda_helpers import make_function
from tests.tui.pilot_helpers import row_keys, select_row, until

Client = Callable[[str], Any]
PASS_ONLY = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})


@dataclass(frozen=True)
class Kind:
    """One console's list, and how a test makes and looks for the thing it lists."""

    area: str
    table: str
    make: Callable[[Client, str], str]  # creates ``name``; returns its row key
    exists: Callable[[Client, str], bool]


def _make_queue(aws: Client, name: str) -> str:
    aws("sqs").create_queue(QueueName=name)
    return name


def _queue_exists(aws: Client, name: str) -> bool:
    return any(u.endswith(f"/{name}") for u in aws("sqs").list_queues().get("QueueUrls", []))


def _make_function(aws: Client, name: str) -> str:
    make_function(aws, name, "def lambda_handler(event, context):\n    return 1\n")
    return name


def _function_exists(aws: Client, name: str) -> bool:
    return name in {f["FunctionName"] for f in aws("lambda").list_functions()["Functions"]}


def _make_group(aws: Client, name: str) -> str:
    aws("logs").create_log_group(logGroupName=f"/aws/lambda/{name}")
    return f"/aws/lambda/{name}"


def _group_exists(aws: Client, name: str) -> bool:
    found = aws("logs").describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{name}")
    return bool(found["logGroups"])


def _make_machine(aws: Client, name: str) -> str:
    role = f"arn:aws:iam::123456789012:role/{name}"
    created = aws("stepfunctions").create_state_machine(
        name=name, definition=PASS_ONLY, roleArn=role
    )
    return str(created["stateMachineArn"])


def _machine_exists(aws: Client, name: str) -> bool:
    machines = aws("stepfunctions").list_state_machines()["stateMachines"]
    return name in {m["name"] for m in machines}


def _make_role(aws: Client, name: str) -> str:
    """A role with a managed and an inline policy: IAM refuses to delete it until both go."""
    iam = aws("iam")
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(LAMBDA_TRUST_POLICY))
    iam.attach_role_policy(RoleName=name, PolicyArn=BASIC_EXECUTION_POLICY_ARN)
    statement = {"Effect": "Allow", "Action": "sqs:ReceiveMessage", "Resource": "*"}
    iam.put_role_policy(
        RoleName=name,
        PolicyName="poller",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
    )
    return name


def _role_exists(aws: Client, name: str) -> bool:
    iam = aws("iam")
    try:
        iam.get_role(RoleName=name)
    except iam.exceptions.NoSuchEntityException:
        return False
    return True


def _make_table(aws: Client, name: str) -> str:
    aws("dynamodb").create_table(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return name


def _table_exists(aws: Client, name: str) -> bool:
    return name in aws("dynamodb").list_tables()["TableNames"]


KINDS = {
    "queue": Kind("sqs", "#sqs-queues", _make_queue, _queue_exists),
    "function": Kind("lambda", "#lambda-functions", _make_function, _function_exists),
    "log group": Kind("logs", "#logs-groups", _make_group, _group_exists),
    "state machine": Kind("stepfunctions", "#sfn-list-table", _make_machine, _machine_exists),
    "role": Kind("iam", "#iam-roles", _make_role, _role_exists),
    "table": Kind("dynamodb", "#dynamodb-tables", _make_table, _table_exists),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_delete_asks_then_deletes(
    kind: str, make_app: Callable[..., CoursewareApp], aws_client: Client, unique: Any
) -> None:
    spec = KINDS[kind]
    name = unique("del")
    key = spec.make(aws_client, name)

    async def scenario() -> None:
        app = make_app(start_screen=spec.area)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            table = screen.query_one(spec.table, DataTable)
            await select_row(pilot, table, key)
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
            await pilot.press("n")
            await until(pilot, lambda: app.screen is screen, "back on the list")
            assert await asyncio.to_thread(spec.exists, aws_client, name), "n keeps it"
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked again")
            await pilot.press("y")
            await until(pilot, lambda: key not in row_keys(table), f"{kind} gone from the list")

    asyncio.run(scenario())
    assert not spec.exists(aws_client, name), f"the {kind} is still in the cloud"
