"""The Step Functions console against the real embedded cloud: create, check, run, read history."""

from __future__ import annotations

import asyncio
import io
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, TabbedContent
from textual.widgets._select import InvalidSelectValueError

from courseware.course.iam_templates import LAMBDA_TRUST_POLICY
from courseware.tui.consoles.stepfunctions.sfn_console import StepFunctionsScreen
from courseware.tui.consoles.stepfunctions.sfn_create import SfnCreateScreen
from courseware.tui.consoles.stepfunctions.sfn_definition import DefinitionEditor
from courseware.tui.consoles.stepfunctions.sfn_execution import SfnExecutionScreen
from courseware.tui.consoles.stepfunctions.sfn_graph import SfnGraph
from courseware.tui.consoles.stepfunctions.sfn_machine import SfnMachineScreen
from courseware.tui.consoles.stepfunctions.sfn_start import StartExecutionScreen
from courseware.tui.consoles.stepfunctions.sfn_templates import (
    INVOKE_LAMBDA_POLICY,
    STATES_TRUST_POLICY,
    lambda_task,
)
from courseware.tui.shell.app import CoursewareApp
from tests.tui.pilot_helpers import select_row, until

LAB = Path(__file__).resolve().parents[2] / "labs" / "state-machine"
HELLO_STATES = ["Pass", "Hello World example?", "Yes", "Wait 3 sec", "Parallel State"]
HELLO_STATES += ["Hello", "World", "Hello World"]

App = Callable[..., CoursewareApp]
Client = Callable[[str], Any]
Unique = Callable[[str], str]


def states_role(aws_client: Client, unique: Unique) -> str:
    """A role Step Functions can assume, allowed to invoke functions (as the console's new role)."""
    iam = aws_client("iam")
    name = unique("sfn-role")
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(STATES_TRUST_POLICY))
    iam.put_role_policy(
        RoleName=name, PolicyName="invoke-lambda", PolicyDocument=json.dumps(INVOKE_LAMBDA_POLICY)
    )
    return str(role["Role"]["Arn"])


def hello_function(aws_client: Client, unique: Unique) -> str:
    """The lab's solution function (zip built in memory); its ARN once Active."""
    iam, lam = aws_client("iam"), aws_client("lambda")
    name = unique("HelloFunction")
    role = iam.create_role(
        RoleName=f"{name}-role", AssumeRolePolicyDocument=json.dumps(LAMBDA_TRUST_POLICY)
    )["Role"]["Arn"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        source = (LAB / "solution" / "python" / "lambda_function.py").read_text()
        archive.writestr("lambda_function.py", source)
    arn = lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="lambda_function.lambda_handler",
        Code={"ZipFile": buffer.getvalue()},
    )["FunctionArn"]
    deadline = time.monotonic() + 15
    while lam.get_function(FunctionName=name)["Configuration"].get("State") != "Active":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return str(arn)


def machine_names(aws_client: Client) -> set[str]:
    machines = aws_client("stepfunctions").list_state_machines()["stateMachines"]
    return {m["name"] for m in machines}


async def open_create(pilot: Pilot[None], app: CoursewareApp) -> SfnCreateScreen:
    await until(pilot, lambda: isinstance(app.screen, StepFunctionsScreen))
    await pilot.press("c")
    screen = await until(pilot, lambda: isinstance(app.screen, SfnCreateScreen) and app.screen)
    assert isinstance(screen, SfnCreateScreen)
    return screen


async def open_machine(pilot: Pilot[None], app: CoursewareApp, arn: str) -> SfnMachineScreen:
    """From the list: move to the machine's row and press enter."""
    screen = await until(pilot, lambda: isinstance(app.screen, StepFunctionsScreen) and app.screen)
    table = screen.query_one(DataTable)
    await select_row(pilot, table, arn)
    await pilot.press("enter")
    machine = await until(pilot, lambda: isinstance(app.screen, SfnMachineScreen) and app.screen)
    assert isinstance(machine, SfnMachineScreen) and machine.arn == arn
    await until(pilot, lambda: machine.saved)
    return machine


