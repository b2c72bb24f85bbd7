"""X-Ray console: one trace's segment timeline as a text waterfall, the slowest call marked."""

from __future__ import annotations

import json
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from courseware.tui.consoles.xray.xray_model import SLOWEST, ms_text, waterfall
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

TIMELINE_WIDTH = 32


class XRayTraceScreen(AreaScreen):
    """Every segment and subsegment of one trace: offset, duration, status and a bar."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="xray.trace.back", tooltip="Back to the traces"),
        Binding("r", "refresh", "Refresh", id="xray.trace.refresh", tooltip="Reload the trace"),
    ]

    def __init__(self, trace_id: str) -> None:
        """Open the trace ``trace_id``."""
        super().__init__()
        self.trace_id = trace_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Trace {self.trace_id}", id="xray-trace-info", markup=False)
        yield DataTable(id="xray-waterfall", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "X-Ray · trace"
        table = self.query_one("#xray-waterfall", DataTable)
        for label, key in (
            ("Segment", "name"),
            ("Start", "start"),
            ("Duration", "duration"),
            ("Status", "status"),
            ("Timeline", "bar"),
            ("", "mark"),
        ):
            table.add_column(label, key=key)

    def cloud_ready(self) -> None:
        """Load the trace."""
        self.action_refresh()
        self.query_one("#xray-waterfall", DataTable).focus()

    def action_refresh(self) -> None:
        """Reload the trace (segments the SDK sends arrive a moment after the invocation)."""
        self.load_trace()

    @work(exclusive=True, group="xray-trace")
    async def load_trace(self) -> None:
        """BatchGetTraces for the one trace, laid out as a waterfall."""
        info = self.query_one("#xray-trace-info", Static)
        try:
            answer = await self.try_call("xray", "batch_get_traces", TraceIds=[self.trace_id])
        except CloudCallError as exc:
            info.update(f"Cannot read trace {self.trace_id}: {exc}")
            return
        traces: list[dict[str, Any]] = answer.get("Traces", [])
        documents = [json.loads(s["Document"]) for t in traces for s in t.get("Segments", [])]
        rows = waterfall(documents, TIMELINE_WIDTH)
        table = self.query_one("#xray-waterfall", DataTable)
        table.clear()
        for row in rows:
            table.add_row(
                row.label,
                f"+{ms_text(row.offset_s)}",
                ms_text(row.duration_s),
                row.status,
                row.bar,
                SLOWEST if row.slowest else "",
                key=row.id,
            )
        duration = traces[0].get("Duration") if traces else None
        slowest = next((r for r in rows if r.slowest), None)
        where = (
            f" · slowest: {slowest.label.strip()} ({ms_text(slowest.duration_s)})"
            if slowest
            else ""
        )
        info.update(
            f"Trace {self.trace_id} · {ms_text(duration)} · {len(rows)} segment(s){where}"
            if rows
            else f"Trace {self.trace_id}: no segments (it may have aged out)."
        )
