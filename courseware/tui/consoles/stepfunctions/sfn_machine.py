"""One state machine: its graph, its definition (editable), its executions."""

from __future__ import annotations

import json
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from courseware.tui.consoles.stepfunctions.asl_check import short_cloud_error
from courseware.tui.consoles.stepfunctions.sfn_definition import DefinitionEditor
from courseware.tui.consoles.stepfunctions.sfn_graph import SfnGraph
from courseware.tui.consoles.stepfunctions.sfn_history import when
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class SfnMachineScreen(AreaScreen):
    """A state machine's details page."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="stepfunctions.machine-back", tooltip="Back"),
        Binding(
            "s",
            "start",
            "Start execution",
            id="stepfunctions.start",
            tooltip="Start an execution with JSON input",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save definition",
            id="stepfunctions.save",
            tooltip="Check the edited definition and update the state machine",
        ),
        Binding(
            "ctrl+g",
            "toggle_graph",
            "Graph",
            id="stepfunctions.machine-graph",
            tooltip="Switch between the definition being edited and its graph",
        ),
        Binding("r", "refresh", "Refresh", id="stepfunctions.machine-refresh", tooltip="Reload"),
    ]

    def __init__(self, arn: str) -> None:
        super().__init__()
        self.arn = arn
        self.machine: dict[str, Any] = {}
        self.saved = ""
        self.executions: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="sfn-machine-info", markup=False)
        with TabbedContent(id="sfn-machine-tabs"):
            with TabPane("Graph", id="sfn-machine-graph"):
                yield Static("", id="sfn-machine-draft", markup=False)
                yield SfnGraph()
            with TabPane("Definition", id="sfn-machine-definition"):
                yield DefinitionEditor()
            with TabPane("Executions", id="sfn-machine-executions"):
                yield DataTable(id="sfn-machine-runs", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Step Functions · " + self.arn.rpartition(":")[2]
        table = self.query_one("#sfn-machine-runs", DataTable)
        for label in ("Name", "Status", "Started", "Stopped"):
            table.add_column(label, key=label.lower())

    def cloud_ready(self) -> None:
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)
        self.load()

    def _cloud_changed(self, what: str) -> None:
        if what == "stepfunctions.start_execution":
            self.load_executions()
        elif what == "stepfunctions.update_state_machine":
            self.load()  # keeps unsaved edits (see load)

    def on_screen_resume(self) -> None:
        """Coming back from an execution: its status may have changed."""
        if self.machine:
            self.load_executions()

    def action_refresh(self) -> None:
        """Reload the machine and its executions."""
        self.load()

    @work(exclusive=True, group="sfn-machine")
    async def load(self) -> None:
        """Describe the machine; show its definition and graph; list its executions."""
        machine = await self.call(
            "stepfunctions", "describe_state_machine", stateMachineArn=self.arn
        )
        if machine is None:
            self.query_one("#sfn-machine-info", Static).update("Could not load this state machine.")
            return
        self.machine = machine
        role = str(machine.get("roleArn", "")).rpartition("/")[2]
        self.query_one("#sfn-machine-info", Static).update(
            f"{machine['name']} · {machine.get('type', '')} · role {role} · "
            f"{when(machine.get('creationDate'))}"
        )
        editor, definition = self.query_one(DefinitionEditor), str(machine.get("definition", ""))
        if editor.text == self.saved and editor.text != definition:  # keep unsaved edits
            editor.load(definition)
        self.saved = definition
        self.load_executions()

    @work(exclusive=True, group="sfn-machine-runs")
    async def load_executions(self) -> None:
        """List the executions (newest first)."""
        result = await self.call("stepfunctions", "list_executions", stateMachineArn=self.arn)
        if result is None:
            return
        self.executions = sorted(
            result.get("executions", []), key=lambda e: e.get("startDate", 0), reverse=True
        )
        table = self.query_one("#sfn-machine-runs", DataTable)
        table.clear()
        for run in self.executions:
            table.add_row(
                run.get("name", ""),
                run.get("status", ""),
                when(run.get("startDate")),
                when(run.get("stopDate")),
                key=run["executionArn"],
            )

    def on_definition_editor_checked(self, event: DefinitionEditor.Checked) -> None:
        """Redraw the graph as the definition is edited."""
        draft = self.query_one("#sfn-machine-draft", Static)
        unsaved = event.editor.text != self.saved and bool(self.saved)
        if event.definition is not None:
            self.query_one(SfnGraph).show(event.definition)
            draft.update("Unsaved edits shown · ctrl+s saves" if unsaved else "")
        else:
            draft.update("The edited definition has problems: see the Definition tab")
        draft.display = bool(unsaved or event.definition is None)

    def action_toggle_graph(self) -> None:
        """Show the graph (of the edits), or go back to the editor."""
        tabs = self.query_one(TabbedContent)
        graph = tabs.active == "sfn-machine-graph"
        tabs.active = "sfn-machine-definition" if graph else "sfn-machine-graph"
        if graph:
            self.query_one(DefinitionEditor).text_area.focus()

    def action_save(self) -> None:
        """Update the state machine with the edited definition (after the checks)."""
        editor = self.query_one(DefinitionEditor)
        if editor.check() is None:
            self.query_one(TabbedContent).active = "sfn-machine-definition"
            self.notify("Fix the definition first: nothing saved", severity="warning")
            return
        self.save(editor.text)

    @work(exclusive=True, group="sfn-machine-save")
    async def save(self, definition: str) -> None:
        """Send the definition; the cloud's own validation error is shown under the editor."""
        editor = self.query_one(DefinitionEditor)
        try:
            await self.try_call(
                "stepfunctions",
                "update_state_machine",
                stateMachineArn=self.arn,
                definition=definition,
            )
        except CloudCallError as exc:
            editor.show_problem(f"✗ cloud: {short_cloud_error(str(exc))}")
            self.query_one(TabbedContent).active = "sfn-machine-definition"
            return
        self.saved = definition
        editor.check()
        self.notify("Definition saved", title=self.machine.get("name", "Step Functions"))

    def action_start(self) -> None:
        """Ask for the input, start an execution, open it."""
        from courseware.tui.consoles.stepfunctions.sfn_start import StartExecutionScreen

        self.app.push_screen(StartExecutionScreen(self.arn), self._started)

    def _started(self, execution_arn: str | None) -> None:
        from courseware.tui.consoles.stepfunctions.sfn_execution import SfnExecutionScreen

        if execution_arn:
            self.app.push_screen(SfnExecutionScreen(execution_arn))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Open the chosen execution."""
        from courseware.tui.consoles.stepfunctions.sfn_execution import SfnExecutionScreen

        if event.row_key.value:
            self.app.push_screen(SfnExecutionScreen(event.row_key.value))

    @property
    def definition(self) -> dict[str, Any]:
        """The saved definition, parsed."""
        value = json.loads(self.saved or "{}")
        return value if isinstance(value, dict) else {}
