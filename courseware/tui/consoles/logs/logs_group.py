"""CloudWatch Logs console: one log group — its streams (latest first), search and live tail."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from courseware.tui.consoles.logs.live_tail import LiveTail
from courseware.tui.consoles.logs.logs_model import streams_latest_first, time_text
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class LogsGroupScreen(AreaScreen):
    """A log group's streams; Enter reads one; ``t`` live-tails the group."""

    AUTO_FOCUS = "#logs-streams"  # so "t" tails at once instead of typing into the filter
    BINDINGS = [
        Binding("escape", "leave", "Back", id="logs.group.back", tooltip="Back to the log groups"),
        Binding(
            "t",
            "tail",
            "Live tail",
            id="logs.group.tail",
            tooltip="Follow new events (again: stop)",
        ),
        Binding("r", "refresh", "Refresh", id="logs.group.refresh", tooltip="Reload the streams"),
        Binding("/", "filter", "Filter", id="logs.group.filter", tooltip="Type a filter pattern"),
    ]

    def __init__(self, group: str) -> None:
        """Open the log group ``group``."""
        super().__init__()
        self.group = group

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="logs-group-bar"):
            yield Input(
                placeholder='Filter pattern, e.g. ERROR or "Stored visit"', id="logs-pattern"
            )
            yield Button("Search", id="logs-search")
            yield Button("Live tail (t)", id="logs-tail", variant="success")
        yield Static("Loading streams…", id="logs-group-status", markup=False)
        yield DataTable(id="logs-streams", cursor_type="row", zebra_stripes=True)
        yield LiveTail(self.group, id="logs-events")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"Logs · {self.group}"
        table = self.query_one("#logs-streams", DataTable)
        table.add_column("Log stream", key="name")
        table.add_column("Last event (UTC)", key="last")
        self.watch(self.tail, "following", self._following, init=False)

    def cloud_ready(self) -> None:
        """Load the streams."""
        self.action_refresh()
        self.query_one("#logs-streams", DataTable).focus()

    @property
    def tail(self) -> LiveTail:
        """The events pane."""
        return self.query_one("#logs-events", LiveTail)

    def action_refresh(self) -> None:
        """Reload the streams."""
        self.load_streams()

    @work(exclusive=True, group="logs-streams")
    async def load_streams(self) -> None:
        """List the group's streams, latest event first."""
        status = self.query_one("#logs-group-status", Static)
        streams: list[dict[str, Any]] = []
        params: dict[str, Any] = {
            "logGroupName": self.group,
            "orderBy": "LastEventTime",
            "descending": True,
        }
        try:
            while True:
                page = await self.try_call("logs", "describe_log_streams", **params)
                streams += page.get("logStreams", [])
                if not page.get("nextToken") or not page.get("logStreams"):
                    break
                params["nextToken"] = page["nextToken"]
        except CloudCallError as exc:
            status.update(f"Cannot list streams: {exc}")
            return
        table = self.query_one("#logs-streams", DataTable)
        table.clear()
        for stream in streams_latest_first(streams):
            name = str(stream["logStreamName"])
            last = stream.get("lastEventTimestamp")
            table.add_row(name, time_text(last, with_millis=False) if last else "-", key=name)
        status.update(
            f"{len(streams)} stream(s), latest first · Enter reads one · t live tail · / filter"
            if streams
            else "No streams yet · t live tail waits for new events"
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a stream shows its events."""
        from courseware.tui.consoles.logs.logs_stream import LogsStreamScreen

        event.stop()
        if event.row_key.value is not None:
            self.app.push_screen(LogsStreamScreen(self.group, str(event.row_key.value)))

    @property
    def pattern(self) -> str:
        """The filter pattern typed by the learner."""
        return self.query_one("#logs-pattern", Input).value.strip()

    def action_tail(self) -> None:
        """Start or stop following the group."""
        if self.tail.following:
            self.tail.stop()
        else:
            self.tail.follow(self.pattern)

    def action_filter(self) -> None:
        """Focus the filter pattern."""
        self.query_one("#logs-pattern", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the pattern: restart the tail with it, or search."""
        event.stop()
        if self.tail.following:
            self.tail.follow(self.pattern)
        else:
            self.tail.search(self.pattern)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Search or toggle the tail."""
        event.stop()
        if event.button.id == "logs-search":
            self.tail.search(self.pattern)
        else:
            self.action_tail()

    def _following(self, following: bool) -> None:
        button = self.query_one("#logs-tail", Button)
        button.label = "Stop tail (t)" if following else "Live tail (t)"
        button.variant = "warning" if following else "success"

    def action_leave(self) -> None:
        """Stop tailing and go back to the groups."""
        self.tail.stop()
        self.dismiss()
