"""Lambda console: the Create function form ("Author from scratch")."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from courseware.tui.consoles.awslambda.lambda_code import (
    RUNTIMES,
    build_zip,
    default_handler,
    hello_world,
)
from courseware.tui.consoles.awslambda.lambda_package_store import remember
from courseware.tui.consoles.awslambda.lambda_role_picker import RoleChoiceError, RolePicker
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DEFAULT_RUNTIME = "python3.13"


class CreateFunctionScreen(AreaScreen):
    """Name, runtime, handler and execution role; creates the function with hello-world code."""

    AUTO_FOCUS = "#create-name"
    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="lambda.create.cancel", tooltip="Back to list"),
        Binding(
            "ctrl+s", "create", "Create", id="lambda.create.submit", tooltip="Create the function"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._handler_edited = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="create-form"):
            yield Static("Create function — Author from scratch", classes="create-title")
            yield Label("Function name")
            yield Input(placeholder="myFunctionName", id="create-name")
            yield Label("Runtime")
            yield Select[str](
                ((r, r) for r in RUNTIMES),
                value=DEFAULT_RUNTIME,
                allow_blank=False,
                id="create-runtime",
            )
            yield Label("Handler")
            yield Input(default_handler(DEFAULT_RUNTIME), id="create-handler")
            yield Label("Execution role")
            yield RolePicker(id="create-role")
            yield Static("", id="create-error")
            with Horizontal(id="create-buttons"):
                yield Button("Create function", variant="primary", id="create-submit")
                yield Button("Cancel", id="create-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Lambda · Create function"

    def cloud_ready(self) -> None:
        start(self, self.load_roles, "create-roles")

    async def load_roles(self) -> None:
        """Offer the existing roles (for "Use an existing role")."""
        names: list[str] = []
        params: dict[str, str] = {}
        while True:
            page = await self.call("iam", "list_roles", **params)
            if page is None:
                return
            names.extend(str(r["RoleName"]) for r in page.get("Roles", []))
            if not page.get("IsTruncated"):
                break
            params["Marker"] = str(page["Marker"])
        self.query_one(RolePicker).set_roles(names)

    @property
    def runtime(self) -> str:
        """The chosen runtime."""
        value = self.query_one("#create-runtime", Select).value
        return value if isinstance(value, str) else DEFAULT_RUNTIME

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "create-runtime" and not self._handler_edited:
            self.query_one("#create-handler", Input).value = default_handler(self.runtime)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "create-name":
            self.query_one(RolePicker).function_named(event.value.strip())
        elif event.input.id == "create-handler":
            self._handler_edited = event.value != default_handler(self.runtime)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create-submit":
            self.action_create()
        elif event.button.id == "create-cancel":
            self.app.pop_screen()

    def error(self, text: str) -> None:
        """Show a problem under the form."""
        self.query_one("#create-error", Static).update(Content(text))

    def action_create(self) -> None:
        """Create the role (if asked) and the function."""
        start(self, self.create, "create-function")

    async def create(self) -> None:
        """Validate, create the role when asked, then the function; open it on success."""
        name = self.query_one("#create-name", Input).value.strip()
        handler = self.query_one("#create-handler", Input).value.strip()
        picker = self.query_one(RolePicker)
        if not _NAME.match(name):
            self.error("Function name: 1–64 letters, digits, hyphens or underscores.")
            return
        if "." not in handler:
            self.error("Handler: FILE.FUNCTION, e.g. lambda_function.lambda_handler.")
            return
        try:
            role = picker.role_name()
        except RoleChoiceError as exc:
            self.error(str(exc))
            return
        button = self.query_one("#create-submit", Button)
        button.disabled = True
        self.error("Creating…")
        try:
            for operation, params in picker.role_calls(role):
                await self.try_call("iam", operation, **params)
            picker.created_role = role
            arn = (await self.try_call("iam", "get_role", RoleName=role))["Role"]["Arn"]
            package = build_zip(hello_world(self.runtime))
            await self.try_call(
                "lambda",
                "create_function",
                FunctionName=name,
                Runtime=self.runtime,
                Role=arn,
                Handler=handler,
                Code={"ZipFile": package},
            )
        except CloudCallError as exc:
            self.error(f"Could not create: {exc}")
            button.disabled = False
            return
        remember(package)
        self.notify(f"Created function {name}", title="Lambda")
        from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen

        self.app.switch_screen(FunctionScreen(name))