async def run_execution(
    pilot: Pilot[None],
    app: CoursewareApp,
    text: str | None = None,
    while_running: Callable[[SfnExecutionScreen], bool] | None = None,
) -> SfnExecutionScreen:
    """Start an execution from the machine page; wait until it has finished.

    ``while_running`` must become true while the execution is still RUNNING.
    """
    await pilot.press("s")
    dialog = await until(pilot, lambda: isinstance(app.screen, StartExecutionScreen) and app.screen)
    if text is not None:
        dialog.query_one("#sfn-start-input").load_text(text)
    await pilot.press("ctrl+s")
    screen = await until(pilot, lambda: isinstance(app.screen, SfnExecutionScreen) and app.screen)
    assert isinstance(screen, SfnExecutionScreen)
    if while_running is not None:
        await until(pilot, lambda: screen.status == "RUNNING" and while_running(screen))
    await until(pilot, lambda: screen.status not in ("", "RUNNING"), seconds=30)
    return screen


def test_create_hello_world_from_the_template(
    make_app: App, aws_client: Client, unique: Unique
) -> None:
    role = states_role(aws_client, unique)
    name = unique("HelloWorld")

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_create(pilot, app)
            editor = screen.query_one(DefinitionEditor)
            assert json.loads(editor.text) == json.loads((LAB / "hello-world.asl.json").read_text())
            screen.query_one("#sfn-create-name", Input).value = name
            select = screen.query_one("#sfn-create-role", Select)

            def choose() -> bool:
                try:
                    select.value = role
                except InvalidSelectValueError:
                    return False
                return True

            await until(pilot, choose)
            await pilot.press("ctrl+g")
            assert "Hello World example?" in screen.query_one(SfnGraph).text
            await pilot.press("ctrl+s")
            machine = await until(
                pilot, lambda: isinstance(app.screen, SfnMachineScreen) and app.screen
            )
            await until(pilot, lambda: machine.saved)
            assert "Parallel State · Parallel" in machine.query_one(SfnGraph).text

    asyncio.run(scenario())
    sfn = aws_client("stepfunctions")
    arn = next(
        m["stateMachineArn"]
        for m in sfn.list_state_machines()["stateMachines"]
        if m["name"] == name
    )
    described = sfn.describe_state_machine(stateMachineArn=arn)
    assert described["roleArn"] == role
    types = {s["Type"] for s in json.loads(described["definition"])["States"].values()}
    assert {"Pass", "Choice", "Wait", "Parallel"} <= types


def test_new_role_is_created_for_the_machine(
    make_app: App, aws_client: Client, unique: Unique
) -> None:
    name = unique("Blank")

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_create(pilot, app)
            screen.query_one("#sfn-create-template", Select).value = "blank"
            await until(pilot, lambda: '"End": true' in screen.query_one(DefinitionEditor).text)
            screen.query_one("#sfn-create-name", Input).value = name
            select = screen.query_one("#sfn-create-role", Select)
            await until(pilot, lambda: select.set_options and _try_select(select, "new-role"))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, SfnMachineScreen))

    asyncio.run(scenario())
    role = aws_client("iam").get_role(RoleName=f"StepFunctions-{name}-role")["Role"]
    assert "states.amazonaws.com" in json.dumps(role["AssumeRolePolicyDocument"])
    assert name in machine_names(aws_client)


def _try_select(select: Select[str], value: str) -> bool:
    try:
        select.value = value
    except InvalidSelectValueError:
        return False
    return True


def test_invalid_definitions_are_shown_and_nothing_is_created(
    make_app: App, aws_client: Client, unique: Unique
) -> None:
    role = states_role(aws_client, unique)
    name = unique("Broken")
    bad_next = json.loads((LAB / "hello-world.asl.json").read_text())
    bad_next["States"]["Yes"]["Next"] = "Wait 5 sec"

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_create(pilot, app)
            screen.query_one("#sfn-create-name", Input).value = name
            screen.query_one("#sfn-create-arn", Input).value = role
            editor = screen.query_one(DefinitionEditor)
            problems = editor.query_one(".sfn-definition-problems", Static)
            error = screen.query_one("#sfn-create-error", Static)

            editor.load(json.dumps(bad_next, indent=2))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "nothing created" in str(error.content))
            assert 'State "Yes": Next "Wait 5 sec" is not a state' in str(problems.content)

            editor.load(
                '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Pass" "End": true}\n'
            )
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "JSON syntax error" in str(problems.content))
            assert "JSON syntax error at line 4, column 26" in str(problems.content)
            assert "nothing created" in str(error.content)

            # Passes our checks, but the cloud's own parser refuses it: its error is shown too.
            editor.load(
                '{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": "x", "End": true}}}'
            )
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Not created" in str(error.content))
            assert "cloud:" in str(problems.content)
            assert isinstance(app.screen, SfnCreateScreen)
            assert "Seconds" in editor.text  # the learner's text is kept

    asyncio.run(scenario())
    assert name not in machine_names(aws_client)


