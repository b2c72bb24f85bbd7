"""One execution: status, the graph with each state's status, event history, input and output."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from courseware.tui.consoles.stepfunctions.sfn_graph import SfnGraph
from courseware.tui.consoles.stepfunctions.sfn_history import failure, history_rows, statuses, when
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

REFRESH_SECONDS = 0.5
STATUS_STYLE = {
    "SUCCEEDED": "bold green",
    "FAILED": "bold red",
    "TIMED_OUT": "bold red",
    "ABORTED": "bold red",
    "RUNNING": "bold yellow",
}


def pretty(text: Any) -> str:
    """JSON text indented for reading (as is when it is not JSON)."""
    try:
        return json.dumps(json.loads(str(text)), indent=2)
    except (TypeError, ValueError):
        return str(text)


class SfnExecutionScreen(AreaScreen):
    """An execution's details page; refreshes itself while the execution runs."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="stepfunctions.execution-back", tooltip="Back"),
        Binding(
            "r", "refresh", "Refresh", id="stepfunctions.execution-refresh", tooltip="Reload now"
        ),
        Binding(
            "x",
            "stop",
            "Stop",
            id="stepfunctions.execution-stop",
            tooltip="Stop this execution (while it runs)",
        ),
    ]

    def __init__(self, arn: str) -> None:
        super().__init__()
        self.arn = arn
        self.status = ""
        self.execution: dict[str, Any] = {}
        self.events: list[dict[str, Any]] = []
        self.states: dict[str, str] = {}
        self.definition: dict[str, Any] | None = None
        self._timer: Timer | None = None
        self._busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="sfn-exec-status")
        with TabbedContent(id="sfn-exec-tabs"):
            with TabPane("Graph", id="sfn-exec-graph"):
                yield SfnGraph()
            with TabPane("Events", id="sfn-exec-events"):
                yield DataTable(id="sfn-exec-history", cursor_type="row", zebra_stripes=True)
            with TabPane("Input & output", id="sfn-exec-io"), VerticalScroll():
                yield Static("", id="sfn-exec-io-text", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Step Functions · execution " + self.arn.rpartition(":")[2]
        table = self.query_one(DataTable)
        for label, key in (("ID", "id"), ("Type", "type"), ("State", "state"), ("ms", "ms")):
            table.add_column(label, key=key)

    def cloud_ready(self) -> None:
        self.load()
        self._timer = self.set_interval(REFRESH_SECONDS, self._tick)

    def _tick(self) -> None:
        if self._busy:
            return
        if self.status == "RUNNING" or not self.status:
            self.load()
        elif self._timer is not None:
            self._timer.stop()
            self._timer = None

    def action_refresh(self) -> None:
        """Reload now."""
        self.load()

    @work(exclusive=True, group="sfn-execution")
    async def load(self) -> None:
        """Describe the execution, read its history, redraw."""
        self._busy = True
        try:
            await self._load()
        finally:
            self._busy = False

    async def _load(self) -> None:
        execution = await self.call("stepfunctions", "describe_execution", executionArn=self.arn)
        if execution is None:
            self.status = "UNKNOWN"
            return
        history = await self.call("stepfunctions", "get_execution_history", executionArn=self.arn)
        if self.definition is None:
            machine = await self.call(
                "stepfunctions", "describe_state_machine_for_execution", executionArn=self.arn
            )
            self.definition = json.loads((machine or {}).get("definition", "{}"))
        self.execution = execution
        self.status = str(execution.get("status", ""))
        self.events = list((history or {}).get("events", []))
        self.states = statuses(self.events, self.status)
        self._show()

    def _show(self) -> None:
        status = Text(no_wrap=True, overflow="ellipsis")
        status.append(self.status, STATUS_STYLE.get(self.status, "bold"))
        status.append(f" · {self.execution.get('name', '')} · started ")
        status.append(when(self.execution.get("startDate")))
        if self.execution.get("stopDate"):
            status.append(" · stopped " + when(self.execution.get("stopDate")))
        elif self.status == "RUNNING":
            status.append(" · refreshing…")
        self.query_one("#sfn-exec-status", Static).update(status)
        self.query_one(SfnGraph).show(self.definition, self.states)
        table = self.query_one(DataTable)
        if table.row_count != len(self.events):
            table.clear()
            for event_id, kind, state, elapsed in history_rows(self.events):
                table.add_row(str(event_id), kind, state, str(elapsed), key=str(event_id))
        parts = ["Input:", pretty(self.execution.get("input", ""))]
        if "output" in self.execution:
            parts += ["", "Output:", pretty(self.execution["output"])]
        problem = failure(self.events)
        if problem:
            parts += ["", "Error:", problem]
        self.query_one("#sfn-exec-io-text", Static).update("\n".join(parts))

    @work(exclusive=True, group="sfn-execution-stop")
    async def action_stop(self) -> None:
        """Stop the execution if it is still running."""
        if self.status != "RUNNING":
            self.notify("This execution is not running.", severity="warning")
            return
        if await self.call("stepfunctions", "stop_execution", executionArn=self.arn) is not None:
            self.load()
