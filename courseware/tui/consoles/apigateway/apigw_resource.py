"""API Gateway console: Create resource (a path part, or a ``{param}`` path parameter)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from courseware.tui.consoles.apigateway.apigw_model import path_part_problem
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class ResourceCreateScreen(AreaScreen):
    """A child resource of ``parent_path``: its path part, e.g. ``hooks`` or ``{source}``."""

    AUTO_FOCUS = "#apigw-resource-part"
    BINDINGS = [
        Binding(
            "escape", "app.back", "Cancel", id="apigw.resource.cancel", tooltip="Back to the API"
        ),
        Binding(
            "ctrl+s", "create", "Create", id="apigw.resource.submit", tooltip="Create the resource"
        ),
    ]

    def __init__(self, api_id: str, parent_id: str, parent_path: str) -> None:
        super().__init__()
        self.api_id, self.parent_id, self.parent_path = api_id, parent_id, parent_path

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="apigw-resource-form"):
            yield Static(Content(f"Parent resource: {self.parent_path}"))
            yield Label("Resource path part")
            yield Input(
                placeholder="hooks, or {source} for a path parameter", id="apigw-resource-part"
            )
            yield Static(
                "Braces make a path parameter: /hooks/{source} matches /hooks/github and the "
                "function reads event['pathParameters']['source'].",
                classes="apigw-help",
            )
            yield Static("", id="apigw-resource-error")
            with Horizontal(classes="apigw-buttons"):
                yield Button("Create resource", id="apigw-resource-submit", variant="primary")
                yield Button("Cancel", id="apigw-resource-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "API Gateway · Create resource"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create or cancel."""
        event.stop()
        if event.button.id == "apigw-resource-submit":
            start(self, self.action_create, "apigw-resource")
        else:
            self.dismiss()

    async def action_create(self) -> None:
        """CreateResource under the parent."""
        error = self.query_one("#apigw-resource-error", Static)
        part = self.query_one("#apigw-resource-part", Input).value.strip()
        problem = path_part_problem(part)
        if problem:
            error.update(problem)
            return
        try:
            await self.try_call(
                "apigateway",
                "create_resource",
                restApiId=self.api_id,
                parentId=self.parent_id,
                pathPart=part,
            )
        except CloudCallError as exc:
            error.update(Content(str(exc)))
            return
        path = self.parent_path.rstrip("/") + "/" + part
        self.notify(f"Resource {path} created.", title="API Gateway")
        self.dismiss()