def _styles_at(text: Text, offset: int) -> set[str]:
    return {str(span.style) for span in text.spans if span.start <= offset < span.end}


def test_execution_succeeds_with_every_state_marked(
    make_app: App, aws_client: Client, unique: Unique
) -> None:
    sfn = aws_client("stepfunctions")
    arn = sfn.create_state_machine(
        name=unique("HelloRun"),
        definition=(LAB / "hello-world.asl.json").read_text(),
        roleArn=states_role(aws_client, unique),
    )["stateMachineArn"]

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, StepFunctionsScreen))
            await open_machine(pilot, app, arn)
            screen = await run_execution(
                pilot,
                app,
                '{"who": "tester"}',
                lambda run: run.states.get("Wait 3 sec") == "running",  # auto-refreshed
            )
            assert screen.status == "SUCCEEDED"
            assert screen.states == {name: "succeeded" for name in HELLO_STATES}
            graph = screen.query_one(SfnGraph)
            assert graph.drawing is not None
            content = graph.query_one(".sfn-graph-canvas", Static).content
            assert isinstance(content, Text)
            width = graph.drawing.width + 1
            for name in HELLO_STATES:
                box = graph.drawing.boxes[name]
                assert "bold green" in _styles_at(content, box.y * width + box.x), name
            no = graph.drawing.boxes["No"]
            assert "dim" in _styles_at(content, no.y * width + no.x)  # not run
            status = str(screen.query_one("#sfn-exec-status", Static).content)
            assert status.startswith("SUCCEEDED")
            table = screen.query_one("#sfn-exec-history", DataTable)
            assert table.row_count == len(screen.events)
            named = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
            assert set(HELLO_STATES) <= named
            io_text = str(screen.query_one("#sfn-exec-io-text", Static).content)
            assert '"who": "tester"' in io_text and "IsHelloWorldExample" in io_text
            await pilot.press("escape")
            machine = await until(
                pilot, lambda: isinstance(app.screen, SfnMachineScreen) and app.screen
            )
            runs = machine.query_one("#sfn-machine-runs", DataTable)
            await until(pilot, lambda: runs.row_count == 1)
            assert runs.get_row_at(0)[1] == "SUCCEEDED"

    asyncio.run(scenario())


def test_bad_execution_input_is_refused_in_the_dialog(
    make_app: App, aws_client: Client, unique: Unique
) -> None:
    sfn = aws_client("stepfunctions")
    arn = sfn.create_state_machine(
        name=unique("Input"),
        definition=(LAB / "hello-world.asl.json").read_text(),
        roleArn=states_role(aws_client, unique),
    )["stateMachineArn"]

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(80, 24)) as pilot:
            await open_machine(pilot, app, arn)
            await pilot.press("s")
            dialog = await until(
                pilot, lambda: isinstance(app.screen, StartExecutionScreen) and app.screen
            )
            dialog.query_one("#sfn-start-input").load_text('{"a": 1,}')
            await pilot.press("ctrl+s")
            error = dialog.query_one("#sfn-start-error", Static)
            await until(pilot, lambda: "Input JSON syntax error at line 1" in str(error.content))
            assert app.screen is dialog

    asyncio.run(scenario())
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []


def test_lambda_task_machine_from_the_template_runs(
    make_app: App, aws_client: Client, unique: Unique
) -> None:
    function = hello_function(aws_client, unique)
    role = states_role(aws_client, unique)
    name = unique("LambdaTask")

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_create(pilot, app)
            screen.query_one("#sfn-create-template", Select).value = "lambda-task"
            editor = screen.query_one(DefinitionEditor)
            await until(pilot, lambda: "lambda:invoke" in editor.text)
            editor.load(lambda_task(function))
            screen.query_one("#sfn-create-name", Input).value = name
            screen.query_one("#sfn-create-arn", Input).value = role
            await pilot.press("ctrl+s")
            machine = await until(
                pilot, lambda: isinstance(app.screen, SfnMachineScreen) and app.screen
            )
            await until(pilot, lambda: machine.saved)
            assert "Task · lambda:invoke" in machine.query_one(SfnGraph).text
            run = await run_execution(pilot, app, '{"from": "test"}')
            assert run.status == "SUCCEEDED", run.events
            assert run.states == {"Call Lambda": "succeeded"}
            io_text = str(run.query_one("#sfn-exec-io-text", Static).content)
            assert "Hello from Lambda, called by Step Functions!" in io_text
            assert '"from": "test"' in io_text

    asyncio.run(scenario())


