"""The Lambda console against the real embedded cloud: create, edit, deploy, test, configure."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, Select, TextArea

from courseware.course.packaging import zip_bytes
from courseware.paths import project_root
from courseware.tui.consoles.awslambda.lambda_console import LambdaScreen
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.awslambda.lambda_result import InvokeResultView
from courseware.tui.shell.app import CoursewareApp
from tests.functional.lambda_helpers import SQS_EXECUTION_ROLE
from tests.tui.lambda_helpers import make_function, open_page, text_of, until

App = Callable[..., CoursewareApp]
Client = Callable[[str], Any]


async def create_in_form(pilot: Any, app: CoursewareApp, name: str, role: str) -> FunctionScreen:
    """Fill the Create function form (new basic role named ``role``) and submit it."""
    await pilot.press("c")
    form = await until(
        pilot, lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen, "form"
    )
    form.query_one("#create-name", Input).value = name
    await pilot.pause()
    form.query_one("#role-name", Input).value = role
    await pilot.press("ctrl+s")
    return await until(
        pilot,
        lambda: (
            isinstance(app.screen, FunctionScreen)
            and app.screen.query_one("#code-editor", TextArea).text
            and app.screen
        ),
        "the new function's page with its code",
    )


def test_list_shows_functions_and_opens_one(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("listed")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    return 1\n")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, LambdaScreen)
            table = screen.query_one("#lambda-functions", DataTable)
            await until(pilot, lambda: name in [str(k.value) for k in table.rows], "the row")
            screen.query_one("#lambda-filter", Input).value = name
            await until(pilot, lambda: table.row_count == 1, "the filter")
            row = table.get_row(name)
            assert row[1:4] == ["python3.12", "128 MB", "3 s"]
            table.focus()
            await pilot.press("enter")
            page = await until(
                pilot, lambda: isinstance(app.screen, FunctionScreen) and app.screen, "page"
            )
            assert page.function_name == name
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, LambdaScreen), "back")

    asyncio.run(scenario())


def test_create_with_new_basic_role(make_app: App, aws_client: Client, unique: Any) -> None:
    name, role = unique("created"), unique("created-role")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await create_in_form(pilot, app, name, role)
            assert "def lambda_handler" in page.query_one("#code-editor", TextArea).text

    asyncio.run(scenario())
    config = aws_client("lambda").get_function(FunctionName=name)["Configuration"]
    assert config["Role"].endswith(f":role/{role}")
    assert config["Runtime"] == "python3.13"
    assert config["Handler"] == "lambda_function.lambda_handler"
    attached = aws_client("iam").list_attached_role_policies(RoleName=role)["AttachedPolicies"]
    assert [p["PolicyName"] for p in attached] == ["AWSLambdaBasicExecutionRole"]


def test_create_form_errors_inline(make_app: App, unique: Any) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen, "form"
            )
            form.query_one("#create-name", Input).value = "bad name!"
            await pilot.press("ctrl+s")
            error = form.query_one("#create-error")
            await until(pilot, lambda: "Function name" in text_of(error), "name error")
            form.query_one("#create-runtime", Select).value = "nodejs22.x"
            await until(
                pilot,
                lambda: form.query_one("#create-handler", Input).value == "index.handler",
                "the Node.js default handler",
            )
            assert isinstance(app.screen, CreateFunctionScreen)

    asyncio.run(scenario())


def test_edit_deploy_and_test_cold_then_warm(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    name = unique("edited")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await create_in_form(pilot, app, name, unique("edited-role"))
            editor = page.query_one("#code-editor", TextArea)
            editor.load_text(
                "def lambda_handler(event, context):\n"
                "    print('greeting', event['name'])\n"
                "    return 'Hello, ' + event['name'] + '!'\n"
            )
            await pilot.press("ctrl+s")
            status = page.query_one("#code-status")
            await until(pilot, lambda: "Deployed" in text_of(status), "Deployed")
            page.query_one("#test-event", TextArea).load_text('{"name": "Ada"}')
            view = page.query_one(InvokeResultView)
            results: list[dict[str, str]] = []
            for _ in range(2):
                before = text_of(view.query_one("#result-report"))
                await pilot.press("ctrl+t")
                await until(
                    pilot,
                    lambda before=before: text_of(view.query_one("#result-report")) != before,
                    "a test result",
                )
                assert text_of(view.query_one("#result-status")).startswith("Succeeded")
                assert text_of(view.query_one("#result-payload")) == '"Hello, Ada!"'
                assert "greeting Ada" in text_of(view.query_one("#result-log"))
                report = text_of(view.query_one("#result-report"))
                results.append(dict(line.split(": ", 1) for line in report.splitlines()))
            cold, warm = results
            for figures in (cold, warm):
                for field in ("Duration", "Billed Duration", "Memory Size", "Max Memory Used"):
                    assert field in figures, figures
                assert figures["Memory Size"] == "128 MB"
            assert "Init Duration" in cold
            assert "Init Duration" not in warm
            assert cold["Request ID"] != warm["Request ID"]

    asyncio.run(scenario())


def test_failed_handler_shows_error_type(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("raises")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    raise ValueError('no good')\n")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            await pilot.press("ctrl+t")
            status = page.query_one("#result-status")
            await until(pilot, lambda: text_of(status).startswith("Failed"), "Failed")
            assert "ValueError" in text_of(status)
            assert "no good" in text_of(status)

    asyncio.run(scenario())


def test_invalid_event_json_is_not_sent(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("badjson")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    print('RAN')\n")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            page.query_one("#test-event", TextArea).load_text('{\n  "name": "Ada",\n}')
            await pilot.press("ctrl+t")
            error = page.query_one("#test-error")
            await until(pilot, lambda: "line 3, column 1" in text_of(error), "JSON error")
            await pilot.pause(0.3)
            assert text_of(page.query_one("#result-status")).startswith("Not run")

    asyncio.run(scenario())
    logs = aws_client("logs")
    groups = logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{name}")["logGroups"]
    assert groups == []


def zip_bytes_of(path: Path) -> bytes:
    """The package the console makes of one file."""
    from courseware.tui.consoles.awslambda.lambda_code import build_zip

    return build_zip({}, {path.name: path.read_bytes()})


def test_upload_zip_and_bad_paths(
    make_app: App, aws_client: Client, unique: Any, tmp_path: Path
) -> None:
    name = unique("uploaded")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    return 0\n")
    starter = tmp_path / "handler.zip"
    starter.write_bytes(zip_bytes(project_root() / "labs" / "event-driven" / "starter" / "python"))
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("hello")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            path_box = page.query_one("#code-upload-path", Input)
            note = page.query_one("#code-upload-status")
            for path, expected in (
                (tmp_path / "missing.zip", f"No such file or folder: {tmp_path / 'missing.zip'}"),
                # a file that is not a .zip is zipped for the learner, and says so
                (
                    not_zip,
                    f"Uploaded notes.txt (file, zipped, {len(zip_bytes_of(not_zip))} bytes): notes.txt.",
                ),
            ):
                path_box.value = str(path)
                await pilot.pause()
                page.query_one("#code-upload").press()
                await until(pilot, lambda e=expected: text_of(note) == e, expected)
            path_box.value = str(starter)
            page.query_one("#code-upload").press()
            await until(pilot, lambda: text_of(note).startswith("Uploaded"), "uploaded")
            editor = page.query_one("#code-editor", TextArea)
            assert "Stored visit" in editor.text

    asyncio.run(scenario())
    code = aws_client("lambda").get_function(FunctionName=name)["Configuration"]["CodeSha256"]
    from courseware.course.packaging import code_sha256

    assert code == code_sha256(project_root() / "labs" / "event-driven" / "starter" / "python")


def test_configuration_change_applies(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("configured")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    return 0\n")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            timeout = page.query_one("#config-timeout", Input)
            await until(pilot, lambda: timeout.value == "3", "the form")
            timeout.value = "30"
            page.query_one("#env-add").press()
            await until(pilot, lambda: page.query(".env-key"), "a variable row")
            page.query_one(".env-key", Input).value = "TABLE_NAME"
            page.query_one(".env-value", Input).value = "ProductVisits"
            page.query_one("#config-save").press()
            status = page.query_one("#config-status")
            await until(pilot, lambda: text_of(status) == "Saved.", "Saved")
            timeout.value = "9999"
            page.query_one("#config-save").press()
            await until(pilot, lambda: "Timeout" in text_of(status), "range error")
            role = page.query_one("#perm-policies")
            await until(pilot, lambda: "logs:PutLogEvents" in text_of(role), "permissions")

    asyncio.run(scenario())
    config = aws_client("lambda").get_function_configuration(FunctionName=name)
    assert config["Timeout"] == 30
    assert config["Environment"]["Variables"] == {"TABLE_NAME": "ProductVisits"}


def test_add_sqs_trigger_then_disable_and_delete(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    name, queue = unique("triggered"), unique("TriggerQueue")
    role = f"{name}-role"  # its own role, which may poll SQS (as AWS requires for a trigger)
    make_function(aws_client, name, "def lambda_handler(e, c):\n    return 0\n", role=role)
    aws_client("iam").attach_role_policy(RoleName=role, PolicyArn=SQS_EXECUTION_ROLE)
    aws_client("sqs").create_queue(QueueName=queue)
    lambda_ = aws_client("lambda")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            chooser = page.query_one("#triggers-queue", Select)
            await until(pilot, lambda: queue in [v for _, v in chooser._options], "queues")
            chooser.value = queue
            page.query_one("#triggers-batch", Input).value = "5"
            page.query_one("#triggers-add").press()
            table = page.query_one("#triggers-table", DataTable)
            await until(pilot, lambda: table.row_count == 1, "the mapping row")
            mappings = lambda_.list_event_source_mappings(FunctionName=name)["EventSourceMappings"]
            assert len(mappings) == 1
            assert mappings[0]["EventSourceArn"].endswith(f":{queue}")
            assert mappings[0]["BatchSize"] == 5
            page.query_one("#triggers-disable").press()
            await until(pilot, lambda: table.get_row_at(0)[1] == "Disabled", "disabled")
            page.query_one("#triggers-delete").press()
            await until(pilot, lambda: table.row_count == 0, "deleted")

    asyncio.run(scenario())
    assert lambda_.list_event_source_mappings(FunctionName=name)["EventSourceMappings"] == []


def test_code_of_a_function_created_outside_shows_after_it_ran(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    name = unique("outside")
    make_function(aws_client, name, "def lambda_handler(e, c):\n    return 'outside'\n")
    aws_client("lambda").invoke(FunctionName=name, Payload=b"{}")

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            page = await open_page(pilot, app, name)
            editor = page.query_one("#code-editor", TextArea)
            await until(pilot, lambda: "return 'outside'" in editor.text, "the code")

    asyncio.run(scenario())


def test_zip_helpers_round_trip() -> None:
    from courseware.tui.consoles.awslambda.lambda_code import build_zip, read_zip

    data = build_zip({"a.py": "x = 1\n"}, {"lib.so": b"\x00\x01"})
    package = read_zip(data)
    assert package.texts == {"a.py": "x = 1\n"}
    assert package.binaries == {"lib.so": b"\x00\x01"}
    with zipfile.ZipFile(io.BytesIO(package.to_zip())) as archive:
        assert sorted(archive.namelist()) == ["a.py", "lib.so"]
