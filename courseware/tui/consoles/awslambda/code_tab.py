"""The function page's Code tab: edit and Deploy, upload a .zip/folder/file, or the lab's starter."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Select, Static, TextArea
from textual.widgets.text_area import LanguageDoesNotExist

from courseware.tui.consoles.awslambda.lambda_code import Package, handler_file, language_for
from courseware.tui.consoles.awslambda.lambda_package_store import (
    PackageUnavailable,
    fetch,
    remember,
)
from courseware.tui.consoles.awslambda.lambda_upload import (
    Upload,
    UploadError,
    read_upload,
    starter_folder,
)
from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.consoles.common.code_editor import CodeEditor
from courseware.tui.shell.cloudcall import CloudCallError

DEPLOYED_NOTE = "Deployed code. Edit, then Deploy (ctrl+s)."
EDITED_NOTE = "Edited — not deployed. Deploy with ctrl+s; ctrl+r discards the edits."


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
        yield CodeEditor("", id="code-editor", read_only=True)
        yield Static("Upload a .zip, a folder or a file (zipped for you)", classes="pane-heading")
        with Horizontal(classes="pane-row", id="code-upload-row"):
            yield Input(
                placeholder="$LABS/<lab>/starter/python or path/to/function.zip",
                id="code-upload-path",
            )
            yield Button("Upload", id="code-upload")
            yield Button("Lab's starter code (ctrl+g)", id="code-starter")
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
        self.status(DEPLOYED_NOTE)

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

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Say at once when the editor holds edits that are not deployed (and when not)."""
        if event.text_area.id != "code-editor" or not self.loaded:
            return
        edited = self.dirty()
        note = str(self.query_one("#code-status", Static).render())
        if edited and not note.startswith("Edited"):
            self.status(EDITED_NOTE, "error")
        elif not edited and note.startswith("Edited"):
            self.status(DEPLOYED_NOTE)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "code-file" and isinstance(event.value, str):
            self.open_file(event.value)
        event.stop()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "code-deploy":
            self.deploy()
        elif event.button.id == "code-upload":
            start(self, self.upload, "code-upload")
        elif event.button.id == "code-starter":
            self.use_starter()
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

    def use_starter(self) -> None:
        """Deploy the lab's starter code for this function (the runtime's language)."""
        runtime = str(self.screen_config().get("Runtime", ""))
        try:
            folder = starter_folder(self.cw.course, self.function_name, runtime)
        except UploadError as exc:
            self._upload_note(str(exc), "error")
            return
        self.query_one("#code-upload-path", Input).value = str(folder)
        start(self, self.upload, "code-upload")

    def screen_config(self) -> dict[str, Any]:
        """The function's configuration as the page last read it."""
        return dict(getattr(self.screen, "config", {}) or {})

    def _upload_note(self, text: str, kind: str) -> None:
        note = self.query_one("#code-upload-status", Static)
        note.set_classes(f"pane-{kind}")
        note.update(Content(text))

    async def upload(self) -> None:
        """Upload what the path box names (a .zip, a folder or a file) as the function's code."""
        path = self.query_one("#code-upload-path", Input).value
        try:
            upload: Upload = await asyncio.to_thread(read_upload, path)
        except UploadError as exc:
            self._upload_note(str(exc), "error")
            return
        self._upload_note(f"Uploading {upload.summary()} …", "note")
        try:
            await self.try_call(
                "lambda",
                "update_function_code",
                FunctionName=self.function_name,
                ZipFile=upload.data,
            )
        except CloudCallError as exc:
            self._upload_note(f"Upload failed: {exc}", "error")
            return
        await asyncio.to_thread(remember, upload.data)
        self._upload_note(f"Uploaded {upload.summary()}.", "ok")
        self.show_package(upload.package)
        self.status(f"Deployed {self.function_name} from {upload.source.name}.", "ok")
        self.post_message(self.Deployed())
