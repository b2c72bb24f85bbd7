"""DynamoDB console: explore a table's items — scan (paged) or query by partition and sort key."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Select, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.dynamodb.ddb_items import (
    ItemError,
    cell,
    columns,
    key_id,
    key_of,
    key_text,
)
from courseware.tui.consoles.dynamodb.ddb_query import SORT_OPERATORS, KeyCondition, key_condition
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

PAGE = 100


class DynamoDbItemsScreen(AreaScreen):
    """A table's items in a grid: key columns first, then the other attributes."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="dynamodb.items.back", tooltip="Back to tables"),
        Binding("n", "new", "New item", id="dynamodb.items.new", tooltip="Write an item as JSON"),
        Binding("e", "edit", "Edit", id="dynamodb.items.edit", tooltip="Edit the item as JSON"),
        Binding(
            "delete", "delete", "Delete", id="dynamodb.items.delete", tooltip="Delete the item"
        ),
        Binding("s", "scan", "Scan", id="dynamodb.items.scan", tooltip="Scan the first 100 items"),
        Binding("m", "more", "Next page", id="dynamodb.items.more", tooltip="The next 100 items"),
        Binding("r", "rerun", "Refresh", id="dynamodb.items.refresh", tooltip="Run it again"),
    ]

    def __init__(self, table: dict[str, Any]) -> None:
        """Explore the table described by ``table`` (a describe_table result)."""
        super().__init__()
        self.info = table
        self.table_name: str = table["TableName"]
        schema = {k["KeyType"]: k["AttributeName"] for k in table.get("KeySchema", [])}
        self.key_names = [schema[role] for role in ("HASH", "RANGE") if role in schema]
        types = {a["AttributeName"]: a["AttributeType"] for a in table["AttributeDefinitions"]}
        self.key_types = [(name, types.get(name, "S")) for name in self.key_names]
        self.items: dict[str, dict[str, Any]] = {}
        self.condition: KeyCondition | None = None
        self.start_key: dict[str, Any] | None = None
        self.next_key: dict[str, Any] | None = None
        self.page = 1

    def compose(self) -> ComposeResult:
        yield Header()
        keys = f"Partition key: {key_text(self.info, 'HASH')}"
        if len(self.key_names) > 1:
            keys += f" · sort key: {key_text(self.info, 'RANGE')}"
        yield Static(keys, id="dynamodb-items-keys", markup=False)
        with Horizontal(id="dynamodb-items-query"):
            yield Input(placeholder=f"{self.key_names[0]} = … (Enter queries)", id="dynamodb-pk")
            if len(self.key_names) > 1:
                yield Select(
                    [(op, op) for op in SORT_OPERATORS],
                    value="=",
                    allow_blank=False,
                    id="dynamodb-sk-op",
                    tooltip=f"Condition on the sort key {self.key_names[1]}",
                )
                yield Input(placeholder=f"{self.key_names[1]} (optional)", id="dynamodb-sk")
            yield Button("Query", id="dynamodb-query-run", variant="primary")
            yield Button("Scan", id="dynamodb-scan-run")
        yield Static("Scanning…", id="dynamodb-items-status", markup=False)
        yield DataTable(id="dynamodb-items", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"DynamoDB · {self.table_name}"

    def cloud_ready(self) -> None:
        """Scan the first page."""
        self.action_scan()
        self.query_one("#dynamodb-items", DataTable).focus()

    def on_screen_resume(self) -> None:
        """An item may have been saved on the item screen."""
        self.action_rerun()

    # --- loading ---------------------------------------------------------------------------
    def action_scan(self) -> None:
        """Scan from the start."""
        self.condition, self.start_key, self.page = None, None, 1
        self.load()

    def action_rerun(self) -> None:
        """Run the current scan or query page again."""
        self.load()

    def action_more(self) -> None:
        """Load the next page, if there is one."""
        if self.next_key is not None:
            self.start_key, self.page = self.next_key, self.page + 1
            self.load()

    def run_query(self) -> None:
        """Query by the partition key (and sort-key condition) in the inputs; empty: scan."""
        value = self.query_one("#dynamodb-pk", Input).value
        if not value:
            self.action_scan()
            return
        operator, sort = "=", ""
        if len(self.key_names) > 1:
            operator = str(self.query_one("#dynamodb-sk-op", Select).value)
            sort = self.query_one("#dynamodb-sk", Input).value
        try:
            self.condition = key_condition(self.key_types, value, operator, sort)
        except ItemError as exc:
            self.query_one("#dynamodb-items-status", Static).update(f"Cannot query: {exc}")
            return
        self.start_key, self.page = None, 1
        self.load()

    @work(exclusive=True, group="dynamodb-items")
    async def load(self) -> None:
        """Fetch one page (scan or query) and show it."""
        status = self.query_one("#dynamodb-items-status", Static)
        params: dict[str, Any] = {"TableName": self.table_name, "Limit": PAGE}
        if self.start_key is not None:
            params["ExclusiveStartKey"] = self.start_key
        try:
            if self.condition is None:
                what = "Scan"
                result = await self.try_call("dynamodb", "scan", **params)
            else:
                what = f"Query {self.condition.text}"
                params.update(self.condition.params())
                result = await self.try_call("dynamodb", "query", **params)
        except CloudCallError as exc:
            status.update(f"Cannot read items: {exc}")
            return
        items: list[dict[str, Any]] = result.get("Items", [])
        self.next_key = result.get("LastEvaluatedKey")
        self._show(items)
        more = " · m: next page" if self.next_key else ""
        page = f" (page {self.page})" if self.page > 1 else f" (first {PAGE})"
        status.update(f"{what}: {len(items)} item(s){page}{more} · n new · e edit · Enter view")

    def _show(self, items: list[dict[str, Any]]) -> None:
        table = self.query_one("#dynamodb-items", DataTable)
        selected = self.selected_key()
        table.clear(columns=True)
        self.items = {}
        names = columns(items, self.key_names)
        for name in names:
            table.add_column(name, key=name)
        for item in items:
            row_key = key_id(item, self.key_names)
            self.items[row_key] = item
            table.add_row(*(cell(item, name) for name in names), key=row_key)
        if selected in self.items:
            table.move_cursor(row=table.get_row_index(selected))

    def selected_key(self) -> str | None:
        """The row key (item key as JSON) under the cursor."""
        return key_under_cursor(self.query_one("#dynamodb-items", DataTable))

    # --- items -----------------------------------------------------------------------------
    def _open(self, item: dict[str, Any] | None, edit: bool = False) -> None:
        from courseware.tui.consoles.dynamodb.dynamodb_item import DynamoDbItemScreen

        screen = DynamoDbItemScreen(self.table_name, self.key_names, item)
        self.app.push_screen(screen)
        if edit:
            screen.call_after_refresh(screen.action_edit)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter shows the item as JSON."""
        event.stop()
        item = self.items.get(str(event.row_key.value))
        if item is not None:
            self._open(item)

    def action_new(self) -> None:
        """Write a new item as JSON."""
        self._open(None)

    def action_edit(self) -> None:
        """Edit the item under the cursor."""
        item = self.items.get(self.selected_key() or "")
        if item is not None:
            self._open(item, edit=True)

    def action_delete(self) -> None:
        """Delete the item under the cursor (asks first)."""
        item = self.items.get(self.selected_key() or "")
        if item is None:
            return
        key = key_of(item, self.key_names)
        shown = ", ".join(f"{n} = {cell(item, n)}" for n in self.key_names)
        self.confirm_then(f"Delete the item {shown}?", lambda: self.delete_item(key))

    async def delete_item(self, key: dict[str, Any]) -> None:
        """Delete the item with ``key``, then reload."""
        found = await self.call("dynamodb", "delete_item", TableName=self.table_name, Key=key)
        if found is not None:
            self.notify("Item deleted.", title="DynamoDB")
        self.action_rerun()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the key input runs the query."""
        event.stop()
        self.run_query()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Query or scan."""
        event.stop()
        if event.button.id == "dynamodb-query-run":
            self.run_query()
        else:
            self.action_scan()
