"""X-Ray console: the traces of a time range (duration, response time, status, entry point)."""

from __future__ import annotations

import time
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.xray.xray_model import newest_first, next_range, range_label, trace_row
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class XRayScreen(AreaScreen):
    """The traces of the chosen time range, newest first; Enter opens one's waterfall."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="xray.back", tooltip="Leave X-Ray"),
        Binding("r", "refresh", "Refresh", id="xray.refresh", tooltip="Reload the traces"),
        Binding("t", "time_range", "Time range", id="xray.range", tooltip="Next time range"),
        Binding("enter", "open", "Open", id="xray.open", tooltip="The trace's segment timeline"),
        Binding(
            "m", "service_map", "Service map", id="xray.map", tooltip="Services and their calls"
        ),
    ]

    def __init__(self) -> None:
        """The traces of the last 15 minutes."""
        super().__init__()
        self.minutes = 15

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading traces…", id="xray-status")
        yield DataTable(id="xray-traces", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "X-Ray"
        table = self.query_one("#xray-traces", DataTable)
        for label, key in (
            ("Started (UTC)", "started"),
            ("Trace id", "id"),
            ("Duration", "duration"),
            ("Response", "response"),
            ("Status", "status"),
            ("URL / function", "entry"),
        ):
            table.add_column(label, key=key)

    def cloud_ready(self) -> None:
        """Load the traces."""
        self.action_refresh()

    def on_screen_resume(self) -> None:
        """New traces appear as traced functions run; reload when coming back."""
        if self.cw.clients is not None:
            self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the traces of the time range."""
        self.load_traces()

    def action_time_range(self) -> None:
        """Widen the time range (5 min → 15 min → 1 h → 6 h → 5 min) and reload."""
        self.minutes = next_range(self.minutes)
        self.load_traces()

    @work(exclusive=True, group="xray-traces")
    async def load_traces(self) -> None:
        """GetTraceSummaries over the time range (all pages)."""
        status = self.query_one("#xray-status", Static)
        now = time.time()
        params: dict[str, Any] = {"StartTime": now - self.minutes * 60, "EndTime": now + 60}
        summaries: list[dict[str, Any]] = []
        try:
            while True:
                page = await self.try_call("xray", "get_trace_summaries", **params)
                summaries += page.get("TraceSummaries", [])
                if not page.get("NextToken"):
                    break
                params["NextToken"] = page["NextToken"]
        except CloudCallError as exc:
            status.update(f"Cannot read the traces: {exc}")
            return
        table = self.query_one("#xray-traces", DataTable)
        table.clear()
        for summary in newest_first(summaries):
            table.add_row(*trace_row(summary), key=str(summary["Id"]))
        where = range_label(self.minutes)
        status.update(
            f"{where}: {len(summaries)} trace(s) · Enter opens · m service map · t time range"
            if summaries
            else f"{where}: no traces. Turn on active tracing (Lambda → Configuration) and invoke."
        )

    def selected_trace(self) -> str | None:
        """The trace id under the cursor."""
        return key_under_cursor(self.query_one("#xray-traces", DataTable))

    def action_open(self) -> None:
        """Open the trace under the cursor."""
        trace_id = self.selected_trace()
        if trace_id is not None:
            self.show_trace(trace_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a trace opens it."""
        event.stop()
        if event.row_key.value is not None:
            self.show_trace(str(event.row_key.value))

    def show_trace(self, trace_id: str) -> None:
        """Open the waterfall of ``trace_id``."""
        from courseware.tui.consoles.xray.xray_trace import XRayTraceScreen

        self.app.push_screen(XRayTraceScreen(trace_id))

    def action_service_map(self) -> None:
        """Open the service map of the time range."""
        from courseware.tui.consoles.xray.xray_map import XRayMapScreen

        self.app.push_screen(XRayMapScreen(self.minutes))
