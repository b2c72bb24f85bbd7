"""The Step Functions console: the state machines, and the way to create one."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.stepfunctions.sfn_history import when
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class StepFunctionsScreen(AreaScreen):
    """State machines: name, type, creation date; open one, or create one."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="stepfunctions.back", tooltip="Go home"),
        Binding(
            "c",
            "create",
            "Create",
            id="stepfunctions.create",
            tooltip="Create a state machine (Hello World, Lambda task or blank template)",
        ),
        Binding(
            "r",
            "refresh",
            "Refresh",
            id="stepfunctions.refresh",
            tooltip="Reload the list of state machines",
        ),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="stepfunctions.delete",
            tooltip="Delete the state machine (asks first)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.machines: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading state machines…", id="sfn-list-status", markup=False)
        yield DataTable(id="sfn-list-table", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Step Functions"
        table = self.query_one(DataTable)
        table.add_column("Name", key="name")
        table.add_column("Type", key="type")
        table.add_column("Created", key="created")

    def cloud_ready(self) -> None:
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)
        self.load()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("stepfunctions.") and "state_machine" in what:
            self.load()

    def action_refresh(self) -> None:
        """Reload the list."""
        self.load()

    @work(exclusive=True, group="sfn-list")
    async def load(self) -> None:
        """List the state machines into the table."""
        result = await self.call("stepfunctions", "list_state_machines")
        if result is None:
            self._status("Could not list the state machines (see the notification).")
            return
        self.machines = sorted(result.get("stateMachines", []), key=lambda m: str(m["name"]))
        table = self.query_one(DataTable)
        table.clear()
        for machine in self.machines:
            table.add_row(
                machine["name"],
                machine.get("type", ""),
                when(machine.get("creationDate")),
                key=machine["stateMachineArn"],
            )
        count = len(self.machines)
        self._status(
            f"{count} state machine{'s' if count != 1 else ''} · enter: open · c: create"
            if count
            else "No state machines yet · press c to create one (try the Hello World template)"
        )

    def _status(self, text: str) -> None:
        self.query_one("#sfn-list-status", Static).update(text)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Open the chosen state machine."""
        from courseware.tui.consoles.stepfunctions.sfn_machine import SfnMachineScreen

        if event.row_key.value:
            self.app.push_screen(SfnMachineScreen(event.row_key.value))

    def action_delete(self) -> None:
        """Delete the state machine under the cursor (asks first)."""
        arn = key_under_cursor(self.query_one(DataTable))
        if arn is not None:
            name = arn.rsplit(":", 1)[-1]
            self.confirm_then(
                f"Delete state machine {name}? Its executions' history goes with it.",
                lambda: self.delete(
                    f"State machine {name}",
                    "stepfunctions",
                    "delete_state_machine",
                    stateMachineArn=arn,
                ),
            )

    def action_create(self) -> None:
        """Open the create form."""
        from courseware.tui.consoles.stepfunctions.sfn_create import SfnCreateScreen

        self.app.push_screen(SfnCreateScreen())
