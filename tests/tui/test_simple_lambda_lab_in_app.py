"""The simple-lambda lab done inside the app, keyboard only: each step passes at its own action.

Lambda → Create function (a new role with basic permissions) does steps 1 and 2; the
console's default "Hello from Lambda" code must NOT pass "Edit the code and deploy it" until
the code is edited and deployed in the Code tab; the Test tab runs the event; the REPORT
figure shown with the result, and the role's policy read by pasting the step's printed
command into the AWS CLI pane (F6), are typed into the lab runner. Every action is a key,
typed text or a paste into the focused widget (the code editor's text selected with ctrl+a
first), the tabs reached with Tab and the arrow keys.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from textual.widgets import Button, Input, RadioButton, Select, Static, TabbedContent, TextArea

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.lab.lab_steps import LabStepList
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import (
    answer,
    choose,
    choose_radio,
    open_lab,
    paste,
    press_button,
    printed_inline,
    run_in_pane,
    tab_to,
    to_tab,
    type_into,
)
from tests.tui.pilot_helpers import open_console, until

LAB_ID = "simple-lambda"


def test_the_simple_lambda_lab_inside_the_app(
    make_app: Callable[..., CoursewareApp], cloud: Endpoint
) -> None:
    course = load_course()
    lab = course.lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)
    solution = (
        course.root / "labs" / LAB_ID / "solution" / "python" / "lambda_function.py"
    ).read_text()

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

            # 1 + 2. Lambda → Create function with a new role with basic Lambda permissions.
            await open_console(pilot, "lambda")
            await pilot.press("c")
            form = await until(
                pilot,
                lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen,
                "function form",
            )
            await type_into(pilot, form.query_one("#create-name", Input), "hello-lambda")
            await choose(pilot, form.query_one("#create-runtime", Select), "python3.12")
            await choose_radio(pilot, form.query_one("#new-basic", RadioButton))
            await type_into(pilot, form.query_one("#role-name", Input), "hello-lambda-role")
            await pilot.press("ctrl+s")
            page = await until(
                pilot,
                lambda: isinstance(app.screen, FunctionScreen) and app.screen,
                "function page",
            )
            await until(pilot, lambda: passed("role") and passed("function"), "steps 1 and 2")
            editor = page.query_one("#code-editor", TextArea)
            await until(pilot, lambda: "Hello from Lambda" in editor.text, "the default code")
            # The console's default code is not the asked-for edit: Check (c) in the runner.
            await pilot.press("f4")
            assert app.screen is runner
            await tab_to(pilot, runner.query_one(LabStepList))
            await pilot.press("c")
            await until(pilot, lambda: not runner._checking, "a re-check")
            assert state.status("edit-code") == "failed"
            assert state.status("test") == "failed"

            # 3. Back to the function (Services → Lambda); edit in the Code tab and Deploy.
            await open_console(pilot, "lambda")
            assert app.screen is page
            await tab_to(pilot, editor)
            await pilot.press("ctrl+a")
            await paste(pilot, editor, solution)
            assert editor.text == solution
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("edit-code"), "step edit-code", seconds=60)
            assert state.status("test") == "failed"  # the check's probe left no log lines

            # 4. Test tab: the event {"name": "Ada"}, then Test.
            await to_tab(pilot, page.query_one("#fn-tabs", TabbedContent), "tab-test")
            event = page.query_one("#test-event", TextArea)
            await tab_to(pilot, event)
            await pilot.press("ctrl+a")
            await paste(pilot, event, '{"name": "Ada"}')
            assert event.text == '{"name": "Ada"}'
            await press_button(pilot, page.query_one("#test-invoke", Button))
            report = page.query_one("#result-report", Static)
            await until(pilot, lambda: "Duration" in str(report.render()), "the REPORT figures")
            await until(pilot, lambda: passed("test"), "step test", seconds=60)
            duration = re.search(r"Duration: ([\d.]+)", str(report.render()))
            assert duration is not None

            # 6. The role's policy: the step's printed command, pasted into the CLI pane (F6).
            said = await run_in_pane(pilot, printed_inline(lab, "permissions"))
            assert "exit code 0" in said, said
            policy = re.search(r'"PolicyName": "([^"]+)"', said)
            assert policy is not None, said

            # 5 + 6. The answers, typed in the lab runner.
            await pilot.press("f4")
            assert app.screen is runner
            answers = (("read-logs", duration.group(1)), ("permissions", policy.group(1)))
            for step_id, text in answers:
                await answer(pilot, runner, step_id, text)
                await until(pilot, lambda s=step_id: passed(s), f"step {step_id}")
                await pilot.press("escape")

            await until(pilot, lambda: state.passed_count() == len(lab.steps), "every step passed")
            assert not any(state.help.get(s.id) for s in lab.steps), "no hint or solution was used"

    asyncio.run(scenario())
