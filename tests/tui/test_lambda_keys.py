"""The Lambda function page by keyboard: editor focus, tab keys, dirty code, in-app packages."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, TabbedContent, Tabs, TextArea

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.course.packaging import zip_bytes
from courseware.paths import project_root
from courseware.tui.consoles.awslambda.lambda_console import LambdaScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.confirm_dialog import ConfirmDialog
from tests.tui.lambda_helpers import make_function, open_page, text_of, until

App = Callable[..., CoursewareApp]
Client = Callable[[str], Any]
SOURCE = "def lambda_handler(e, c):\n    return 1\n"


def _sha(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def test_tab_leaves_the_editor_and_esc_means_back(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    name = unique("keys")
    make_function(aws_client, name, SOURCE)

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(100, 32)) as pilot:
            page = await open_page(pilot, app, name)
            editor = page.query_one("#code-editor", TextArea)
            await until(pilot, lambda: "return 1" in editor.text, "the code")
            editor.focus()
            await pilot.press("tab")
            assert app.focused is not editor and "    " not in editor.text.split("\n")[0]
            editor.focus()
            await pilot.press("shift+tab")
            assert app.focused is not editor
            # ctrl+] indents instead
            editor.focus()
            editor.move_cursor((1, 0))
            await pilot.press("ctrl+right_square_bracket")
            assert editor.text.split("\n")[1] == "        return 1"
            status = page.query_one("#code-status")
            await until(pilot, lambda: "Edited — not deployed" in text_of(status), "dirty note")
            await pilot.press("ctrl+backslash")
            await until(pilot, lambda: "Deployed code" in text_of(status), "clean again")
            # alt+t walks the tabs from inside the editor, focus on the tab bar
            editor.focus()
            await pilot.press("alt+t")
            assert page.query_one(TabbedContent).active == "tab-test"
            assert isinstance(app.focused, Tabs)
            titles = [c.title for c in app.get_system_commands(page)]
            assert {"Lambda: Code tab", "Lambda: Test tab", "Lambda: Triggers tab"} <= set(titles)
            # clean code: one Esc from the editor is Back, not "leave the editor"
            page.show_tab("tab-code")
            editor.focus()
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, LambdaScreen), "the function list")

    asyncio.run(scenario())


def test_leaving_undeployed_code_asks_first(make_app: App, aws_client: Client, unique: Any) -> None:
    name = unique("dirty")
    make_function(aws_client, name, SOURCE)

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(100, 32)) as pilot:
            page = await open_page(pilot, app, name)
            editor = page.query_one("#code-editor", TextArea)
            await until(pilot, lambda: "return 1" in editor.text, "the code")
            editor.focus()
            editor.move_cursor((1, 12))
            await pilot.press("0")
            await until(pilot, lambda: "Edited" in text_of(page.query_one("#code-status")))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
            await pilot.press("n")
            await until(pilot, lambda: app.screen is page, "still on the page")
            assert "return 10" in editor.text
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked again")
            await pilot.press("y")
            await until(pilot, lambda: isinstance(app.screen, LambdaScreen), "left")

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "typed", ["$LABS/event-driven/starter/python", "labs/event-driven/starter/python"]
)
def test_upload_a_folder_from_anywhere_zips_it_and_lists_the_files(
    typed: str,
    make_app: App,
    aws_client: Client,
    unique: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = unique("folder")
    make_function(aws_client, name, SOURCE)
    monkeypatch.chdir(tmp_path)  # not the checkout
    starter = project_root() / "labs" / "event-driven" / "starter" / "python"

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(100, 32)) as pilot:
            page = await open_page(pilot, app, name)
            await until(pilot, lambda: "return 1" in page.query_one("#code-editor").text)
            box = page.query_one("#code-upload-path", Input)
            box.focus()
            box.value = typed
            await pilot.press("enter")
            note = page.query_one("#code-upload-status")
            await until(pilot, lambda: text_of(note).startswith("Uploaded"), "uploaded")
            assert "folder, zipped" in text_of(note) and "lambda_function.py" in text_of(note)

    asyncio.run(scenario())
    config = aws_client("lambda").get_function(FunctionName=name)["Configuration"]
    assert config["CodeSha256"] == _sha(zip_bytes(starter))


def test_ctrl_g_deploys_the_labs_starter_code(
    make_app: App, aws_client: Client, cloud: Endpoint
) -> None:
    lab = load_course().lab("state-machine")
    assert lab is not None
    reset(lab, cloud)
    make_function(aws_client, "HelloFunction", SOURCE, role="HelloFunction-role")
    starter = lab.path / "starter" / "python"

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(100, 32)) as pilot:
            page: FunctionScreen = await open_page(pilot, app, "HelloFunction")
            await until(pilot, lambda: page.config.get("Runtime"), "the configuration")
            await pilot.press("ctrl+g")
            note = page.query_one("#code-upload-status")
            await until(pilot, lambda: text_of(note).startswith("Uploaded"), "uploaded")
            assert "python (folder, zipped" in text_of(note)

    try:
        asyncio.run(scenario())
        config = aws_client("lambda").get_function(FunctionName="HelloFunction")["Configuration"]
        assert config["CodeSha256"] == _sha(zip_bytes(starter))
    finally:
        reset(lab, cloud)


def test_ctrl_a_selects_all_code_so_a_paste_replaces_it(
    make_app: App, aws_client: Client, unique: Any
) -> None:
    """TextArea's own select-all key is F7, which the app keeps for the Quiz area."""
    name = unique("keys")
    make_function(aws_client, name, SOURCE)

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(100, 32)) as pilot:
            page = await open_page(pilot, app, name)
            editor = page.query_one("#code-editor", TextArea)
            await until(pilot, lambda: "return 1" in editor.text, "the code")
            editor.focus()
            await pilot.press("ctrl+a")
            assert editor.selected_text == SOURCE
            app.post_message(events.Paste("def lambda_handler(e, c):\n    return 2\n"))
            await until(pilot, lambda: "return 2" in editor.text, "the pasted code")
            assert "return 1" not in editor.text
            assert app.screen is page  # F7 would have opened the Quiz

    asyncio.run(scenario())
