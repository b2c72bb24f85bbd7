"""API Gateway console: the Create REST API form (name, description, endpoint type)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

ENDPOINT_TYPES = (
    ("Regional (clients in the API's region)", "REGIONAL"),
    ("Edge-optimized (through CloudFront)", "EDGE"),
    ("Private (from a VPC only)", "PRIVATE"),
)


class ApiCreateScreen(AreaScreen):
    """Create a REST API; it gets its root resource ``/``."""

    AUTO_FOCUS = "#apigw-create-name"
    BINDINGS = [
        Binding(
            "escape", "app.back", "Cancel", id="apigw.create.cancel", tooltip="Back to the APIs"
        ),
        Binding(
            "ctrl+s", "create", "Create", id="apigw.create.submit", tooltip="Create the REST API"
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="apigw-create-form"):
            yield Label("API name")
            yield Input(placeholder="e.g. webhook-api", id="apigw-create-name")
            yield Label("Description (optional)")
            yield Input(id="apigw-create-description")
            yield Label("API endpoint type")
            yield Select[str](
                ENDPOINT_TYPES, value="REGIONAL", allow_blank=False, id="apigw-create-endpoint"
            )
            yield Static("", id="apigw-create-error")
            with Horizontal(classes="apigw-buttons"):
                yield Button("Create API", id="apigw-create-submit", variant="primary")
                yield Button("Cancel", id="apigw-create-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "API Gateway · Create REST API"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create or cancel."""
        event.stop()
        if event.button.id == "apigw-create-submit":
            start(self, self.action_create, "apigw-create")
        else:
            self.dismiss()

    async def action_create(self) -> None:
        """CreateRestApi with the form's values."""
        error = self.query_one("#apigw-create-error", Static)
        name = self.query_one("#apigw-create-name", Input).value.strip()
        if not name:
            error.update("Type the API's name.")
            return
        kind = self.query_one("#apigw-create-endpoint", Select).value
        params = {"name": name, "endpointConfiguration": {"types": [str(kind)]}}
        description = self.query_one("#apigw-create-description", Input).value.strip()
        if description:
            params["description"] = description
        try:
            created = await self.try_call("apigateway", "create_rest_api", **params)
        except CloudCallError as exc:
            error.update(str(exc))
            return
        self.notify(f"REST API {name} created (id {created.get('id')}).", title="API Gateway")
        self.dismiss()
