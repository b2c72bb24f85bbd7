"""More of the Lambda console: saved test events, Monitor, roles from templates, Node.js."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Input, RadioButton, Select, SelectionList, TextArea

from courseware.tui.consoles.awslambda.lambda_console import LambdaScreen
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_events import events_path
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.lambda_helpers import ensure_role, make_function, open_page, text_of, until

App = Callable[..., CoursewareApp]
Client = Callable[[str], Any]


def test_saved_events_persist_and_templates_load(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    name = unique("events")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    return e\n")

    async def save_one() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            page.query_one("#fn-tabs").active = "tab-test"
            page.query_one("#test-template", Select).value = "sqs"
            editor = page.query_one("#test-event", TextArea)
            await until(pilot, lambda: '"eventSource": "aws:sqs"' in editor.text, "template")
            page.query_one("#test-event-name", Input).value = "ada"
            editor.load_text('{"name": "Ada"}')
            page.query_one("#test-save").press()
            await until(pilot, lambda: events_path(name).is_file(), "the events file")

    async def reopen() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            saved = page.query_one("#test-saved", Select)
            await until(pilot, lambda: saved.value == "ada", "the saved event")
            editor = page.query_one("#test-event", TextArea)
            assert json.loads(editor.text) == {"name": "Ada"}
            await pilot.press("ctrl+t")
            payload = page.query_one("#result-payload")
            await until(pilot, lambda: '"name": "Ada"' in text_of(payload), "the echo")

    asyncio.run(save_one())
    assert json.loads(events_path(name).read_text()) == {"ada": '{"name": "Ada"}'}
    asyncio.run(reopen())


def test_monitor_shows_the_report_line(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("monitored")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    print('MARK-42')\n")
    aws_client("lambda").invoke(FunctionName=name, Payload=b"{}")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            page.query_one("#fn-tabs").active = "tab-monitor"
            events = page.query_one("#monitor-events")
            await until(pilot, lambda: "REPORT RequestId" in text_of(events), "REPORT")
            assert "MARK-42" in text_of(events)
            page.query_one("#monitor-logs").press()
            await until(pilot, lambda: app.current_mode == "logs", "the Logs area")

    asyncio.run(scenario())


def test_create_with_role_from_templates_and_existing_role(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    first, second, role = unique("tmpl-fn"), unique("existing-fn"), unique("tmpl-role")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen, "form"
            )
            form.query_one("#create-name", Input).value = first
            form.query_one("#templates", RadioButton).value = True
            await pilot.pause()
            form.query_one("#role-name", Input).value = role
            form.query_one("#role-template-list", SelectionList).select(
                "Amazon SQS poller permissions"
            )
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, FunctionScreen), "first page")
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, LambdaScreen), "the list")
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen, "form"
            )
            form.query_one("#create-name", Input).value = second
            form.query_one("#existing", RadioButton).value = True
            await pilot.press("ctrl+s")
            error = form.query_one("#create-error")
            await until(pilot, lambda: "Choose an existing role" in text_of(error), "error")
            chooser = form.query_one("#role-select", Select)
            await until(pilot, lambda: role in [v for _, v in chooser._options], "roles")
            chooser.value = role
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, FunctionScreen), "second page")

    asyncio.run(scenario())
    lambda_, iam = aws_client("lambda"), aws_client("iam")
    for name in (first, second):
        assert lambda_.get_function(FunctionName=name)["Configuration"]["Role"].endswith(role)
    document = iam.get_role_policy(RoleName=role, PolicyName="policy-templates")["PolicyDocument"]
    actions = [a for s in document["Statement"] for a in s["Action"]]
    assert "sqs:ReceiveMessage" in actions
    assert "logs:PutLogEvents" in actions


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_nodejs_function_from_the_form_runs(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("node-fn")
    ensure_role(aws_client, "console-test-role")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen, "form"
            )
            form.query_one("#create-name", Input).value = name
            form.query_one("#create-runtime", Select).value = "nodejs22.x"
            form.query_one("#existing", RadioButton).value = True
            chooser = form.query_one("#role-select", Select)
            await until(
                pilot, lambda: "console-test-role" in [v for _, v in chooser._options], "roles"
            )
            chooser.value = "console-test-role"
            await pilot.press("ctrl+s")
            page = await until(
                pilot,
                lambda: (
                    isinstance(app.screen, FunctionScreen)
                    and "export const handler"
                    in app.screen.query_one("#code-editor", TextArea).text
                    and app.screen
                ),
                "the Node.js page",
            )
            await pilot.press("ctrl+t")
            status = page.query_one("#result-status")
            await until(pilot, lambda: text_of(status).startswith("Succeeded"), "a run")
            assert "Hello from Lambda!" in text_of(page.query_one("#result-payload"))

    asyncio.run(scenario())
    config = aws_client("lambda").get_function(FunctionName=name)["Configuration"]
    assert (config["Runtime"], config["Handler"]) == ("nodejs22.x", "index.handler")


def test_failed_deploy_keeps_the_edits(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("vanishing")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    return 0\n")
    aws_client("lambda").invoke(FunctionName=name, Payload=b"{}")  # so the console has the code

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            editor = page.query_one("#code-editor", TextArea)
            await until(pilot, lambda: "return 0" in editor.text, "the code")
            aws_client("lambda").delete_function(FunctionName=name)
            edited = "def lambda_handler(e, c):\n    return 'my precious edit'\n"
            editor.load_text(edited)
            await pilot.press("ctrl+s")
            status = page.query_one("#code-status")
            await until(pilot, lambda: "Deploy failed" in text_of(status), "the failure")
            assert "ResourceNotFound" in text_of(status)
            assert editor.text == edited

    asyncio.run(scenario())


def test_multi_file_package_edits_survive_switching_files(
    make_app: App, aws_client: Client, unique: Any, tmp_path: Any
) -> None:
    from courseware.tui.consoles.awslambda.lambda_code import build_zip, read_zip

    name = unique("multi")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    return 0\n")
    package = tmp_path / "two.zip"
    package.write_bytes(
        build_zip(
            {
                "lambda_function.py": "from helper import greet\n\n"
                "def lambda_handler(e, c):\n    return greet()\n",
                "helper.py": "def greet():\n    return 'hi'\n",
            }
        )
    )

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            page.query_one("#code-upload-path", Input).value = str(package)
            page.query_one("#code-upload").press()
            chooser = page.query_one("#code-file", Select)
            editor = page.query_one("#code-editor", TextArea)
            await until(pilot, lambda: chooser.display and "greet()" in editor.text, "files")
            assert chooser.value == "lambda_function.py"
            chooser.value = "helper.py"
            await until(pilot, lambda: "return 'hi'" in editor.text, "helper.py")
            editor.load_text("def greet():\n    return 'hello'\n")
            chooser.value = "lambda_function.py"
            await until(pilot, lambda: "from helper" in editor.text, "back to the handler")
            await pilot.press("ctrl+s")
            status = page.query_one("#code-status")
            await until(pilot, lambda: text_of(status).startswith("Deployed multi"), "deploy")

    asyncio.run(scenario())
    lambda_ = aws_client("lambda")
    result = lambda_.invoke(FunctionName=name, Payload=b"{}")
    assert json.loads(result["Payload"].read()) == "hello"
    sha = lambda_.get_function(FunctionName=name)["Configuration"]["CodeSha256"]
    from courseware.tui.consoles.awslambda.lambda_package_store import fetch

    assert read_zip(fetch(name, "", sha).to_zip()).texts["helper.py"].endswith("'hello'\n")
