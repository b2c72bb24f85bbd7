"""Live tail of a log group: poll FilterLogEvents about every second and append new events."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual import work
from textual.reactive import reactive

from courseware.tui.consoles.common.cloud_widget import CloudWidget
from courseware.tui.consoles.logs.logs_model import event_line
from courseware.tui.consoles.logs.wrap_log import WrapLog
from courseware.tui.shell.cloudcall import CloudCallError

POLL_SECONDS = 1.0
MAX_LINES = 2000


class LiveTail(WrapLog, CloudWidget):
    """Events of one log group as lines; ``follow()`` tails new ones, ``search()`` lists matches."""

    DEFAULT_CSS = """
    LiveTail { height: 1fr; border: round $border-blurred; }
    LiveTail:focus { border: round $border; }
    """

    following: reactive[bool] = reactive(False)

    def __init__(self, group: str, *, id: str | None = None) -> None:
        """Create the view of log group ``group``."""
        super().__init__(id=id, max_lines=MAX_LINES, highlight=False)
        self.group = group
        self.pattern = ""
        self.seen: set[str] = set()
        self.error: str | None = None

    def on_mount(self) -> None:
        """Say how to use it."""
        self.border_title = "Events"

    def _params(self, start: int | None) -> dict[str, Any]:
        params: dict[str, Any] = {"logGroupName": self.group}
        if start is not None:
            params["startTime"] = start
        if self.pattern:
            params["filterPattern"] = self.pattern
        return params

    async def _fetch(self, start: int | None) -> list[dict[str, Any]]:
        """Every matching event since ``start`` (all pages), oldest first."""
        events: list[dict[str, Any]] = []
        params = self._params(start)
        while True:
            page = await self.try_call("logs", "filter_log_events", **params)
            events += page.get("events", [])
            token = page.get("nextToken")
            if not token or not page.get("events"):
                break
            params["nextToken"] = token
        return sorted(events, key=lambda e: (e.get("timestamp", 0), e.get("eventId", "")))

    def _append(self, events: list[dict[str, Any]]) -> int:
        added = 0
        for event in events:
            event_id = str(event.get("eventId", ""))
            if event_id in self.seen:
                continue
            self.seen.add(event_id)
            self.write_line(event_line(event, with_stream=True))
            added += 1
        return added

    @work(exclusive=True, group="logs-tail")
    async def search(self, pattern: str) -> None:
        """Show every event of the group that matches ``pattern`` (empty: all)."""
        self.following = False
        self.pattern = pattern
        self.clear()
        self.seen.clear()
        self.border_title = f"Search: {pattern}" if pattern else "All events"
        try:
            events = await self._fetch(None)
        except CloudCallError as exc:
            self.write_line(f"Search failed: {exc}")
            return
        if not self._append(events):
            self.write_line("No matching events.")

    @work(exclusive=True, group="logs-tail")
    async def follow(self, pattern: str) -> None:
        """Tail the group: new events (matching ``pattern``) are appended as they arrive."""
        self.pattern = pattern
        self.following = True
        self.clear()
        self.seen.clear()
        self.border_title = "Live tail" + (f" · {pattern}" if pattern else "") + " · t stops"
        start = int(time.time() * 1000)
        self.write_line(f"Live tail of {self.group} started; waiting for new events…")
        try:
            while True:
                try:
                    events = await self._fetch(start)
                    self.error = None
                except CloudCallError as exc:
                    if self.error != str(exc):
                        self.error = str(exc)
                        self.write_line(f"(tail: {exc}; retrying)")
                    events = []
                self._append(events)
                if events:  # keep the window small; `seen` drops the repeats at the edge
                    start = max(start, max(int(e.get("timestamp", 0)) for e in events))
                await asyncio.sleep(POLL_SECONDS)
        finally:
            self.following = False

    def stop(self) -> None:
        """Stop tailing (the lines stay)."""
        if self.following:
            self.workers.cancel_group(self, "logs-tail")
            self.following = False
            self.border_title = "Live tail stopped · t resumes"
