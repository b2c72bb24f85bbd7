"""The state-machine lab done inside the app: each step turns passed only at its own action.

Step Functions → Create from the Hello World template (a new role); Lambda → Create function
with the starter uploaded; the machine's definition edited to add the Task and saved; an
execution started from the machine page; the Task's name read in the execution's history
and typed into the lab runner.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input, RadioButton, Select, TextArea

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.course.packaging import zip_bytes
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.stepfunctions.sfn_create import SfnCreateScreen
from courseware.tui.consoles.stepfunctions.sfn_definition import DefinitionEditor
from courseware.tui.consoles.stepfunctions.sfn_execution import SfnExecutionScreen
from courseware.tui.consoles.stepfunctions.sfn_machine import SfnMachineScreen
from courseware.tui.consoles.stepfunctions.sfn_start import StartExecutionScreen
from courseware.tui.lab.lab import LabScreen
from courseware.tui.lab.lab_steps import LabStepList
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import choose, choose_radio, press_button, tab_to, type_into
from tests.tui.pilot_helpers import open_console, until

LAB_ID = "state-machine"


def test_the_state_machine_lab_inside_the_app(
    make_app: Callable[..., CoursewareApp], cloud: Endpoint, tmp_path: Path
) -> None:
    course = load_course()
    lab = course.lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)
    folder = course.root / "labs" / LAB_ID
    starter = tmp_path / "hello.zip"
    starter.write_bytes(zip_bytes(folder / "starter" / "python"))
    with_task = (folder / "solution" / "hello-world-with-task.asl.json").read_text()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await app.open_lab(LAB_ID)
            runner = app.screen
            assert isinstance(runner, LabScreen)
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
            await type_into(pilot, page.query_one("#code-upload-path", Input), str(starter))
            await press_button(pilot, page.query_one("#code-upload"))
            await until(
                pilot,
                lambda: "Step Functions" in page.query_one("#code-editor", TextArea).text,
                "uploaded code",
            )
            await until(pilot, lambda: passed("function"), "step function")
            assert only_so_far("hello-world", "function")

            # 3. Back on the machine's page: edit the definition to add the Task, save.
            arn = str(machine.arn)
            await open_console(pilot, "stepfunctions")
            # shortcut: the machine page is pushed and the definition loaded by method calls
            # (a paste into the resumed page's editor raced with its reload)
            app.push_screen(SfnMachineScreen(arn))
            machine = await until(
                pilot, lambda: isinstance(app.screen, SfnMachineScreen) and app.screen, "machine"
            )
            await until(pilot, lambda: machine.saved, "definition loaded")
            machine.query_one(DefinitionEditor).load(with_task)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("task"), "step task", seconds=60)
            assert only_so_far("hello-world", "function", "task")

            # 4. Start an execution from the machine page.
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
            steps = runner.query_one(LabStepList)
            await tab_to(pilot, steps)
            for _ in range(len(lab.steps)):
                if steps.step_id == "history":
                    break
                await pilot.press("down")
            await pilot.press("a")
            answer = runner.query_one("#lab-answer", Input)
            await until(pilot, lambda: answer.has_focus, "answer box")
            await pilot.press(*"Call Lambda")
            await pilot.press("enter")
            await until(pilot, lambda: passed("history"), "step history")
            assert state.passed_count() == len(lab.steps)
            assert not any(state.help.get(s.id) for s in lab.steps)

    asyncio.run(scenario())
