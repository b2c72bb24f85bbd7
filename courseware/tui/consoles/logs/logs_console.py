"""CloudWatch Logs console: the log groups (retention, stored bytes) → streams → events."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.logs.logs_model import bytes_text, retention_text
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class LogsScreen(AreaScreen):
    """Every log group; Enter opens its streams and live tail."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="logs.back", tooltip="Leave CloudWatch Logs"),
        Binding("r", "refresh", "Refresh", id="logs.refresh", tooltip="Reload the log groups"),
        Binding("enter", "open", "Open", id="logs.open", tooltip="Streams, events and live tail"),
        Binding("delete", "delete", "Delete", id="logs.delete", tooltip="Delete (asks first)"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading log groups…", id="logs-status")
        yield DataTable(id="logs-groups", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "CloudWatch Logs"
        table = self.query_one("#logs-groups", DataTable)
        table.add_column("Log group", key="name")
        table.add_column("Retention", key="retention")
        table.add_column("Stored", key="bytes")

    def cloud_ready(self) -> None:
        """Load the groups."""
        self.action_refresh()

    def on_screen_resume(self) -> None:
        """Groups appear as functions run; reload when coming back."""
        if self.cw.clients is not None:
            self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the group list."""
        self.load_groups()

    @work(exclusive=True, group="logs-groups")
    async def load_groups(self) -> None:
        """List every log group (all pages)."""
        status = self.query_one("#logs-status", Static)
        groups: list[dict[str, Any]] = []
        params: dict[str, Any] = {}
        try:
            while True:
                page = await self.try_call("logs", "describe_log_groups", **params)
                groups += page.get("logGroups", [])
                if not page.get("nextToken"):
                    break
                params["nextToken"] = page["nextToken"]
        except CloudCallError as exc:
            status.update(f"Cannot list log groups: {exc}")
            return
        table = self.query_one("#logs-groups", DataTable)
        selected = self.selected_name()
        table.clear()
        for group in sorted(groups, key=lambda g: str(g["logGroupName"])):
            name = str(group["logGroupName"])
            table.add_row(
                name,
                retention_text(group.get("retentionInDays")),
                bytes_text(group.get("storedBytes")),
                key=name,
            )
        if selected is not None and selected in {str(g["logGroupName"]) for g in groups}:
            table.move_cursor(row=table.get_row_index(selected))
        status.update(
            f"{len(groups)} log group(s) · Enter opens"
            if groups
            else "No log groups yet: they appear when a Lambda function first runs."
        )

    def selected_name(self) -> str | None:
        """The group under the cursor."""
        return key_under_cursor(self.query_one("#logs-groups", DataTable))

    def action_delete(self) -> None:
        """Delete the group under the cursor and its events (asks first)."""
        name = self.selected_name()
        if name is not None:
            self.confirm_then(
                f"Delete log group {name} and all its events? "
                "A function writing to it creates it again on its next run.",
                lambda: self.delete(
                    f"Log group {name}", "logs", "delete_log_group", logGroupName=name
                ),
            )

    def action_open(self) -> None:
        """Open the group under the cursor."""
        name = self.selected_name()
        if name is not None:
            self.show_group(name)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a group opens it."""
        event.stop()
        if event.row_key.value is not None:
            self.show_group(str(event.row_key.value))

    def show_group(self, name: str) -> None:
        """Open the log group ``name`` (streams, events, live tail) on top of this list.

        Other consoles call this after ``app.go('logs')``, e.g. Lambda's Monitor tab.
        """
        from courseware.tui.consoles.logs.logs_group import LogsGroupScreen

        if self.app.screen_stack[0] is self:  # replace a group opened earlier
            while len(self.app.screen_stack) > 1:
                self.app.pop_screen()
        self.app.push_screen(LogsGroupScreen(name))
