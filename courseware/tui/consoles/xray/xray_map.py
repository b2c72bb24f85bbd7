"""X-Ray console: the service map of a time range as a text graph."""

from __future__ import annotations

import time
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Log, Static

from courseware.tui.consoles.xray.xray_model import range_label, service_map
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class XRayMapScreen(AreaScreen):
    """Each service with its average latency, requests, errors and faults, and whom it calls."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="xray.map.back", tooltip="Back to the traces"),
        Binding("r", "refresh", "Refresh", id="xray.map.refresh", tooltip="Reload the map"),
    ]

    def __init__(self, minutes: int) -> None:
        """The map of the last ``minutes`` minutes."""
        super().__init__()
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Service map · {range_label(self.minutes)}", id="xray-map-info")
        yield Log(id="xray-map", highlight=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "X-Ray · service map"

    def cloud_ready(self) -> None:
        """Load the map."""
        self.action_refresh()
        self.query_one("#xray-map", Log).focus()

    def action_refresh(self) -> None:
        """Reload the map."""
        self.load_map()

    @work(exclusive=True, group="xray-map")
    async def load_map(self) -> None:
        """GetServiceGraph over the time range, drawn as a tree."""
        log = self.query_one("#xray-map", Log)
        now = time.time()
        params: dict[str, Any] = {"StartTime": now - self.minutes * 60, "EndTime": now + 60}
        try:
            answer = await self.try_call("xray", "get_service_graph", **params)
        except CloudCallError as exc:
            log.clear()
            log.write_line(f"Cannot read the service map: {exc}")
            return
        lines = service_map(answer.get("Services", []))
        log.clear()
        for line in lines or ["No traced requests in this time range."]:
            log.write_line(line)
