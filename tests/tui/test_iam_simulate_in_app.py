"""The IAM console's role page simulates the role's policies (keyboard only, real cloud)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, Static, TabbedContent

from courseware.tui.consoles.iam.iam_console import IamScreen
from courseware.tui.consoles.iam.iam_role import RoleScreen
from courseware.tui.consoles.iam.iam_simulate import SimulatePanel
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import press_button, tab_to, to_row, to_tab, type_into
from tests.tui.lambda_helpers import ensure_role, text_of, until

App = Callable[..., CoursewareApp]
Client = Callable[[str], Any]
TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/ProductVisits"


def test_the_simulate_tab_says_allowed_or_denied_and_by_which_policy(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    name = unique("sim-role")
    ensure_role(aws_client, name)  # AWSLambdaBasicExecutionRole attached
    deny = {"Effect": "Deny", "Action": "dynamodb:DeleteItem", "Resource": "*"}
    allow = {"Effect": "Allow", "Action": "dynamodb:*", "Resource": TABLE}
    aws_client("iam").put_role_policy(
        RoleName=name,
        PolicyName="visits",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [allow, deny]}),
    )
    seen: list[tuple[bool | None, str]] = []

    async def scenario() -> None:
        app = make_app(start_screen="iam")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, IamScreen)
            await pilot.press("slash")
            await type_into(pilot, screen.query_one("#iam-filter", Input), name)
            await to_row(pilot, screen.query_one("#iam-roles", DataTable), name)
            await pilot.press("enter")
            page = await until(pilot, lambda: isinstance(app.screen, RoleScreen) and app.screen)
            await to_tab(pilot, page.query_one("#role-tabs", TabbedContent), "role-tab-simulate")
            panel = page.query_one(SimulatePanel)
            result = panel.query_one("#sim-result", Static)
            for action, resource in (
                ("dynamodb:PutItem", TABLE),
                ("dynamodb:DeleteItem", TABLE),
                ("sqs:SendMessage", ""),
                ("logs:PutLogEvents", ""),
            ):
                before = text_of(result)
                await type_into(pilot, panel.query_one("#sim-action", Input), action)
                await type_into(pilot, panel.query_one("#sim-resource", Input), resource)
                await press_button(pilot, panel.query_one("#sim-run"))
                await until(
                    pilot,
                    lambda a=action, b=before: a in text_of(result) and text_of(result) != b,
                    f"the verdict for {action}",
                )
                seen.append((panel.allowed, text_of(result)))
            await tab_to(pilot, page.query_one("#sim-action", Input))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, IamScreen), "back to the roles")

    asyncio.run(scenario())
    assert [allowed for allowed, _ in seen] == [True, False, False, True]
    assert "allowed by visits (inline)" in seen[0][1]
    assert "denied by an explicit Deny in visits (inline)" in seen[1][1]
    assert "sqs:SendMessage on *: denied (implicitly)" in seen[2][1]
    assert "allowed by AWSLambdaBasicExecutionRole (AWS managed)" in seen[3][1]
