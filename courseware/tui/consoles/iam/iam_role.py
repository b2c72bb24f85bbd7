"""IAM console: one role (permissions policies, trust relationship, policy simulator)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from courseware.course.iam_templates import BASIC_EXECUTION_POLICY_ARN
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.consoles.common.code_editor import CodeEditor
from courseware.tui.consoles.common.iam_summary import pretty
from courseware.tui.consoles.common.role_permissions import PermissionsView
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.iam.iam_policy_editor import InlinePolicyEditor
from courseware.tui.consoles.iam.iam_simulate import SimulatePanel
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class RoleScreen(AreaScreen):
    """Permissions (managed + inline policies, what they allow), the trust policy, a simulator."""

    AUTO_FOCUS = "#role-tabs Tabs"

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="iam.role.back", tooltip="Back to roles"),
        Binding("ctrl+r", "reload", "Reload", id="iam.role.reload", tooltip="Reload the role"),
    ]

    def __init__(self, role_name: str) -> None:
        super().__init__()
        self.role_name = role_name

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(self.role_name), id="role-summary")
        with TabbedContent(id="role-tabs"):
            with TabPane("Permissions", id="role-tab-permissions"):
                yield Static("Managed policies", classes="role-heading")
                yield DataTable(id="role-managed", cursor_type="row")
                with Horizontal(id="role-attach-row"):
                    yield Input(BASIC_EXECUTION_POLICY_ARN, id="role-attach-arn")
                    yield Button("Attach", id="role-attach")
                    yield Button("Detach", variant="error", id="role-detach")
                yield Static("", id="role-status")
                yield Static("Inline policies", classes="role-heading")
                yield InlinePolicyEditor(self.role_name, id="role-inline")
                yield PermissionsView(resource_policy=False, id="role-actions")
            with TabPane("Trust relationships", id="role-tab-trust"):
                yield CodeEditor("", language="json", read_only=True, id="role-trust")
            with TabPane("Simulate", id="role-tab-simulate"):
                yield SimulatePanel(self.role_name, id="role-simulate")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"IAM · {self.role_name}"
        self.query_one("#role-managed", DataTable).add_columns("Policy name", "ARN")

    def cloud_ready(self) -> None:
        start(self, self.load, "role-load")

    async def load(self) -> None:
        """Read the role, its managed policies and (via the panes) its inline ones."""
        found = await self.call("iam", "get_role", RoleName=self.role_name)
        if found is None:
            return
        role = found["Role"]
        self.query_one("#role-summary", Static).update(Content(str(role.get("Arn", ""))))
        self.query_one("#role-trust", TextArea).load_text(
            pretty(role.get("AssumeRolePolicyDocument", {}))
        )
        await self.load_managed()
        self.query_one(InlinePolicyEditor).reload()
        view = self.query_one(PermissionsView)
        await view.load_role(self.role_name)

    async def load_managed(self) -> None:
        """List the attached managed policies."""
        attached = await self.call("iam", "list_attached_role_policies", RoleName=self.role_name)
        table = self.query_one("#role-managed", DataTable)
        table.clear()
        for item in (attached or {}).get("AttachedPolicies", []):
            arn = str(item["PolicyArn"])
            table.add_row(str(item["PolicyName"]), arn, key=arn)

    def status(self, text: str, kind: str) -> None:
        """Show the outcome of attach/detach."""
        widget = self.query_one("#role-status", Static)
        widget.set_classes(f"role-{kind}")
        widget.update(Content(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "role-attach":
            start(self, self.attach, "role-act")
        elif event.button.id == "role-detach":
            start(self, self.detach, "role-act")

    async def attach(self) -> None:
        """Attach the managed policy whose ARN is typed."""
        arn = self.query_one("#role-attach-arn", Input).value.strip()
        if not arn.startswith("arn:"):
            self.status("Type a policy ARN (arn:aws:iam::…).", "error")
            return
        try:
            await self.try_call("iam", "attach_role_policy", RoleName=self.role_name, PolicyArn=arn)
        except CloudCallError as exc:
            self.status(f"Not attached: {exc}", "error")
            return
        self.status(f"Attached {arn.rpartition('/')[2]}.", "ok")
        await self.load()

    async def detach(self) -> None:
        """Detach the managed policy under the cursor."""
        arn = key_under_cursor(self.query_one("#role-managed", DataTable))
        if arn is None:
            self.status("No managed policy to detach.", "error")
            return
        try:
            await self.try_call(
                "iam", "detach_role_policy", RoleName=self.role_name, PolicyArn=str(arn)
            )
        except CloudCallError as exc:
            self.status(f"Not detached: {exc}", "error")
            return
        self.status(f"Detached {str(arn).rpartition('/')[2]}.", "ok")
        await self.load()

    def on_inline_policy_editor_changed(self, _message: InlinePolicyEditor.Changed) -> None:
        start(self, self.load, "role-load")

    def action_reload(self) -> None:
        """Reload the role."""
        start(self, self.load, "role-load")
