"""API Gateway console: API keys — list (value shown on demand), create, delete."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class ApiKeysScreen(AreaScreen):
    """Every API key; a key opens a stage to a caller only through a usage plan."""

    BINDINGS = [
        Binding(
            "escape", "app.back", "Back", id="apigw.keys.back", tooltip="Back to the REST APIs"
        ),
        Binding(
            "s",
            "show_value",
            "Show value",
            id="apigw.keys.show",
            tooltip="Show the highlighted key's value (the x-api-key header)",
        ),
        Binding(
            "y",
            "copy_value",
            "Copy value",
            id="apigw.keys.copy",
            tooltip="Copy the highlighted key's value to the clipboard",
        ),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="apigw.keys.delete",
            tooltip="Delete the key (asks first)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.keys: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="apigw-keys", cursor_type="row")
        yield Static("", id="apigw-key-value", markup=False)
        with Horizontal(classes="apigw-buttons"):
            yield Input(placeholder="New key's name, e.g. webhook-key", id="apigw-key-name")
            yield Button("Create API key", id="apigw-key-create", variant="primary")
        yield Static("", id="apigw-key-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "API Gateway · API keys"
        table = self.query_one("#apigw-keys", DataTable)
        table.add_column("Name", key="name")
        table.add_column("ID", key="id")
        table.add_column("Enabled", key="enabled")
        table.focus()

    def cloud_ready(self) -> None:
        """Load the keys."""
        self.load()

    @work(exclusive=True, group="apigw-keys")
    async def load(self) -> None:
        """GetApiKeys (with their values, shown only on demand)."""
        try:
            found = await self.try_call("apigateway", "get_api_keys", includeValues=True, limit=500)
        except CloudCallError as exc:
            self.query_one("#apigw-key-status", Static).update(f"Cannot list keys: {exc}")
            return
        table = self.query_one("#apigw-keys", DataTable)
        selected = key_under_cursor(table)
        table.clear()
        self.keys = {str(k["id"]): k for k in found.get("items", [])}
        for key_id, key in sorted(self.keys.items(), key=lambda kv: str(kv[1].get("name"))):
            table.add_row(
                str(key.get("name", "")), key_id, "yes" if key.get("enabled") else "no", key=key_id
            )
        if selected in self.keys:
            table.move_cursor(row=table.get_row_index(selected))

    def _selected(self) -> dict[str, Any] | None:
        return self.keys.get(key_under_cursor(self.query_one("#apigw-keys", DataTable)) or "")

    def action_show_value(self) -> None:
        """Show the highlighted key's value."""
        key = self._selected()
        if key is not None:
            self.query_one("#apigw-key-value", Static).update(
                f"{key.get('name')}: x-api-key: {key.get('value', '')}"
            )

    def action_copy_value(self) -> None:
        """Copy the highlighted key's value."""
        key = self._selected()
        if key is not None:
            self.app.copy_to_clipboard(str(key.get("value", "")))
            self.notify(f"Copied the value of {key.get('name')}.", title="API key")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create a key."""
        event.stop()
        start(self, self.create, "apigw-key-create")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name field creates the key."""
        event.stop()
        start(self, self.create, "apigw-key-create")

    async def create(self) -> None:
        """CreateApiKey (enabled)."""
        status = self.query_one("#apigw-key-status", Static)
        name = self.query_one("#apigw-key-name", Input).value.strip()
        if not name:
            status.update("Type the new key's name.")
            return
        try:
            await self.try_call("apigateway", "create_api_key", name=name, enabled=True)
        except CloudCallError as exc:
            status.update(f"Not created: {exc}")
            return
        status.update(f"API key {name} created. Add it to a usage plan (u on the API list).")
        self.query_one("#apigw-key-name", Input).value = ""
        self.load()

    def action_delete(self) -> None:
        """Delete the highlighted key (asks first)."""
        key = self._selected()
        if key is not None:
            key_id, name = str(key["id"]), str(key.get("name"))
            self.confirm_then(
                f"Delete API key {name}? Callers using it get 403.",
                lambda: self.delete(
                    f"API key {name}", "apigateway", "delete_api_key", apiKey=key_id
                ),
            )

    def action_refresh(self) -> None:
        """Reload the keys."""
        self.load()
