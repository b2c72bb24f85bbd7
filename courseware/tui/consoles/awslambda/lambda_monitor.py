"""The function page's Monitor tab: the newest log events of ``/aws/lambda/<function>``."""

from __future__ import annotations

import time
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.shell.cloudcall import CloudCallError

MAX_EVENTS = 60


def log_group(function_name: str) -> str:
    """The function's log group."""
    return f"/aws/lambda/{function_name}"


def format_event(event: dict[str, Any]) -> str:
    """One log event as ``HH:MM:SS message`` (UTC)."""
    stamp = time.strftime("%H:%M:%S", time.gmtime(int(event.get("timestamp", 0)) / 1000))
    return f"{stamp} {str(event.get('message', '')).rstrip()}"


class MonitorPane(CloudPane):
    """Recent log events of the newest stream, and a way to the Logs area."""

    def __init__(self, function_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.function_name = function_name

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-row"):
            yield Button("Refresh", id="monitor-refresh")
            yield Button("View CloudWatch logs", id="monitor-logs")
        yield Static(Content(f"Log group {log_group(self.function_name)}"), classes="pane-note")
        yield Static("", id="monitor-stream", classes="pane-note")
        yield Static("Not loaded yet.", id="monitor-events")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "monitor-refresh":
            self.refresh_events()
        elif event.button.id == "monitor-logs":
            start(self, self.open_logs, "monitor-open")

    def refresh_events(self) -> None:
        """Load the newest events (in a worker)."""
        start(self, self.load, "monitor-load")

    async def load(self) -> None:
        """Read the newest stream's last events."""
        events = self.query_one("#monitor-events", Static)
        group = log_group(self.function_name)
        try:
            streams = await self.try_call(
                "logs",
                "describe_log_streams",
                logGroupName=group,
                orderBy="LastEventTime",
                descending=True,
                limit=1,
            )
        except CloudCallError as exc:
            if "ResourceNotFound" in str(exc):
                events.update("No logs yet: the log group appears after the first invocation.")
            else:
                events.update(Content(f"Cannot read the logs: {exc}"))
            return
        found = streams.get("logStreams", [])
        if not found:
            events.update("No log streams yet: invoke the function (Test tab).")
            return
        stream = str(found[0]["logStreamName"])
        self.query_one("#monitor-stream", Static).update(Content(f"Newest stream {stream}"))
        try:
            page = await self.try_call(
                "logs",
                "get_log_events",
                logGroupName=group,
                logStreamName=stream,
                startFromHead=False,
                limit=MAX_EVENTS,
            )
        except CloudCallError as exc:
            events.update(Content(f"Cannot read the logs: {exc}"))
            return
        lines = [format_event(e) for e in page.get("events", [])]
        events.update(Content("\n".join(lines)) if lines else "The stream is empty.")

    async def open_logs(self) -> None:
        """Open the CloudWatch Logs area (on this function's group when it can)."""
        await self.cw.action_go("logs")
        base: Any = self.app.screen_stack[0]
        show_group = getattr(base, "show_group", None)
        if callable(show_group):
            show_group(log_group(self.function_name))
