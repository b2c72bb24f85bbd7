"""API Gateway console: Deploy API (a deployment to a new or existing stage)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from courseware.cloud.apigw.urls import stage_url
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class DeployScreen(AreaScreen):
    """Deploy the API's current resources and methods to a stage (created if new)."""

    AUTO_FOCUS = "#apigw-deploy-stage"
    BINDINGS = [
        Binding(
            "escape", "app.back", "Cancel", id="apigw.deploy.cancel", tooltip="Back to the API"
        ),
        Binding(
            "ctrl+s", "deploy", "Deploy", id="apigw.deploy.submit", tooltip="Deploy to the stage"
        ),
    ]

    def __init__(self, api_id: str, api_name: str, stages: dict[str, dict[str, str]]) -> None:
        """Deploy ``api_id``; ``stages`` maps each existing stage to its stage variables."""
        super().__init__()
        self.api_id, self.api_name = api_id, api_name
        self.variables, self.stages = stages, sorted(stages)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="apigw-deploy-form"):
            existing = ", ".join(self.stages) or "none yet"
            yield Static(Content(f"Existing stages: {existing}"))
            yield Label("Stage name (a new name creates the stage)")
            yield Input(self.stages[0] if len(self.stages) == 1 else "", id="apigw-deploy-stage")
            yield Label("Deployment description (optional)")
            yield Input(id="apigw-deploy-description")
            yield Label("Stage variables (name=value, comma separated; empty keeps the stage's)")
            yield Input(placeholder="alias=live", id="apigw-deploy-variables")
            yield Static("", id="apigw-deploy-error")
            with Horizontal(classes="apigw-buttons"):
                yield Button("Deploy", id="apigw-deploy-submit", variant="primary")
                yield Button("Cancel", id="apigw-deploy-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"API Gateway · Deploy {self.api_name}"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Deploy or cancel."""
        event.stop()
        if event.button.id == "apigw-deploy-submit":
            start(self, self.action_deploy, "apigw-deploy")
        else:
            self.dismiss()

    async def action_deploy(self) -> None:
        """CreateDeployment to the stage."""
        error = self.query_one("#apigw-deploy-error", Static)
        stage = self.query_one("#apigw-deploy-stage", Input).value.strip()
        if not stage:
            error.update("Type the stage name, e.g. prod.")
            return
        params: dict[str, object] = {"restApiId": self.api_id, "stageName": stage}
        description = self.query_one("#apigw-deploy-description", Input).value.strip()
        if description:
            params["description"] = description
        variables: dict[str, str] = {}
        for pair in self.query_one("#apigw-deploy-variables", Input).value.split(","):
            if pair.strip():
                name, equals, value = pair.partition("=")
                if not equals or not name.strip():
                    error.update(
                        Content(f"Stage variables: write name=value (got {pair.strip()!r}).")
                    )
                    return
                variables[name.strip()] = value.strip()
        variables = variables or self.variables.get(stage, {})
        if variables:
            params["variables"] = variables
        try:
            await self.try_call("apigateway", "create_deployment", **params)
        except CloudCallError as exc:
            error.update(Content(str(exc)))
            return
        url = stage_url(self.cw.clients.endpoint, self.api_id, stage) if self.cw.clients else ""
        self.notify(f"Deployed to {stage}: {url}", title="API Gateway")
        self.dismiss()
