"""The function page's Code tab: edit the package's files, Deploy, or upload a .zip."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Select, Static, TextArea
from textual.widgets.text_area import LanguageDoesNotExist

from courseware.tui.consoles.awslambda.lambda_code import (
    Package,
    PackageError,
    handler_file,
    language_for,
    read_zip,
)
from courseware.tui.consoles.awslambda.lambda_package_store import (
    PackageUnavailable,
    fetch,
    remember,
)
from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.shell.cloudcall import CloudCallError


class UploadError(Exception):
    """A .zip to upload cannot be read; the message names the path."""


def read_upload(path_text: str) -> tuple[bytes, Package]:
    """The bytes and files of the .zip at ``path_text`` (``~`` expanded).

    Raises:
        UploadError: missing, unreadable or not a zip.
    """
    path = Path(path_text).expanduser()
    if not path_text.strip():
        raise UploadError("Type the path of a .zip file.")
    if not path.is_file():
        raise UploadError(f"No such file: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UploadError(f"Cannot read {path}: {exc.strerror}") from None
    try:
        return data, read_zip(data)
    except PackageError:
        raise UploadError(f"{path} is not a .zip file.") from None


class CodePane(CloudPane):
    """Source of the function, deploy and upload."""

    class Deployed(Message):
        """New code went live (the page reloads the configuration)."""

    def __init__(self, function_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.function_name = function_name
        self.package: Package | None = None
        self.current: str | None = None
        self.handler = ""
        self.loaded: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-row", id="code-bar"):
            yield Select[str]([], prompt="File", allow_blank=True, id="code-file")
            yield Button("Deploy", variant="primary", id="code-deploy", disabled=True)
        yield Static("Loading code…", id="code-status", classes="pane-note")
        yield TextArea.code_editor("", id="code-editor", read_only=True)
        yield Static("Upload from .zip file", classes="pane-heading")
        with Horizontal(classes="pane-row", id="code-upload-row"):
            yield Input(placeholder="path/to/function.zip", id="code-upload-path")
            yield Button("Upload", id="code-upload")
        yield Static("", id="code-upload-status")

    def status(self, text: str, kind: str = "note") -> None:
        """Show a line under the bar (``note``, ``ok`` or ``error``)."""
        widget = self.query_one("#code-status", Static)
        widget.set_classes(f"pane-{kind}")
        widget.update(Content(text))

    async def load(self, config: dict[str, Any], location: str) -> None:
        """Fetch the deployed package and show its handler file."""
        self.handler = str(config.get("Handler", ""))
        if self.dirty():
            self.status("Kept your edits (not deployed); ctrl+r again discards them.", "error")
            self.loaded = {}
            return
        sha = str(config.get("CodeSha256", ""))
        try:
            package = await asyncio.to_thread(fetch, self.function_name, location, sha)
        except PackageUnavailable as exc:
            self.status(str(exc), "error")
            return
        self.show_package(package)
        self.status("Deployed code. Edit, then Deploy (ctrl+s).")

    def show_package(self, package: Package) -> None:
        """Show ``package``'s files, the handler's file first."""
        self.package = package
        self.loaded = dict(package.texts)
        names = sorted(package.texts)
        chooser = self.query_one("#code-file", Select)
        chooser.set_options((n, n) for n in names)
        first = handler_file(self.handler, names) or (names[0] if names else None)
        self.current = None
        editor = self.query_one("#code-editor", TextArea)
        editor.read_only = first is None
        self.query_one("#code-deploy", Button).disabled = first is None
        chooser.display = len(names) > 1
        if first is not None:
            chooser.value = first
            self.open_file(first)
        else:
            editor.text = ""

    def open_file(self, name: str) -> None:
        """Put ``name`` in the editor (keeping the edits of the file shown before)."""
        if self.package is None or name == self.current:
            return
        self.keep_edits()
        editor = self.query_one("#code-editor", TextArea)
        try:
            editor.language = language_for(name)
        except LanguageDoesNotExist:
            editor.language = None
        editor.load_text(self.package.texts.get(name, ""))
        self.current = name

    def dirty(self) -> bool:
        """Whether the editor holds changes that were not deployed."""
        if self.package is None or not self.loaded:
            return False
        self.keep_edits()
        return self.package.texts != self.loaded

    def keep_edits(self) -> None:
        """Copy the editor's text back into the package."""
        if self.package is not None and self.current is not None:
            self.package.texts[self.current] = self.query_one("#code-editor", TextArea).text

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "code-file" and isinstance(event.value, str):
            self.open_file(event.value)
        event.stop()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "code-deploy":
            self.deploy()
        elif event.button.id == "code-upload":
            start(self, self.upload, "code-upload")
        event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "code-upload-path":
            start(self, self.upload, "code-upload")
            event.stop()

    def deploy(self) -> None:
        """Zip the current files and update the function's code."""
        if self.package is None:
            self.status("Nothing to deploy: upload a .zip first.", "error")
            return
        self.keep_edits()
        start(self, partial(self._deploy, self.package.to_zip()), "code-deploy")

    async def _deploy(self, data: bytes) -> None:
        self.status("Deploying…")
        try:
            await self.try_call(
                "lambda", "update_function_code", FunctionName=self.function_name, ZipFile=data
            )
        except CloudCallError as exc:
            self.status(f"Deploy failed: {exc} (your edits are kept)", "error")
            return
        await asyncio.to_thread(remember, data)
        if self.package is not None:
            self.loaded = dict(self.package.texts)
        self.status(f"Deployed {self.function_name}.", "ok")
        self.post_message(self.Deployed())

    async def upload(self) -> None:
        """Upload the .zip named in the path box as the function's code."""
        note = self.query_one("#code-upload-status", Static)
        path = self.query_one("#code-upload-path", Input).value
        try:
            data, package = await asyncio.to_thread(read_upload, path)
        except UploadError as exc:
            note.set_classes("pane-error")
            note.update(Content(str(exc)))
            return
        try:
            await self.try_call(
                "lambda", "update_function_code", FunctionName=self.function_name, ZipFile=data
            )
        except CloudCallError as exc:
            note.set_classes("pane-error")
            note.update(Content(f"Upload failed: {exc}"))
            return
        await asyncio.to_thread(remember, data)
        note.set_classes("pane-ok")
        note.update(Content(f"Uploaded {Path(path).expanduser().name} ({len(data)} bytes)."))
        self.show_package(package)
        self.status(f"Deployed {self.function_name} from the .zip.", "ok")
        self.post_message(self.Deployed())
