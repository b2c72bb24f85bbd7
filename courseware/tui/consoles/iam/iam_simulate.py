"""The role page's Simulate tab: action + resource → allowed or denied, and by which policy."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Static

from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.consoles.iam.simulate_model import SimulateInputError, request, verdict
from courseware.tui.shell.cloudcall import CloudCallError


class SimulatePanel(CloudPane):
    """Asks IAM's policy simulator (SimulatePrincipalPolicy) about one role."""

    def __init__(self, role_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.role_name = role_name
        self.role_arn = ""
        self.allowed: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            "What may this role do? The simulator answers as the cloud enforces.",
            classes="pane-note",
        )
        with Horizontal(classes="pane-row"):
            yield Input(placeholder="Action, e.g. dynamodb:PutItem", id="sim-action")
            yield Input(placeholder="Resource ARN (empty: *)", id="sim-resource")
            yield Button("Simulate", variant="primary", id="sim-run")
        yield Static("", id="sim-result")

    def show(self, text: str, kind: str) -> None:
        """Show the verdict (or an error) under the form."""
        widget = self.query_one("#sim-result", Static)
        widget.set_classes(f"pane-{kind}")
        widget.update(Content(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "sim-run":
            event.stop()
            start(self, self.simulate, "sim-run")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        start(self, self.simulate, "sim-run")

    async def simulate(self) -> None:
        """Call SimulatePrincipalPolicy for the typed action and resource."""
        action = self.query_one("#sim-action", Input).value
        resource = self.query_one("#sim-resource", Input).value
        self.allowed = None
        try:
            if not self.role_arn:
                role = await self.try_call("iam", "get_role", RoleName=self.role_name)
                self.role_arn = str(role["Role"]["Arn"])
            params = request(self.role_arn, action, resource)
            answer = await self.try_call("iam", "simulate_principal_policy", **params)
        except (SimulateInputError, CloudCallError) as exc:
            self.show(str(exc), "error")
            return
        results = answer.get("EvaluationResults", [])
        if not results:
            self.show("The simulator gave no result.", "error")
            return
        found = verdict(results[0])
        self.allowed = found.allowed
        self.show(found.text, "ok" if found.allowed else "error")
