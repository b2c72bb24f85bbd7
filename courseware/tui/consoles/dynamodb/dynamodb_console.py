"""DynamoDB console: the table list (keys, billing, item count); create, explore, delete."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.dynamodb.ddb_items import key_text
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


def billing_text(table: dict[str, Any]) -> str:
    """On-demand or provisioned (RCU/WCU)."""
    mode = table.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED")
    if mode == "PAY_PER_REQUEST":
        return "On-demand"
    throughput = table.get("ProvisionedThroughput", {})
    return f"Provisioned {throughput.get('ReadCapacityUnits', '?')}/{throughput.get('WriteCapacityUnits', '?')}"


class DynamoDbScreen(AreaScreen):
    """Every table; Enter explores its items."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="dynamodb.back", tooltip="Leave DynamoDB"),
        Binding("c", "create", "Create table", id="dynamodb.create", tooltip="Create a table"),
        Binding("r", "refresh", "Refresh", id="dynamodb.refresh", tooltip="Reload the tables"),
        Binding(
            "enter", "open", "Explore items", id="dynamodb.open", tooltip="Scan and query items"
        ),
        Binding("delete", "delete", "Delete", id="dynamodb.delete", tooltip="Delete (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading tables…", id="dynamodb-status")
        yield DataTable(id="dynamodb-tables", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "DynamoDB"
        table = self.query_one("#dynamodb-tables", DataTable)
        for label, key in (
            ("Name", "name"),
            ("Partition key", "pk"),
            ("Sort key", "sk"),
            ("Capacity", "billing"),
            ("Items", "items"),
        ):
            table.add_column(label, key=key)
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        """Load the tables."""
        self.action_refresh()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("dynamodb.") and what.endswith("_table") and self.app.screen is self:
            self.action_refresh()

    def on_screen_resume(self) -> None:
        """Tables may have changed while the learner was elsewhere."""
        if self.cw.clients is not None:
            self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the table list."""
        self.load_tables()

    @work(exclusive=True, group="dynamodb-list")
    async def load_tables(self) -> None:
        """List tables and describe each (concurrently)."""
        status = self.query_one("#dynamodb-status", Static)
        try:
            names: list[str] = []
            params: dict[str, Any] = {}
            while True:
                page = await self.try_call("dynamodb", "list_tables", **params)
                names += page.get("TableNames", [])
                if "LastEvaluatedTableName" not in page:
                    break
                params["ExclusiveStartTableName"] = page["LastEvaluatedTableName"]
            found = await asyncio.gather(
                *(self.try_call("dynamodb", "describe_table", TableName=n) for n in names),
                return_exceptions=True,
            )
        except CloudCallError as exc:
            status.update(f"Cannot list tables: {exc}")
            return
        self.tables = {
            name: result["Table"]
            for name, result in zip(names, found, strict=True)
            if isinstance(result, dict)
        }
        self._show()
        status.update(
            f"{len(self.tables)} table(s) · Enter explores items · c creates"
            if self.tables
            else "No tables yet. Press c to create one."
        )

    def _show(self) -> None:
        table = self.query_one("#dynamodb-tables", DataTable)
        selected = self.selected_name()
        table.clear()
        for name in sorted(self.tables):
            info = self.tables[name]
            table.add_row(
                name,
                key_text(info, "HASH"),
                key_text(info, "RANGE"),
                billing_text(info),
                str(info.get("ItemCount", "?")),
                key=name,
            )
        if selected in self.tables:
            table.move_cursor(row=table.get_row_index(selected))

    def selected_name(self) -> str | None:
        """The table under the cursor."""
        return key_under_cursor(self.query_one("#dynamodb-tables", DataTable))

    def action_create(self) -> None:
        """Open the create-table form."""
        from courseware.tui.consoles.dynamodb.dynamodb_create import DynamoDbCreateScreen

        self.app.push_screen(DynamoDbCreateScreen())

    def action_open(self) -> None:
        """Explore the items of the table under the cursor."""
        name = self.selected_name()
        if name is not None:
            self.open_table(name)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a table explores its items."""
        event.stop()
        if event.row_key.value is not None:
            self.open_table(str(event.row_key.value))

    def open_table(self, name: str) -> None:
        """Explore the items of ``name``."""
        from courseware.tui.consoles.dynamodb.dynamodb_items import DynamoDbItemsScreen

        info = self.tables.get(name)
        if info is not None:
            self.app.push_screen(DynamoDbItemsScreen(info))

    def action_delete(self) -> None:
        """Delete the table under the cursor (asks first)."""
        name = self.selected_name()
        if name is not None:
            self.confirm_then(
                f"Delete table {name} and all its items?",
                lambda: self.delete(f"Table {name}", "dynamodb", "delete_table", TableName=name),
            )
