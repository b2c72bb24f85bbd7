"""The Configuration tab's "Asynchronous invocation" section: retries, event age,
destinations and the dead-letter queue, read and saved through the app's normal client."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from courseware.tui.consoles.awslambda.async_model import (
    AsyncForm,
    dead_letter_target,
    form_of,
    put_params,
)
from courseware.tui.consoles.awslambda.lambda_settings import SettingsError
from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.shell.cloudcall import CloudCallError

FIELDS = (
    ("async-retries", "Retry attempts (0–2)", "retries"),
    ("async-max-age", "Maximum age of event (s)", "max_age"),
    ("async-on-success", "On success destination", "on_success"),
    ("async-on-failure", "On failure destination", "on_failure"),
    ("async-dlq", "Dead-letter queue", "dead_letter"),
)


class AsyncSettings(CloudPane):
    """Edit PutFunctionEventInvokeConfig's settings and the function's DeadLetterConfig."""

    def __init__(self, function_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.function_name = function_name
        self.saved_dead_letter = ""

    def compose(self) -> ComposeResult:
        yield Static("Asynchronous invocation", classes="pane-heading")
        for field_id, label, _ in FIELDS:
            with Horizontal(classes="pane-row config-field"):
                yield Label(label)
                yield Input(id=field_id, placeholder="arn:aws:sqs:…" if "-o" in field_id else "")
        with Horizontal(classes="pane-row"):
            yield Button("Save asynchronous invocation", id="async-save")
        yield Static("", id="async-status")

    def form(self) -> AsyncForm:
        """What the fields hold."""
        values = {attr: self.query_one(f"#{fid}", Input).value for fid, _, attr in FIELDS}
        return AsyncForm(**values)

    async def load(self, function_config: dict[str, Any]) -> None:
        """Read the event invoke config (none yet: Lambda's defaults) and fill the fields."""
        try:
            config: dict[str, Any] | None = await self.try_call(
                "lambda", "get_function_event_invoke_config", FunctionName=self.function_name
            )
        except CloudCallError as exc:
            if "ResourceNotFound" not in str(exc):
                self.status(f"Cannot read the asynchronous invocation config: {exc}", "error")
                return
            config = None
        form = form_of(config, function_config)
        self.saved_dead_letter = form.dead_letter
        for field_id, _, attr in FIELDS:
            self.query_one(f"#{field_id}", Input).value = getattr(form, attr)

    def status(self, text: str, kind: str) -> None:
        """Show the outcome of Save."""
        widget = self.query_one("#async-status", Static)
        widget.set_classes(f"pane-{kind}")
        widget.update(Content(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "async-save":
            event.stop()
            start(self, self.save, "async-save")

    async def save(self) -> None:
        """Put the event invoke config; set the dead-letter queue when it changed."""
        form = self.form()
        try:
            params, target = put_params(self.function_name, form), dead_letter_target(form)
        except SettingsError as exc:
            self.status(str(exc), "error")
            return
        try:
            await self.try_call("lambda", "put_function_event_invoke_config", **params)
            if target != self.saved_dead_letter:
                await self.try_call(
                    "lambda",
                    "update_function_configuration",
                    FunctionName=self.function_name,
                    DeadLetterConfig={"TargetArn": target},
                )
                self.saved_dead_letter = target
        except CloudCallError as exc:
            self.status(f"Not saved: {exc}", "error")
            return
        self.status("Saved.", "ok")