def test_edit_definition_adds_the_task_and_history_names_it(
    make_app: App, aws_client: Client, unique: Unique
) -> None:
    """The lab's task, execute and history steps, all in the console."""
    function = hello_function(aws_client, unique)
    sfn = aws_client("stepfunctions")
    arn = sfn.create_state_machine(
        name=unique("HelloEdit"),
        definition=(LAB / "hello-world.asl.json").read_text(),
        roleArn=states_role(aws_client, unique),
    )["stateMachineArn"]
    solution = (LAB / "solution" / "hello-world-with-task.asl.json").read_text()
    solution = solution.replace(
        "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction", function
    )

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(80, 24)) as pilot:
            machine = await open_machine(pilot, app, arn)
            tabs = machine.query_one(TabbedContent)
            await pilot.press("ctrl+g")
            assert tabs.active == "sfn-machine-definition"
            editor = machine.query_one(DefinitionEditor)
            assert editor.text_area.has_focus
            editor.load(solution.replace('"Next": "Call Lambda"', '"Next": "Call Lambd"'))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert machine.saved != editor.text  # refused: bad Next
            editor.load(solution)
            graph = machine.query_one(SfnGraph)
            await until(pilot, lambda: "Call Lambda" in graph.text)  # redrawn as edited
            assert machine.query_one("#sfn-machine-draft", Static).display
            await pilot.press("ctrl+g")
            assert tabs.active == "sfn-machine-graph"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: machine.saved == solution)
            run = await run_execution(pilot, app, "{}")
            assert run.status == "SUCCEEDED", run.events
            assert run.states["Call Lambda"] == "succeeded"
            rows = run.query_one("#sfn-exec-history", DataTable)
            entered = [rows.get_row_at(i) for i in range(rows.row_count)]
            assert ["TaskStateEntered", "Call Lambda"] in [[str(r[1]), str(r[2])] for r in entered]

    asyncio.run(scenario())
    definition = json.loads(sfn.describe_state_machine(stateMachineArn=arn)["definition"])
    assert definition["States"]["Call Lambda"]["Type"] == "Task"
    output = sfn.list_executions(stateMachineArn=arn)["executions"]
    assert [e["status"] for e in output] == ["SUCCEEDED"]


def test_failed_execution_is_red_with_its_error(
    make_app: App, aws_client: Client, unique: Unique
) -> None:
    definition = {
        "StartAt": "Prepare",
        "States": {
            "Prepare": {"Type": "Pass", "Next": "Boom"},
            "Boom": {"Type": "Fail", "Error": "Oops", "Cause": "it broke"},
        },
    }
    arn = aws_client("stepfunctions").create_state_machine(
        name=unique("Boom"),
        definition=json.dumps(definition),
        roleArn=states_role(aws_client, unique),
    )["stateMachineArn"]

    async def scenario() -> None:
        app = make_app(start_screen="stepfunctions")
        async with app.run_test(size=(80, 24)) as pilot:
            await open_machine(pilot, app, arn)
            run = await run_execution(pilot, app, "{}")
            assert run.status == "FAILED"
            assert run.states == {"Prepare": "succeeded", "Boom": "failed"}
            graph = run.query_one(SfnGraph)
            assert graph.drawing is not None
            content = graph.query_one(".sfn-graph-canvas", Static).content
            assert isinstance(content, Text)
            boom = graph.drawing.boxes["Boom"]
            offset = boom.y * (graph.drawing.width + 1) + boom.x
            assert "bold red" in _styles_at(content, offset)
            io_text = str(run.query_one("#sfn-exec-io-text", Static).content)
            assert "Oops: it broke" in io_text

    asyncio.run(scenario())
