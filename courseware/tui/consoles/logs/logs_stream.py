"""CloudWatch Logs console: the events of one log stream (timestamp and message)."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Log, Static

from courseware.tui.consoles.logs.logs_model import event_line
from courseware.tui.consoles.logs.wrap_log import WrapLog
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class LogsStreamScreen(AreaScreen):
    """Every event of one stream, oldest first (as get-log-events --start-from-head)."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="logs.stream.back", tooltip="Back to the streams"),
        Binding("r", "refresh", "Refresh", id="logs.stream.refresh", tooltip="Reload the events"),
    ]

    def __init__(self, group: str, stream: str) -> None:
        """Open stream ``stream`` of log group ``group``."""
        super().__init__()
        self.group = group
        self.stream = stream

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{self.group} › {self.stream}", id="logs-stream-name", markup=False)
        yield WrapLog(id="logs-stream-events", highlight=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Logs · stream"

    def cloud_ready(self) -> None:
        """Load the events."""
        self.action_refresh()
        self.query_one("#logs-stream-events", Log).focus()

    def action_refresh(self) -> None:
        """Reload the events."""
        self.load_events()

    @work(exclusive=True, group="logs-events")
    async def load_events(self) -> None:
        """Every event of the stream (following forward tokens until they repeat)."""
        log = self.query_one("#logs-stream-events", Log)
        events: list[dict[str, Any]] = []
        params: dict[str, Any] = {
            "logGroupName": self.group,
            "logStreamName": self.stream,
            "startFromHead": True,
        }
        try:
            while True:
                page = await self.try_call("logs", "get_log_events", **params)
                events += page.get("events", [])
                token = page.get("nextForwardToken")
                if not page.get("events") or not token or token == params.get("nextToken"):
                    break
                params["nextToken"] = token
        except CloudCallError as exc:
            log.clear()
            log.write_line(f"Cannot read the stream: {exc}")
            return
        log.clear()
        for event in events:
            log.write_line(event_line(event))
        if not events:
            log.write_line("This stream has no events.")
