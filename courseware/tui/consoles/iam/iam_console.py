"""IAM console: the role list (open a role, create one from policy templates)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.consoles.common.iam_summary import trusted_services
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


def reset_columns(table: DataTable[str]) -> None:
    """Empty the table and its columns (so columns size to what is shown next)."""
    table.clear(columns=True)
    table.add_column("Role name", key="name")
    table.add_column("Trusted entities", key="trust")


class IamScreen(AreaScreen):
    """Roles: name and trusted entities."""

    AUTO_FOCUS = "#iam-roles"
    BINDINGS = [
        Binding("escape", "app.back", "Back", id="iam.back", tooltip="Leave the IAM console"),
        Binding("c", "create", "Create role", id="iam.create", tooltip="Create a role"),
        Binding("r", "refresh", "Refresh", id="iam.refresh", tooltip="Reload the role list"),
        Binding("slash", "filter", "Filter", id="iam.filter", tooltip="Filter roles by name"),
        Binding("delete", "delete", "Delete", id="iam.delete", tooltip="Delete (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.roles: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Roles", id="iam-list-title")
        yield Input(placeholder="Filter by role name", id="iam-filter")
        yield DataTable(id="iam-roles", cursor_type="row", zebra_stripes=True)
        yield Static("Loading…", id="iam-list-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "IAM"
        reset_columns(self.query_one("#iam-roles", DataTable))
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        start(self, self.load, "iam-list")

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("iam.") and self.cw.clients is not None:
            self.cloud_ready()

    async def load(self) -> None:
        """Fetch every role (all pages) and show them."""
        roles: list[dict[str, Any]] = []
        params: dict[str, Any] = {}
        while True:
            page = await self.call("iam", "list_roles", **params)
            if page is None:
                self.query_one("#iam-list-status", Static).update("Could not list roles.")
                return
            roles.extend(page.get("Roles", []))
            if not page.get("IsTruncated"):
                break
            params["Marker"] = page["Marker"]
        self.roles = sorted(roles, key=lambda r: str(r.get("RoleName", "")).lower())
        self.show()

    def show(self) -> None:
        """Fill the table with the roles matching the filter."""
        table: DataTable[str] = self.query_one("#iam-roles", DataTable)
        needle = self.query_one("#iam-filter", Input).value.strip().lower()
        reset_columns(table)
        shown = [r for r in self.roles if needle in str(r.get("RoleName", "")).lower()]
        for role in shown:
            name = str(role.get("RoleName", ""))
            trust = ", ".join(trusted_services(role.get("AssumeRolePolicyDocument", {})))
            table.add_row(name, trust or "—", key=name)
        total = len(self.roles)
        if not total:
            status = "No roles yet. Press c to create one."
        elif not needle:
            status = f"{total} role(s). Enter opens, c creates."
        else:
            status = f"{len(shown)} role(s) match “{needle}”. Esc in the list goes back."
        self.query_one("#iam-list-status", Static).update(status)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "iam-filter":
            self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "iam-filter":
            self.query_one("#iam-roles", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_role(str(event.row_key.value))

    def open_role(self, name: str) -> None:
        """Show one role's page."""
        from courseware.tui.consoles.iam.iam_role import RoleScreen

        self.app.push_screen(RoleScreen(name))

    def action_create(self) -> None:
        """Open the Create role form."""
        from courseware.tui.consoles.iam.iam_create_role import CreateRoleScreen

        self.app.push_screen(CreateRoleScreen())

    def action_delete(self) -> None:
        """Delete the role under the cursor (asks first)."""
        name = key_under_cursor(self.query_one("#iam-roles", DataTable))
        if name is not None:
            self.confirm_then(
                f"Delete role {name}? Its policies are detached first (as the IAM console does); "
                "functions using it lose their permissions.",
                lambda: self.delete_role(name),
            )

    async def delete_role(self, name: str) -> None:
        """Detach managed policies, delete inline ones, then delete the role (IAM's order)."""
        attached = await self.call("iam", "list_attached_role_policies", RoleName=name)
        inline = await self.call("iam", "list_role_policies", RoleName=name)
        if attached is None or inline is None:
            return
        for policy in attached.get("AttachedPolicies", []):
            arn = policy["PolicyArn"]
            await self.call("iam", "detach_role_policy", RoleName=name, PolicyArn=arn)
        for policy_name in inline.get("PolicyNames", []):
            await self.call("iam", "delete_role_policy", RoleName=name, PolicyName=policy_name)
        await self.delete(f"Role {name}", "iam", "delete_role", RoleName=name)

    def action_filter(self) -> None:
        """Focus the filter box."""
        self.query_one("#iam-filter", Input).focus()
