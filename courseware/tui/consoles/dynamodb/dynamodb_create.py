"""DynamoDB console: the create-table form (keys, capacity mode)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from courseware.tui.consoles.common.form_fields import FormError, parse_int
from courseware.tui.consoles.dynamodb.ddb_items import KEY_TYPES
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

TYPE_LABELS = {"S": "String", "N": "Number", "B": "Binary"}


def table_request(
    name: str,
    partition: tuple[str, str],
    sort: tuple[str, str] | None,
    provisioned: tuple[int, int] | None,
) -> dict[str, Any]:
    """The ``create_table`` parameters.

    Raises:
        FormError: a name is missing or invalid.
    """
    if not 3 <= len(name) <= 255 or not all(c.isalnum() or c in "_.-" for c in name):
        raise FormError("Table names have 3–255 letters, digits, '_', '-' or '.'.")
    if not partition[0]:
        raise FormError("Enter the partition key's attribute name.")
    keys = [(partition[0], partition[1], "HASH")]
    if sort is not None:
        if sort[0] == partition[0]:
            raise FormError("The sort key must differ from the partition key.")
        keys.append((sort[0], sort[1], "RANGE"))
    params: dict[str, Any] = {
        "TableName": name,
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t} for n, t, _ in keys],
        "KeySchema": [{"AttributeName": n, "KeyType": k} for n, _, k in keys],
    }
    if provisioned is None:
        params["BillingMode"] = "PAY_PER_REQUEST"
    else:
        params["BillingMode"] = "PROVISIONED"
        params["ProvisionedThroughput"] = {
            "ReadCapacityUnits": provisioned[0],
            "WriteCapacityUnits": provisioned[1],
        }
    return params


class DynamoDbCreateScreen(AreaScreen):
    """Create a table; the list behind refreshes when it exists."""

    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="dynamodb.create.cancel", tooltip="Back"),
        Binding("ctrl+s", "create", "Create", id="dynamodb.create.submit", tooltip="Create it"),
    ]

    def compose(self) -> ComposeResult:
        types = [(f"{TYPE_LABELS[t]} ({t})", t) for t in KEY_TYPES]
        yield Header()
        with VerticalScroll(id="dynamodb-create-form"):
            yield Label("Table name")
            yield Input(placeholder="e.g. ProductVisits", id="dynamodb-create-name")
            yield Label("Partition key (required)")
            with Horizontal(classes="dynamodb-create-row"):
                yield Input(placeholder="attribute name", id="dynamodb-create-pk")
                yield Select(types, value="S", allow_blank=False, id="dynamodb-create-pk-type")
            yield Label("Sort key (optional)")
            with Horizontal(classes="dynamodb-create-row"):
                yield Input(
                    placeholder="attribute name (leave empty for none)", id="dynamodb-create-sk"
                )
                yield Select(types, value="S", allow_blank=False, id="dynamodb-create-sk-type")
            yield Label("Capacity mode")
            with RadioSet(id="dynamodb-create-billing"):
                yield RadioButton("On-demand (pay per request)", value=True)
                yield RadioButton("Provisioned", id="dynamodb-provisioned")
            with Horizontal(classes="dynamodb-create-row", id="dynamodb-create-capacity"):
                yield Label("Read units")
                yield Input("5", id="dynamodb-create-rcu", type="integer")
                yield Label("Write units")
                yield Input("5", id="dynamodb-create-wcu", type="integer")
            yield Static("", id="dynamodb-create-error")
            with Horizontal(id="dynamodb-create-buttons"):
                yield Button("Create table", id="dynamodb-create-submit", variant="primary")
                yield Button("Cancel", id="dynamodb-create-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "DynamoDB · Create table"
        self.query_one("#dynamodb-create-name", Input).focus()
        self.query_one("#dynamodb-create-capacity").display = False

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Capacity units only matter for provisioned tables."""
        event.stop()
        provisioned = self.query_one("#dynamodb-provisioned", RadioButton).value
        self.query_one("#dynamodb-create-capacity").display = provisioned

    def _text(self, field: str) -> str:
        return self.query_one(f"#dynamodb-create-{field}", Input).value.strip()

    def _type(self, field: str) -> str:
        value = self.query_one(f"#dynamodb-create-{field}-type", Select).value
        return value if isinstance(value, str) else "S"

    def request(self) -> dict[str, Any]:
        """The create_table parameters from the form.

        Raises:
            FormError: a value is invalid.
        """
        provisioned = None
        if self.query_one("#dynamodb-provisioned", RadioButton).value:
            provisioned = (
                parse_int("Read units", self._text("rcu"), 1, 40000, unit=""),
                parse_int("Write units", self._text("wcu"), 1, 40000, unit=""),
            )
        sort = (self._text("sk"), self._type("sk")) if self._text("sk") else None
        return table_request(
            self._text("name"), (self._text("pk"), self._type("pk")), sort, provisioned
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create or cancel."""
        event.stop()
        if event.button.id == "dynamodb-create-submit":
            self.run_worker(self.action_create(), exclusive=True, group="dynamodb-create")
        else:
            self.dismiss()

    async def action_create(self) -> None:
        """Create the table (errors stay on the form, with the learner's input)."""
        error = self.query_one("#dynamodb-create-error", Static)
        try:
            params = self.request()
            await self.try_call("dynamodb", "create_table", **params)
        except (FormError, CloudCallError) as exc:
            error.update(str(exc))
            self.call_after_refresh(error.scroll_visible)
            return
        self.notify(f"Table {params['TableName']} created.", title="DynamoDB")
        self.dismiss()
