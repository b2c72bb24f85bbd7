"""The AWS CLI pane: commands run against the embedded cloud, errors and history show."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from courseware.cloud import awscli
from courseware.cloud.awscli import AwsCliMissingError
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.aws_command import CommandError, absolute_files, parse_command
from courseware.tui.shell.aws_suggester import AwsSuggester
from courseware.tui.shell.cli_pane import CliScreen
from courseware.tui.shell.history_input import HistoryInput
from tests.tui.navtools import until


def _log_text(screen: CliScreen) -> str:
    return "\n".join(strip.text for strip in screen.log_widget.lines)


async def _pane(app: CoursewareApp, pilot: Any) -> CliScreen:
    """The CLI pane of an app started on it."""
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CliScreen)
    return screen


async def _run(pilot: Any, screen: CliScreen, line: str) -> None:
    box = screen.query_one("#cli-input", HistoryInput)
    box.focus()
    box.value = line
    await pilot.press("enter")
    await pilot.pause()
    await until(pilot, lambda: screen.running is None, seconds=60)


def test_create_queue_from_the_pane(
    make_app: Callable[..., CoursewareApp],
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
) -> None:
    name = unique("cli-queue")
    changes: list[str] = []

    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _pane(app, pilot)
            app.cloud_changed.subscribe(screen, changes.append)
            await _run(pilot, screen, f"aws sqs create-queue --queue-name {name}")
            text = _log_text(screen)
            assert f"$ aws sqs create-queue --queue-name {name}" in text
            assert name in text.split("$", 2)[1].split("exit code")[0]  # the QueueUrl printed
            assert "exit code 0" in text
            # without the leading "aws" works too
            await _run(pilot, screen, "sqs list-queues")
            assert _log_text(screen).count("exit code 0") == 2

    asyncio.run(scenario())
    urls = aws_client("sqs").list_queues(QueueNamePrefix=name).get("QueueUrls", [])
    assert len(urls) == 1 and urls[0].endswith(name)
    assert changes == ["cli", "cli"]


def test_bad_command_shows_error_and_exit_code(make_app: Callable[..., CoursewareApp]) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _pane(app, pilot)
            await _run(pilot, screen, "sqs get-queue-url --queue-name no-such-queue-here")
            text = _log_text(screen)
            assert "NonExistentQueue" in text or "does not exist" in text
            assert "exit code 255" in text or "exit code 254" in text
            await _run(pilot, screen, 'sqs list-queues --queue-name-prefix "unclosed')
            assert "cannot read the command" in _log_text(screen)
            # the UI stayed usable: the status line is back to ready
            assert screen.running is None

    asyncio.run(scenario())


def test_history_walks_up_and_down(make_app: Callable[..., CoursewareApp]) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _pane(app, pilot)
            box = screen.query_one("#cli-input", HistoryInput)
            await _run(pilot, screen, "sqs list-queues")
            await _run(pilot, screen, "lambda list-functions")
            box.value = "draft"
            await pilot.press("up")
            assert box.value == "lambda list-functions"
            await pilot.press("up")
            assert box.value == "sqs list-queues"
            await pilot.press("up")
            assert box.value == "sqs list-queues"
            await pilot.press("down")
            assert box.value == "lambda list-functions"
            await pilot.press("down")
            assert box.value == "draft"

    asyncio.run(scenario())


def test_lab_files_are_found_wherever_the_app_runs(tmp_path: Path) -> None:
    install = tmp_path / "install"
    (install / "labs" / "x").mkdir(parents=True)
    (install / "labs" / "x" / "notes.txt").write_text("hi")
    here = tmp_path / "here"
    here.mkdir()
    args = ["s3api", "put-object", "--body", "labs/x/notes.txt", "--key=labs/x/notes.txt"]
    found = absolute_files(args, here, install)
    assert found[3] == str(install / "labs" / "x" / "notes.txt")
    assert found[4] == f"--key={install / 'labs' / 'x' / 'notes.txt'}"
    assert absolute_files(["s3", "cp", "labs/x/gone.txt"], here, install)[2] == "labs/x/gone.txt"
    assert absolute_files(["--body", "notes.txt"], here, install)[1] == "notes.txt"


def test_parse_command(tmp_path: Path) -> None:
    assert parse_command("aws sqs list-queues", tmp_path) == ["sqs", "list-queues"]
    args = parse_command("lambda invoke --payload 'file://in put.json' out.json", tmp_path)
    assert args == ["lambda", "invoke", "--payload", f"file://{tmp_path}/in put.json", "out.json"]
    assert (
        parse_command("x --zip-file=fileb:///abs.zip", tmp_path)[1] == "--zip-file=fileb:///abs.zip"
    )
    try:
        parse_command("sqs 'open", tmp_path)
    except CommandError:
        pass
    else:
        raise AssertionError("an unclosed quote is an error")


def test_suggester_completes_services_and_commands() -> None:
    words = ("sqs", "sns", "sqs create-queue", "sqs delete-queue")
    suggester = AwsSuggester(lambda: words)

    async def scenario() -> None:
        assert await suggester.get_suggestion("sq") == "sqs"
        assert await suggester.get_suggestion("aws sq") == "aws sqs"
        assert await suggester.get_suggestion("sqs cr") == "sqs create-queue"
        assert await suggester.get_suggestion("sqs create-queue --x") is None
        assert await suggester.get_suggestion("") is None

    asyncio.run(scenario())


def test_missing_aws_cli_is_explained(
    make_app: Callable[..., CoursewareApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_aws() -> str:
        raise AwsCliMissingError()

    monkeypatch.setattr(awscli, "find_aws", no_aws)

    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _pane(app, pilot)
            await _run(pilot, screen, "sqs list-queues")
            text = _log_text(screen)
            assert "the AWS CLI is not installed" in text
            assert "the command did not run" in text

    asyncio.run(scenario())


def test_a_long_command_leaves_the_ui_responsive(
    make_app: Callable[..., CoursewareApp],
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
) -> None:
    url = aws_client("sqs").create_queue(QueueName=unique("cli-wait"))["QueueUrl"]

    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _pane(app, pilot)
            box = screen.query_one("#cli-input", HistoryInput)
            box.value = f"sqs receive-message --queue-url {url} --wait-time-seconds 3"
            await pilot.press("enter")
            await until(pilot, lambda: screen.running is not None)
            await pilot.press(*"sqs list")  # typing goes on while aws waits
            assert box.value == "sqs list"
            assert "running: aws sqs receive-message" in str(
                screen.query_one("#cli-status", Static).render()
            )
            await pilot.press("enter")  # one command at a time: refused, text kept
            await pilot.pause()
            assert box.value == "sqs list"
            assert screen.running is not None
            await until(pilot, lambda: screen.running is None, seconds=30)
            assert "exit code 0" in _log_text(screen)

    asyncio.run(scenario())


def test_ctrl_c_stops_a_running_command(
    make_app: Callable[..., CoursewareApp],
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
) -> None:
    url = aws_client("sqs").create_queue(QueueName=unique("cli-stop"))["QueueUrl"]

    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _pane(app, pilot)
            assert not screen.check_action("stop", ())  # nothing to stop: not offered
            box = screen.query_one("#cli-input", HistoryInput)
            box.value = f"sqs receive-message --queue-url {url} --wait-time-seconds 20"
            await pilot.press("enter")
            await until(pilot, lambda: screen.process is not None, "the command started")
            assert screen.check_action("stop", ())
            await pilot.press("ctrl+c")
            # Stopped long before the 20 s poll would have ended by itself.
            await until(pilot, lambda: screen.running is None, "stopped", seconds=10)
            assert "stopped (ctrl+c)" in _log_text(screen)
            assert "ready" in str(screen.query_one("#cli-status", Static).render())
            await _run(pilot, screen, "sqs list-queues")  # and the pane goes on working
            assert "exit code 0" in _log_text(screen)

    asyncio.run(scenario())
