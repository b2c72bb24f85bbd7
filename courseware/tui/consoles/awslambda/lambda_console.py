"""Lambda console: the function list (open, create, refresh, filter)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


def format_modified(value: str) -> str:
    """``LastModified`` (ISO 8601) as ``YYYY-MM-DD HH:MM`` (UTC)."""
    return value[:16].replace("T", " ") if value else ""


COLUMNS = (
    ("Function name", "name"),
    ("Runtime", "runtime"),
    ("Memory", "memory"),
    ("Timeout", "timeout"),
    ("Last modified", "modified"),
)


def reset_columns(table: DataTable[str]) -> None:
    """Empty the table and its columns (so columns size to what is shown next)."""
    table.clear(columns=True)
    for label, key in COLUMNS:
        table.add_column(label, key=key)


class LambdaScreen(AreaScreen):
    """Functions: name, runtime, memory, timeout, last modified."""

    AUTO_FOCUS = "#lambda-functions"
    BINDINGS = [
        Binding("escape", "app.back", "Back", id="lambda.back", tooltip="Leave the Lambda console"),
        Binding("c", "create", "Create function", id="lambda.create", tooltip="Author a function"),
        Binding("r", "refresh", "Refresh", id="lambda.refresh", tooltip="Reload the function list"),
        Binding(
            "slash", "filter", "Filter", id="lambda.filter", tooltip="Filter functions by name"
        ),
        Binding("delete", "delete", "Delete", id="lambda.delete", tooltip="Delete (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.functions: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Functions", id="lambda-list-title")
        yield Input(placeholder="Filter by function name", id="lambda-filter")
        yield DataTable(id="lambda-functions", cursor_type="row", zebra_stripes=True)
        yield Static("Loading…", id="lambda-list-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Lambda"
        reset_columns(self.query_one("#lambda-functions", DataTable))
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        start(self, self.load, "lambda-list")

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("lambda.") and self.cw.clients is not None:
            self.cloud_ready()

    async def load(self) -> None:
        """Fetch every function (all pages) and show them."""
        functions: list[dict[str, Any]] = []
        params: dict[str, Any] = {}
        while True:
            page = await self.call("lambda", "list_functions", **params)
            if page is None:
                self.query_one("#lambda-list-status", Static).update("Could not list functions.")
                return
            functions.extend(page.get("Functions", []))
            if not page.get("NextMarker"):
                break
            params["Marker"] = page["NextMarker"]
        self.functions = sorted(functions, key=lambda f: str(f.get("FunctionName", "")).lower())
        self.show()

    def show(self) -> None:
        """Fill the table with the functions matching the filter."""
        table: DataTable[str] = self.query_one("#lambda-functions", DataTable)
        needle = self.query_one("#lambda-filter", Input).value.strip().lower()
        selected = self.selected()
        reset_columns(table)
        shown = [f for f in self.functions if needle in str(f.get("FunctionName", "")).lower()]
        for fn in shown:
            name = str(fn.get("FunctionName", ""))
            table.add_row(
                name,
                str(fn.get("Runtime", "")),
                f"{fn.get('MemorySize', '')} MB",
                f"{fn.get('Timeout', '')} s",
                format_modified(str(fn.get("LastModified", ""))),
                key=name,
            )
        if selected and selected in {str(f.get("FunctionName")) for f in shown}:
            table.move_cursor(row=table.get_row_index(selected))
        total = len(self.functions)
        if not total:
            status = "No functions yet. Press c to create one."
        elif not needle:
            status = f"{total} function(s). Enter opens, c creates."
        else:
            status = f"{len(shown)} function(s) match “{needle}”. Esc in the list goes back."
        self.query_one("#lambda-list-status", Static).update(status)

    def selected(self) -> str | None:
        """The name of the function under the cursor."""
        return key_under_cursor(self.query_one("#lambda-functions", DataTable))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "lambda-filter":
            self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "lambda-filter":
            self.query_one("#lambda-functions", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_function(str(event.row_key.value))

    def open_function(self, name: str) -> None:
        """Show one function's page."""
        from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen

        self.app.push_screen(FunctionScreen(name))

    def action_create(self) -> None:
        """Open the Create function form."""
        from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen

        self.app.push_screen(CreateFunctionScreen())

    def action_delete(self) -> None:
        """Delete the function under the cursor (asks first; like AWS, its logs and role stay)."""
        name = self.selected()
        if name is not None:
            self.confirm_then(
                f"Delete function {name}? Its code goes; its log group and role stay.",
                lambda: self.delete(
                    f"Function {name}", "lambda", "delete_function", FunctionName=name
                ),
            )

    def action_filter(self) -> None:
        """Focus the filter box."""
        self.query_one("#lambda-filter", Input).focus()
