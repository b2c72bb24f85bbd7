"""The IAM console against the real embedded cloud: roles, templates, policies."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, Select, SelectionList, TextArea

from courseware.tui.consoles.common.iam_summary import (
    PolicyError,
    actions_by_resource,
    validate_policy,
)
from courseware.tui.consoles.iam.iam_console import IamScreen
from courseware.tui.consoles.iam.iam_create_role import CreateRoleScreen
from courseware.tui.consoles.iam.iam_role import RoleScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.lambda_helpers import ensure_role, text_of, until

App = Callable[..., CoursewareApp]
Client = Callable[[str], Any]


def test_create_role_from_templates(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("templated")

    async def scenario() -> None:
        app = make_app(start_screen="iam")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, CreateRoleScreen) and app.screen, "form"
            )
            form.query_one("#iam-create-name", Input).value = name
            templates = form.query_one("#iam-create-templates", SelectionList)
            templates.select("Simple microservice permissions")
            templates.select("Amazon SQS poller permissions")
            await pilot.press("ctrl+s")
            page = await until(
                pilot, lambda: isinstance(app.screen, RoleScreen) and app.screen, "role page"
            )
            trust = page.query_one("#role-trust", TextArea)
            await until(pilot, lambda: "lambda.amazonaws.com" in trust.text, "trust policy")
            summary = page.query_one("#perm-policies")
            await until(pilot, lambda: "sqs:ReceiveMessage" in text_of(summary), "summary")
            assert "dynamodb:PutItem" in text_of(summary)

    asyncio.run(scenario())
    iam = aws_client("iam")
    role = iam.get_role(RoleName=name)["Role"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {
        "Service": "lambda.amazonaws.com"
    }
    names = iam.list_role_policies(RoleName=name)["PolicyNames"]
    assert names == ["policy-templates"]
    document = iam.get_role_policy(RoleName=name, PolicyName=names[0])["PolicyDocument"]
    allowed = {a for actions in actions_by_resource(document).values() for a in actions}
    assert {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"} <= allowed
    assert {"dynamodb:PutItem", "dynamodb:Scan", "logs:PutLogEvents"} <= allowed


def test_step_functions_role_and_duplicate_name(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    name = unique("states")
    ensure_role(aws_client, name)

    async def scenario() -> None:
        app = make_app(start_screen="iam")
        async with app.run_test(size=(80, 24)) as pilot:
            assert isinstance(app.screen, IamScreen)
            app.screen.action_create()
            form = await until(
                pilot, lambda: isinstance(app.screen, CreateRoleScreen) and app.screen, "form"
            )
            form.query_one("#iam-create-name", Input).value = name
            form.query_one("#iam-create-service", Select).value = "states.amazonaws.com"
            await pilot.press("ctrl+s")
            error = form.query_one("#iam-create-error")
            await until(pilot, lambda: "EntityAlreadyExists" in text_of(error), "the error")
            form.query_one("#iam-create-name", Input).value = name + "-sfn"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, RoleScreen), "role page")

    asyncio.run(scenario())
    role = aws_client("iam").get_role(RoleName=name + "-sfn")["Role"]
    principal = role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]
    assert principal == {"Service": "states.amazonaws.com"}


def test_role_list_inline_policy_and_attach(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("edited-role")
    ensure_role(aws_client, name)
    iam = aws_client("iam")

    async def scenario() -> None:
        app = make_app(start_screen="iam")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, IamScreen)
            table = screen.query_one("#iam-roles", DataTable)
            screen.query_one("#iam-filter", Input).value = name
            await until(pilot, lambda: table.row_count == 1, "the filtered row")
            assert table.get_row(name)[1] == "lambda.amazonaws.com"
            table.focus()
            await pilot.press("enter")
            page = await until(
                pilot, lambda: isinstance(app.screen, RoleScreen) and app.screen, "role page"
            )
            managed = page.query_one("#role-managed", DataTable)
            await until(pilot, lambda: managed.row_count == 1, "the managed policy")
            editor = page.query_one("#inline-editor", TextArea)
            page.query_one("#inline-name", Input).value = "queue-access"
            editor.load_text('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}')
            page.query_one("#inline-save").press()
            status = page.query_one("#inline-status")
            await until(pilot, lambda: 'needs an "Action"' in text_of(status), "validation")
            assert iam.list_role_policies(RoleName=name)["PolicyNames"] == []
            editor.load_text('{"Version": "2012-10-17",\n "Statement": [}')
            page.query_one("#inline-save").press()
            await until(pilot, lambda: "line 2" in text_of(status), "JSON error position")
            editor.load_text(
                json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}
                        ],
                    }
                )
            )
            page.query_one("#inline-save").press()
            summary = page.query_one("#perm-policies")
            await until(pilot, lambda: "sqs:SendMessage" in text_of(summary), "new summary")
            page.query_one("#role-detach").press()
            await until(pilot, lambda: managed.row_count == 0, "detached")

    asyncio.run(scenario())
    assert iam.list_role_policies(RoleName=name)["PolicyNames"] == ["queue-access"]
    assert iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"] == []


def test_policy_validation_messages() -> None:
    assert validate_policy('{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}')
    for text, message in (
        ("[]", "JSON object"),
        ('{"Statement": []}', "Statement"),
        ('{"Statement": [{"Effect": "Maybe"}]}', "Effect"),
        ('{\n  "Statement": [,]\n}', "line 2, column 17"),
    ):
        try:
            validate_policy(text)
        except PolicyError as exc:
            assert message in str(exc), (text, str(exc))
        else:
            raise AssertionError(f"{text!r} was accepted")
