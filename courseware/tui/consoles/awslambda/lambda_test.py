"""The function page's Test tab: saved test events, templates, Invoke and its result."""

from __future__ import annotations

import asyncio
import json
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Select, Static, TextArea

from courseware.tui.consoles.awslambda.lambda_events import (
    TEMPLATES,
    EventError,
    delete_event,
    load_events,
    parse_event,
    save_event,
    template_text,
)
from courseware.tui.consoles.awslambda.lambda_invoke import read_result
from courseware.tui.consoles.awslambda.lambda_result import InvokeResultView
from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.consoles.common.code_editor import CodeEditor
from courseware.tui.shell.cloudcall import CloudCallError

NEW_EVENT = "\0new"
INVOCATION_TYPES = (("Synchronous", "RequestResponse"), ("Asynchronous (Event)", "Event"))


class TestPane(CloudPane):
    """Choose or write an event, save it, invoke the function with it."""

    def __init__(self, function_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.function_name = function_name
        self.events: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-row", id="test-event-row"):
            yield Select[str]([], prompt="Saved events", id="test-saved")
            yield Select[str](
                ((name, name) for name in TEMPLATES), prompt="Template", id="test-template"
            )
            yield Select[str](
                INVOCATION_TYPES, value="RequestResponse", allow_blank=False, id="test-invocation"
            )
        with Horizontal(classes="pane-row", id="test-name-row"):
            yield Input(placeholder="Event name", id="test-event-name")
            yield Button("Save", id="test-save")
            yield Button("Delete", id="test-delete")
            yield Button("Test", variant="primary", id="test-invoke")
        yield CodeEditor(template_text("hello-world"), language="json", id="test-event")
        yield Static("", id="test-error")
        yield InvokeResultView(id="test-result")

    def on_mount(self) -> None:
        start(self, self.load_saved, "test-events", exclusive=False)

    async def load_saved(self, select: str | None = None) -> None:
        """Read the saved events (file I/O in a thread) and list them."""
        self.events = await asyncio.to_thread(load_events, self.function_name)
        self.list_saved(select)

    def list_saved(self, select: str | None = None) -> None:
        """Offer the saved events; select ``select`` (or the first one)."""
        saved = self.query_one("#test-saved", Select)
        saved.set_options((name, name) for name in sorted(self.events))
        choice = select if select in self.events else next(iter(sorted(self.events)), None)
        if choice is not None:
            saved.value = choice
            self.show_event(choice)

    def show_event(self, name: str) -> None:
        """Put a saved event in the editor."""
        self.query_one("#test-event-name", Input).value = name
        self.query_one("#test-event", TextArea).load_text(self.events[name])

    def error(self, text: str) -> None:
        """Show (or clear) the problem line."""
        self.query_one("#test-error", Static).update(Content(text))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if not isinstance(event.value, str):
            return
        if event.select.id == "test-saved" and event.value in self.events:
            self.show_event(event.value)
        elif event.select.id == "test-template":
            self.query_one("#test-event", TextArea).load_text(template_text(event.value))
            self.query_one("#test-event-name", Input).value = ""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "test-invoke":
            self.invoke()
        elif event.button.id == "test-save":
            start(self, self.save, "test-events", exclusive=False)
        elif event.button.id == "test-delete":
            start(self, self.delete, "test-events", exclusive=False)

    async def save(self) -> None:
        """Save the editor's event under the name typed."""
        name = self.query_one("#test-event-name", Input).value.strip()
        text = self.query_one("#test-event", TextArea).text
        try:
            self.events = await asyncio.to_thread(save_event, self.function_name, name, text)
        except EventError as exc:
            self.error(str(exc))
            return
        except OSError as exc:
            self.error(f"Could not save the event: {exc}")
            return
        self.error("")
        self.list_saved(name)
        self.notify(f"Saved test event {name}", title="Lambda")

    async def delete(self) -> None:
        """Delete the saved event named in the box."""
        name = self.query_one("#test-event-name", Input).value.strip()
        if name not in self.events:
            self.error("Choose a saved event to delete.")
            return
        self.events = await asyncio.to_thread(delete_event, self.function_name, name)
        self.error("")
        self.list_saved()

    def invoke(self) -> None:
        """Invoke the function with the editor's event (if it is valid JSON)."""
        text = self.query_one("#test-event", TextArea).text
        try:
            parse_event(text)
        except EventError as exc:
            self.error(str(exc))
            self.query_one(InvokeResultView).show_error(str(exc))
            return
        self.error("")
        start(self, partial(self._invoke, text), "test-invoke")

    async def _invoke(self, text: str) -> None:
        button = self.query_one("#test-invoke", Button)
        button.disabled = True
        button.label = "Running…"
        view = self.query_one(InvokeResultView)
        if self.query_one("#test-invocation", Select).value == "Event":
            try:
                await self.invoke_event(text)
            finally:
                button.disabled = False
                button.label = "Test"
            return
        try:
            response: dict[str, Any] = await self.try_call(
                "lambda",
                "invoke",
                FunctionName=self.function_name,
                InvocationType="RequestResponse",
                LogType="Tail",
                Payload=json.dumps(json.loads(text)).encode("utf-8"),
            )
            body = response.get("Payload")
            raw: bytes = await asyncio.to_thread(body.read) if body is not None else b""
        except CloudCallError as exc:
            view.show_error(str(exc))
        else:
            result = read_result(raw, response.get("FunctionError"), response.get("LogResult"))
            view.show(result, self.function_name)
            self.call_after_refresh(view.scroll_visible, top=True, animate=False)
        finally:
            button.disabled = False
            button.label = "Test"

    async def invoke_event(self, text: str) -> None:
        """Invoke asynchronously: Lambda answers 202 and queues the event."""
        view = self.query_one(InvokeResultView)
        try:
            response = await self.try_call(
                "lambda",
                "invoke",
                FunctionName=self.function_name,
                InvocationType="Event",
                Payload=json.dumps(json.loads(text)).encode("utf-8"),
            )
        except CloudCallError as exc:
            view.show_error(str(exc))
            return
        view.show_queued(self.function_name, int(response.get("StatusCode", 0)))
