"""The IAM policy and Step Functions editors: Tab/Shift+Tab move the focus, Esc means Back."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, TextArea

from courseware.tui.consoles.iam.iam_console import IamScreen
from courseware.tui.consoles.iam.iam_role import RoleScreen
from courseware.tui.consoles.stepfunctions.sfn_console import StepFunctionsScreen
from courseware.tui.consoles.stepfunctions.sfn_create import SfnCreateScreen
from courseware.tui.consoles.stepfunctions.sfn_definition import DefinitionEditor
from courseware.tui.consoles.stepfunctions.sfn_machine import SfnMachineScreen
from courseware.tui.consoles.stepfunctions.sfn_start import StartExecutionScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.lambda_helpers import ensure_role
from tests.tui.pilot_helpers import until
from tests.tui.test_sfn_console import LAB, open_create, open_machine, states_role

App = Callable[..., CoursewareApp]
Client = Callable[[str], Any]


async def tab_out_and_back(pilot: Any, editor: TextArea) -> None:
    """Tab leaves the editor without typing; Shift+Tab comes back to it."""
    text = editor.text
    assert editor.has_focus
    await pilot.press("tab")
    assert not editor.has_focus
    assert editor.text == text  # no indentation typed
    await pilot.press("shift+tab")
    assert editor.has_focus


def test_iam_inline_policy_editor_tab_moves_focus_and_esc_goes_back(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    name = unique("focus-role")
    ensure_role(aws_client, name)

    async def scenario() -> None:
        app = make_app(start_screen="iam")
        async with app.run_test(size=(100, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, IamScreen)
            table = screen.query_one("#iam-roles", DataTable)
            screen.query_one("#iam-filter", Input).value = name
            await until(pilot, lambda: table.row_count == 1, "the filtered row")
            table.focus()
            await pilot.press("enter")
            page = await until(pilot, lambda: isinstance(app.screen, RoleScreen) and app.screen)
            editor = page.query_one("#inline-editor", TextArea)
            page.query_one("#inline-delete").focus()
            await pilot.press("tab")  # from the last button into the editor
            await tab_out_and_back(pilot, editor)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, IamScreen), "back to the roles")

    asyncio.run(scenario())


def test_sfn_definition_editor_tab_moves_focus_and_esc_goes_back(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    arn = aws_client("stepfunctions").create_state_machine(
        name=unique("FocusEdit"),
        definition=(LAB / "hello-world.asl.json").read_text(),
        roleArn=states_role(aws_client, unique),
    )["stateMachineArn"]

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(100, 40)) as pilot:
            machine = await open_machine(pilot, app, arn)
            await pilot.press("ctrl+g")  # the definition tab, editor focused
            editor = machine.query_one(DefinitionEditor).text_area
            await tab_out_and_back(pilot, editor)
            await pilot.press("tab")  # out of the editor, so "s" is a key, not a letter
            await pilot.press("s")
            dialog = await until(
                pilot, lambda: isinstance(app.screen, StartExecutionScreen) and app.screen
            )
            await tab_out_and_back(pilot, dialog.query_one("#sfn-start-input", TextArea))
            await pilot.press("escape")  # closes the dialog only
            await until(pilot, lambda: isinstance(app.screen, SfnMachineScreen))
            await until(pilot, lambda: editor.focus() is not None and editor.has_focus)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, StepFunctionsScreen))
            create = await open_create(pilot, app)
            assert isinstance(create, SfnCreateScreen)
            area = create.query_one(DefinitionEditor).text_area
            await until(pilot, lambda: area.focus() is not None and area.has_focus)
            await tab_out_and_back(pilot, area)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, StepFunctionsScreen))

    asyncio.run(scenario())
