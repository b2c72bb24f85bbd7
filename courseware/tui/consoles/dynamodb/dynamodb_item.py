"""DynamoDB console: one item as JSON — view it, edit it, or write a new one."""

from __future__ import annotations

import json
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TextArea

from courseware.tui.consoles.common.code_editor import TextEditor
from courseware.tui.consoles.dynamodb.ddb_items import (
    ItemError,
    dynamodb_json,
    key_of,
    needs_typed_json,
    parse_item,
    plain_json,
)
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.confirm_dialog import ConfirmDialog
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

HELP_EDIT = (
    'Plain JSON or DynamoDB JSON ({"id": {"S": "1"}}) · ctrl+a selects all · ctrl+s saves'
    " · esc goes back"
)


class DynamoDbItemScreen(AreaScreen):
    """An item as JSON; read-only until ``e``, or a new item when opened without one."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="dynamodb.item.back", tooltip="Back to the items"),
        Binding("ctrl+s", "save", "Save", id="dynamodb.item.save", tooltip="Put the item"),
        Binding("e", "edit", "Edit", id="dynamodb.item.edit", tooltip="Edit this item"),
        Binding(
            "ctrl+t",
            "typed",
            "DynamoDB JSON",
            id="dynamodb.item.typed",
            tooltip="Show the item as DynamoDB JSON (keeps sets and binary)",
        ),
    ]

    def __init__(self, table_name: str, key_names: list[str], item: dict[str, Any] | None) -> None:
        """Open ``item`` of ``table_name`` (None: write a new item)."""
        super().__init__()
        self.table_name = table_name
        self.key_names = key_names
        self.item = item
        self.editing = item is None
        self.saved_text = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="dynamodb-item-info", markup=False)
        yield TextEditor(self.initial_text(), id="dynamodb-item-json", read_only=not self.editing)
        yield Static("", id="dynamodb-item-error", markup=False)
        yield KeysFooter()

    def initial_text(self) -> str:
        """The item as plain JSON (DynamoDB JSON if plain would lose sets or binary)."""
        if self.item is None:
            return json.dumps({name: "" for name in self.key_names}, indent=2)
        if needs_typed_json(self.item):
            return dynamodb_json(self.item)
        return plain_json(self.item, self.key_names)

    def on_mount(self) -> None:
        super().on_mount()
        self.saved_text = self.editor.text
        self._mode()
        self.editor.focus()

    @property
    def editor(self) -> TextArea:
        """The JSON editor."""
        return self.query_one("#dynamodb-item-json", TextArea)

    def _mode(self) -> None:
        if self.item is None:
            self.title = f"DynamoDB · {self.table_name} · New item"
            info = HELP_EDIT
        elif self.editing:
            self.title = f"DynamoDB · {self.table_name} · Edit item"
            info = HELP_EDIT
        else:
            self.title = f"DynamoDB · {self.table_name} · Item"
            info = "Read-only · e edits · ctrl+t shows DynamoDB JSON · esc goes back"
        self.query_one("#dynamodb-item-info", Static).update(info)
        self.editor.read_only = not self.editing

    def action_edit(self) -> None:
        """Make the JSON editable."""
        self.editing = True
        self._mode()
        self.editor.focus()

    def action_typed(self) -> None:
        """Replace the text with the item in DynamoDB JSON (only while unchanged)."""
        if self.item is not None and self.editor.text == self.saved_text:
            self.editor.text = dynamodb_json(self.item)
            self.saved_text = self.editor.text

    async def action_save(self) -> None:
        """Put the item; errors show under the editor and the text stays."""
        if not self.editing:
            return
        error = self.query_one("#dynamodb-item-error", Static)
        try:
            item = parse_item(self.editor.text)
            missing = [name for name in self.key_names if name not in item]
            if missing:
                raise ItemError(f"The item needs its key attribute(s): {', '.join(missing)}.")
            await self.try_call("dynamodb", "put_item", TableName=self.table_name, Item=item)
        except (ItemError, CloudCallError) as exc:
            error.update(str(exc))
            return
        note = ""
        if self.item is not None and key_of(self.item, self.key_names) != key_of(
            item, self.key_names
        ):
            note = " (new key: saved as another item; the original is still there)"
        self.notify(f"Item saved{note}.", title="DynamoDB")
        self.saved_text = self.editor.text
        self.dismiss()

    def action_leave(self) -> None:
        """Go back; ask first if there are unsaved changes."""
        if not self.editing or self.editor.text == self.saved_text:
            self.dismiss()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss()

        self.app.push_screen(
            ConfirmDialog("Discard your changes to this item?", yes="Discard"), confirmed
        )
