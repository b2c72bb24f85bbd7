"""IAM console: create a role trusted by a service, with permissions from policy templates."""

from __future__ import annotations

import json
import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from courseware.course.iam_templates import TEMPLATES, template_policy
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

SERVICES = ("lambda.amazonaws.com", "states.amazonaws.com")
TEMPLATE_POLICY_NAME = "policy-templates"
_NAME = re.compile(r"^[\w+=,.@-]{1,64}$")


def trust_policy(service: str) -> str:
    """A trust policy letting ``service`` assume the role."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": service},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    )


class CreateRoleScreen(AreaScreen):
    """Role name, trusted service and policy templates."""

    AUTO_FOCUS = "#iam-create-name"
    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="iam.create.cancel", tooltip="Back to roles"),
        Binding("ctrl+s", "create", "Create", id="iam.create.submit", tooltip="Create the role"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._created: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="iam-create-form"):
            yield Label("Role name")
            yield Input(placeholder="lambdaRoleForSQSPermissions", id="iam-create-name")
            yield Label("Trusted entity (AWS service)")
            yield Select[str](
                ((s, s) for s in SERVICES),
                value=SERVICES[0],
                allow_blank=False,
                id="iam-create-service",
            )
            yield Label("Policy templates (space toggles; basic logging comes with them)")
            yield SelectionList[str](*((t, t) for t in TEMPLATES), id="iam-create-templates")
            yield Static("", id="iam-create-error")
            with Horizontal(id="iam-create-buttons"):
                yield Button("Create role", variant="primary", id="iam-create-submit")
                yield Button("Cancel", id="iam-create-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "IAM · Create role"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "iam-create-submit":
            self.action_create()
        elif event.button.id == "iam-create-cancel":
            self.app.pop_screen()

    def error(self, text: str) -> None:
        """Show a problem under the form."""
        self.query_one("#iam-create-error", Static).update(Content(text))

    def action_create(self) -> None:
        """Create the role (in a worker)."""
        start(self, self.create, "iam-create")

    async def create(self) -> None:
        """Validate, create the role and its template policy, then open it."""
        name = self.query_one("#iam-create-name", Input).value.strip()
        if not _NAME.match(name):
            self.error("Role name: 1–64 letters, digits or +=,.@_-")
            return
        service = self.query_one("#iam-create-service", Select).value
        assert isinstance(service, str)
        templates = list(self.query_one("#iam-create-templates", SelectionList).selected)
        try:
            if self._created != name:
                await self.try_call(
                    "iam",
                    "create_role",
                    RoleName=name,
                    AssumeRolePolicyDocument=trust_policy(service),
                )
                self._created = name
            if templates:
                await self.try_call(
                    "iam",
                    "put_role_policy",
                    RoleName=name,
                    PolicyName=TEMPLATE_POLICY_NAME,
                    PolicyDocument=template_policy(templates),
                )
        except CloudCallError as exc:
            self.error(f"Could not create the role: {exc}")
            return
        self.notify(f"Created role {name}", title="IAM")
        from courseware.tui.consoles.iam.iam_role import RoleScreen

        self.app.switch_screen(RoleScreen(name))
