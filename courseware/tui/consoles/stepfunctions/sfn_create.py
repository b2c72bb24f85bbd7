"""Create a state machine: name, role, type, a template, the definition editor and its graph."""

from __future__ import annotations

import json
import re
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import (
    Button,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from courseware.tui.consoles.stepfunctions import sfn_templates as templates
from courseware.tui.consoles.stepfunctions.asl_check import short_cloud_error
from courseware.tui.consoles.stepfunctions.sfn_definition import DefinitionEditor
from courseware.tui.consoles.stepfunctions.sfn_graph import SfnGraph
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

NEW_ROLE = "new-role"
NAME = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
DEFAULT_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction"


class SfnCreateScreen(AreaScreen):
    """The console's Create state machine page."""

    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="stepfunctions.create-cancel", tooltip="Back"),
        Binding(
            "ctrl+s",
            "submit",
            "Create",
            id="stepfunctions.create-submit",
            tooltip="Check the definition and create the state machine",
        ),
        Binding(
            "ctrl+g",
            "toggle_graph",
            "Graph",
            id="stepfunctions.create-graph",
            tooltip="Switch between the definition and its graph",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.created_arn: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="sfn-create-row"):
            yield Label("Name ")
            yield Input(placeholder="HelloWorld", id="sfn-create-name", compact=True)
            yield Label(" Type ")
            yield Select(
                [("Standard", "STANDARD"), ("Express", "EXPRESS")],
                value="STANDARD",
                allow_blank=False,
                id="sfn-create-type",
                compact=True,
            )
        with Horizontal(classes="sfn-create-row"):
            yield Label("Role ")
            yield Select[str]([], prompt="Choose a role", id="sfn-create-role", compact=True)
            yield Label(" or ARN ")
            yield Input(placeholder="arn:aws:iam::…:role/…", id="sfn-create-arn", compact=True)
        with Horizontal(classes="sfn-create-row"):
            yield Label("Template ")
            yield Select(
                [(title, kind) for kind, title in templates.TEMPLATES.items()],
                value=templates.HELLO_WORLD,
                allow_blank=False,
                id="sfn-create-template",
                compact=True,
            )
            yield Button("Create", id="sfn-create-submit", variant="primary", compact=True)
        with TabbedContent(id="sfn-create-tabs"):
            with TabPane("Definition", id="sfn-create-definition"):
                yield DefinitionEditor(self._template(templates.HELLO_WORLD))
            with TabPane("Graph", id="sfn-create-graph"):
                yield SfnGraph()
        yield Static("", id="sfn-create-error", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Step Functions · Create state machine"

    def _template(self, kind: str) -> str:
        lab = self.cw.course.lab("state-machine")
        labs_dir = lab.path.parent if lab else self.cw.course.root / "labs"
        return templates.template(kind, labs_dir, DEFAULT_FUNCTION)

    def cloud_ready(self) -> None:
        self.load_roles()

    @work(exclusive=True, group="sfn-create-roles")
    async def load_roles(self) -> None:
        """Roles Step Functions can assume first, then the others, and "create a new role"."""
        result = await self.call("iam", "list_roles")
        roles: list[dict[str, Any]] = (result or {}).get("Roles", [])
        roles.sort(key=lambda r: (not templates.trusts_step_functions(r), str(r["RoleName"])))
        options = [("Create a new role: StepFunctions-<name>-role", NEW_ROLE)]
        for role in roles:
            mark = " (trusts Step Functions)" if templates.trusts_step_functions(role) else ""
            options.append((f"{role['RoleName']}{mark}", str(role["Arn"])))
        self.query_one("#sfn-create-role", Select).set_options(options)

    @on(Select.Changed, "#sfn-create-template")
    def _template_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one(DefinitionEditor).load(self._template(event.value))

    def on_definition_editor_checked(self, event: DefinitionEditor.Checked) -> None:
        """Redraw the graph whenever the definition is valid."""
        if event.definition is not None:
            self.query_one(SfnGraph).show(event.definition)

    def action_toggle_graph(self) -> None:
        """Show the graph, or go back to the editor."""
        tabs = self.query_one(TabbedContent)
        graph = tabs.active == "sfn-create-graph"
        tabs.active = "sfn-create-definition" if graph else "sfn-create-graph"

    @on(Button.Pressed, "#sfn-create-submit")
    def _pressed(self) -> None:
        self.action_submit()

    def _error(self, message: str) -> None:
        self.query_one("#sfn-create-error", Static).update(message)

    def action_submit(self) -> None:
        """Check the form and the definition; create the role if asked, then the machine."""
        name = self.query_one("#sfn-create-name", Input).value.strip()
        editor = self.query_one(DefinitionEditor)
        if not NAME.match(name):
            self._error("Name: 1-80 letters, digits, - or _ (e.g. HelloWorld).")
            self.query_one("#sfn-create-name", Input).focus()
            return
        arn = self.query_one("#sfn-create-arn", Input).value.strip()
        role = self.query_one("#sfn-create-role", Select).value
        if not arn and not isinstance(role, str):
            self._error("Role: choose a role (or a new one), or type its ARN.")
            return
        if editor.check() is None:
            self._error("The definition has problems (listed under the editor); nothing created.")
            self.query_one(TabbedContent).active = "sfn-create-definition"
            return
        self._error("Creating…")
        kind = self.query_one("#sfn-create-type", Select).value
        self.create(name, arn or str(role), str(kind), editor.text)

    @work(exclusive=True, group="sfn-create")
    async def create(self, name: str, role: str, kind: str, definition: str) -> None:
        """Create the state machine (and its new role), then open it."""
        try:
            if role == NEW_ROLE:
                role = await self._new_role(templates.new_role_name(name))
            result = await self.try_call(
                "stepfunctions",
                "create_state_machine",
                name=name,
                definition=definition,
                roleArn=role,
                type=kind,
            )
        except CloudCallError as exc:
            message = short_cloud_error(str(exc))
            self._error(f"Not created: {message}")
            self.query_one(DefinitionEditor).show_problem(f"✗ cloud: {message}")
            return
        self.created_arn = str(result["stateMachineArn"])
        self.notify(f"State machine {name} created", title="Step Functions")
        from courseware.tui.consoles.stepfunctions.sfn_machine import SfnMachineScreen

        self.app.switch_screen(SfnMachineScreen(self.created_arn))

    async def _new_role(self, role_name: str) -> str:
        """Create the console-style role (trusts Step Functions, may invoke functions)."""
        try:
            got = await self.try_call("iam", "get_role", RoleName=role_name)
            return str(got["Role"]["Arn"])
        except CloudCallError:
            pass
        created = await self.try_call(
            "iam",
            "create_role",
            RoleName=role_name,
            AssumeRolePolicyDocument=json.dumps(templates.STATES_TRUST_POLICY),
            Description="Created by the courseware Step Functions console",
        )
        await self.try_call(
            "iam",
            "put_role_policy",
            RoleName=role_name,
            PolicyName="invoke-lambda",
            PolicyDocument=json.dumps(templates.INVOKE_LAMBDA_POLICY),
        )
        return str(created["Role"]["Arn"])
