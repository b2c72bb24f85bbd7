"""The state-machine lab done inside the app, keyboard only: each step passes at its own action.

Step Functions → Create from the Hello World template (a new role); Lambda → Create function
with the starter uploaded; the machine's definition edited to add the Task and saved; an
execution started from the machine page; the Task's name read in the execution's history
and typed into the lab runner; the role's invoke-lambda policy deleted in the IAM console and
the denied Task read in a new execution; the policy restored by pasting the step's printed
commands into the CLI pane (F6). Every action is a key, typed text or a paste into the focused
widget; the starter is uploaded by the path the step prints, and the machine page is found
again through Services → Step Functions, where the learner left it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.widgets import Button, DataTable, Input, RadioButton, Select, TabbedContent, TextArea

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.iam.iam_role import RoleScreen
from courseware.tui.consoles.stepfunctions.sfn_create import SfnCreateScreen
from courseware.tui.consoles.stepfunctions.sfn_definition import DefinitionEditor
from courseware.tui.consoles.stepfunctions.sfn_execution import SfnExecutionScreen
from courseware.tui.consoles.stepfunctions.sfn_machine import SfnMachineScreen
from courseware.tui.consoles.stepfunctions.sfn_start import StartExecutionScreen
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import (
    answer,
    choose,
    choose_radio,
    open_lab,
    paste,
    press_button,
    printed_block,
    printed_upload,
    run_in_pane,
    tab_to,
    to_row,
    to_tab,
    type_into,
)
from tests.tui.lambda_helpers import text_of
from tests.tui.pilot_helpers import open_console, until

LAB_ID = "state-machine"
ROLE = "StepFunctions-HelloWorld-role"


def test_the_state_machine_lab_inside_the_app(
    make_app: Callable[..., CoursewareApp], cloud: Endpoint
) -> None:
    course = load_course()
    lab = course.lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)
    folder = course.root / "labs" / LAB_ID
    with_task = (folder / "solution" / "hello-world-with-task.asl.json").read_text()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            runner = await open_lab(pilot, LAB_ID)
            state = await until(
                pilot, lambda: runner.state and runner.state.checked and runner.state, "first check"
            )
            assert state.passed_count() == 0

            def passed(step: str) -> bool:
                return state.status(step) == "passed"

            def only_so_far(*done: str) -> bool:
                return all(
                    passed(s.id) == (s.id in done) for s in lab.steps if s.kind == "resource"
                )

            # 1. Step Functions → Create: the Hello World template, a new role.
            await open_console(pilot, "stepfunctions")
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, SfnCreateScreen) and app.screen, "form"
            )
            await type_into(pilot, form.query_one("#sfn-create-name", Input), "HelloWorld")
            await choose(pilot, form.query_one("#sfn-create-role", Select), "new-role")
            await pilot.press("ctrl+s")
            machine = await until(
                pilot, lambda: isinstance(app.screen, SfnMachineScreen) and app.screen, "machine"
            )
            await until(pilot, lambda: passed("hello-world"), "step hello-world")
            assert only_so_far("hello-world")

            # 2. Lambda → Create function (new basic role), then upload the starter .zip.
            await open_console(pilot, "lambda")
            await pilot.press("c")
            create = await until(
                pilot,
                lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen,
                "function form",
            )
            await type_into(pilot, create.query_one("#create-name", Input), "HelloFunction")
            await choose(pilot, create.query_one("#create-runtime", Select), "python3.12")
            await choose_radio(pilot, create.query_one("#new-basic", RadioButton))
            await type_into(pilot, create.query_one("#role-name", Input), "HelloFunction-role")
            await pilot.press("ctrl+s")
            page = await until(
                pilot, lambda: isinstance(app.screen, FunctionScreen) and app.screen, "function"
            )
            upload = printed_upload(lab, "function")
            await type_into(pilot, page.query_one("#code-upload-path", Input), upload)
            await press_button(pilot, page.query_one("#code-upload", Button))
            await until(
                pilot,
                lambda: "Step Functions" in page.query_one("#code-editor", TextArea).text,
                "uploaded code",
            )
            await until(pilot, lambda: passed("function"), "step function")
            assert only_so_far("hello-world", "function")

            # 3. Back on the machine's page (Services → Step Functions, where it was left):
            # the Definition tab, select all, paste the definition with the Task, save.
            await open_console(pilot, "stepfunctions")
            assert app.screen is machine
            await until(pilot, lambda: machine.saved, "definition loaded")
            await to_tab(
                pilot,
                machine.query_one("#sfn-machine-tabs", TabbedContent),
                "sfn-machine-definition",
            )
            text = machine.query_one(DefinitionEditor).text_area
            await tab_to(pilot, text)
            await pilot.press("ctrl+a")
            await paste(pilot, text, with_task)
            assert text.text == with_task
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("task"), "step task", seconds=60)
            assert only_so_far("hello-world", "function", "task")

            # 4. Start an execution from the machine page: Shift+Tab out of the editor, then s.
            await pilot.press("shift+tab")
            assert not text.has_focus
            await pilot.press("s")
            dialog = await until(
                pilot, lambda: isinstance(app.screen, StartExecutionScreen) and app.screen, "start"
            )
            assert dialog is not None
            await pilot.press("ctrl+s")
            run = await until(
                pilot, lambda: isinstance(app.screen, SfnExecutionScreen) and app.screen, "run"
            )
            await until(pilot, lambda: run.status == "SUCCEEDED", "succeeded", seconds=60)
            await until(pilot, lambda: passed("execute"), "step execute", seconds=60)

            # 5. The Task's name, read in the event history and typed into the runner.
            history = run.query_one("#sfn-exec-history", DataTable)
            cells = [
                str(cell) for row in range(history.row_count) for cell in history.get_row_at(row)
            ]
            assert any("Call Lambda" in cell for cell in cells), cells
            await pilot.press("f4")
            assert app.screen is runner
            await answer(pilot, runner, "history", "Call Lambda")
            await until(pilot, lambda: passed("history"), "step history")

            # 6. Break it: IAM → the machine's role → its inline policy invoke-lambda → Delete;
            # then start an execution from the machine page and read the failed Task.
            await open_console(pilot, "iam")
            roles = app.screen.query_one("#iam-roles", DataTable)
            await to_row(pilot, roles, ROLE)
            await pilot.press("enter")
            role_page = await until(
                pilot, lambda: isinstance(app.screen, RoleScreen) and app.screen, "role page"
            )
            await choose(pilot, role_page.query_one("#inline-select", Select), "invoke-lambda")
            await press_button(pilot, role_page.query_one("#inline-delete", Button))
            await until(
                pilot,
                lambda: (
                    "Deleted inline policy invoke-lambda"
                    in text_of(role_page.query_one("#inline-status"))
                ),
                "policy deleted",
            )
            await open_console(pilot, "stepfunctions")
            assert app.screen is run
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is machine, "the machine page")
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, StartExecutionScreen), "start")
            await pilot.press("ctrl+s")
            denied = await until(
                pilot,
                lambda: (
                    isinstance(app.screen, SfnExecutionScreen)
                    and app.screen is not run
                    and app.screen
                ),
                "the new run",
            )
            await until(pilot, lambda: denied.status == "FAILED", "failed", seconds=60)
            events = denied.query_one("#sfn-exec-history", DataTable)
            kinds = [str(events.get_row_at(row)[1]) for row in range(events.row_count)]
            assert "TaskFailed" in kinds, kinds
            await to_tab(pilot, denied.query_one("#sfn-exec-tabs", TabbedContent), "sfn-exec-io")
            said = text_of(denied.query_one("#sfn-exec-io-text"))
            assert "Lambda.AWSLambdaException" in said, said
            assert f"assumed-role/{ROLE}/" in said, said
            assert "is not authorized to perform: lambda:InvokeFunction" in said, said
            await until(pilot, lambda: passed("break-invoke"), "step break-invoke", seconds=60)
            assert not passed("restore-invoke")

            # 7. Restore it: the step's printed commands, pasted into the CLI pane (F6).
            said = await run_in_pane(pilot, printed_block(lab, "restore-invoke"))
            assert said.count("exit code 0") == 2, said
            await until(pilot, lambda: passed("restore-invoke"), "step restore-invoke", seconds=60)
            assert state.passed_count() == len(lab.steps)
            assert not any(state.help.get(s.id) for s in lab.steps)

    asyncio.run(scenario())
