"""The function page's Configuration tab: general settings, environment, asynchronous
invocation, permissions."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Static

from courseware.tui.consoles.awslambda.lambda_async import AsyncSettings
from courseware.tui.consoles.awslambda.lambda_env import EnvEditor, EnvError
from courseware.tui.consoles.awslambda.lambda_settings import SettingsError, read_int
from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.consoles.common.role_permissions import PermissionsView
from courseware.tui.shell.cloudcall import CloudCallError


class ConfigPane(CloudPane):
    """Edit memory, timeout, handler, description, tracing and environment; read the permissions."""

    class Updated(Message):
        """The configuration changed (the page reloads it)."""

    def __init__(self, function_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.function_name = function_name
        self.role = ""

    def compose(self) -> ComposeResult:
        yield Static("General configuration", classes="pane-heading")
        with Horizontal(classes="pane-row config-pair"):
            with Horizontal(classes="config-field"):
                yield Label("Memory (MB)")
                yield Input(id="config-memory", type="integer")
            with Horizontal(classes="config-field"):
                yield Label("Timeout (s)")
                yield Input(id="config-timeout", type="integer")
        with Horizontal(classes="pane-row config-field"):
            yield Label("Handler")
            yield Input(id="config-handler")
        with Horizontal(classes="pane-row config-field"):
            yield Label("Description")
            yield Input(id="config-description")
        with Horizontal(classes="pane-row config-field"):
            yield Checkbox("Active tracing (X-Ray)", id="config-tracing")
        yield Static("Environment variables", classes="pane-heading")
        yield EnvEditor(id="config-env")
        with Horizontal(classes="pane-row"):
            yield Button("Save", variant="primary", id="config-save")
        yield Static("", id="config-status")
        yield AsyncSettings(self.function_name, id="config-async")
        yield PermissionsView(id="config-permissions")
        with Horizontal(classes="pane-row"):
            yield Button("Add permission", id="config-add-permission")

    def show(self, config: dict[str, Any]) -> None:
        """Fill the form from ``GetFunctionConfiguration``."""
        self.query_one("#config-memory", Input).value = str(config.get("MemorySize", 128))
        self.query_one("#config-timeout", Input).value = str(config.get("Timeout", 3))
        self.query_one("#config-handler", Input).value = str(config.get("Handler", ""))
        self.query_one("#config-description", Input).value = str(config.get("Description", ""))
        mode = (config.get("TracingConfig") or {}).get("Mode")
        self.query_one("#config-tracing", Checkbox).value = mode == "Active"
        variables = config.get("Environment", {}).get("Variables", {})
        self.query_one(EnvEditor).set_variables(dict(variables))
        settings = self.query_one(AsyncSettings)
        start(settings, partial(settings.load, config), "async-load")
        self.role = str(config.get("Role", ""))
        self.reload_permissions()

    def reload_permissions(self, _result: object = None) -> None:
        """Read the role's and the function's policies again."""
        view = self.query_one(PermissionsView)
        start(view, partial(view.load, self.function_name, self.role), "permissions")

    def status(self, text: str, kind: str) -> None:
        """Show the outcome of Save."""
        widget = self.query_one("#config-status", Static)
        widget.set_classes(f"pane-{kind}")
        widget.update(Content(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "config-save":
            event.stop()
            start(self, self.save, "config-save")
        elif event.button.id == "config-add-permission":
            event.stop()
            from courseware.tui.consoles.awslambda.lambda_permission import AddPermissionScreen

            self.app.push_screen(AddPermissionScreen(self.function_name), self.reload_permissions)

    async def save(self) -> None:
        """Validate the form and apply it with UpdateFunctionConfiguration."""
        try:
            memory = read_int(self.query_one("#config-memory", Input).value, "Memory", 128, 10240)
            timeout = read_int(self.query_one("#config-timeout", Input).value, "Timeout", 1, 900)
            variables = self.query_one(EnvEditor).variables()
        except (SettingsError, EnvError) as exc:
            self.status(str(exc), "error")
            return
        handler = self.query_one("#config-handler", Input).value.strip()
        if "." not in handler:
            self.status("Handler: FILE.FUNCTION, e.g. lambda_function.lambda_handler.", "error")
            return
        try:
            await self.try_call(
                "lambda",
                "update_function_configuration",
                FunctionName=self.function_name,
                MemorySize=memory,
                Timeout=timeout,
                Handler=handler,
                Description=self.query_one("#config-description", Input).value,
                Environment={"Variables": variables},
                TracingConfig={
                    "Mode": "Active"
                    if self.query_one("#config-tracing", Checkbox).value
                    else "PassThrough"
                },
            )
        except CloudCallError as exc:
            self.status(f"Not saved: {exc}", "error")
            return
        self.status("Saved.", "ok")
        self.post_message(self.Updated())
