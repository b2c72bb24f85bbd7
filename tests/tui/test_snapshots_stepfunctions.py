"""Snapshots of the Step Functions console: the Hello World graph, and statuses in colour.

The execution page itself is not snapshotted: it shows the execution's start and stop
times (and the machine page its creation date), which change on every run.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from courseware.tui.consoles.stepfunctions.sfn_console import StepFunctionsScreen
from courseware.tui.consoles.stepfunctions.sfn_create import SfnCreateScreen
from courseware.tui.consoles.stepfunctions.sfn_graph import SfnGraph
from courseware.tui.shell.app import CoursewareApp

LAB = Path(__file__).resolve().parents[2] / "labs" / "state-machine"


async def _until(pilot: Pilot[Any], check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        await pilot.pause()
        await asyncio.sleep(0.05)


def test_hello_world_graph_in_the_create_form(
    snap_compare: Any, make_app: Callable[..., CoursewareApp]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        app.sub_title = "cloud ready at 127.0.0.1:4566"
        await _until(pilot, lambda: isinstance(app.screen, StepFunctionsScreen))
        await pilot.press("c")
        await _until(pilot, lambda: isinstance(app.screen, SfnCreateScreen))
        await pilot.press("ctrl+g")
        graph = app.screen.query_one(SfnGraph)
        await _until(pilot, lambda: "Hello World example?" in graph.text)
        graph.focus()
        await pilot.pause()

    assert snap_compare(make_app(start_screen="stepfunctions"), run_before=run_before)


class GraphApp(App[None]):
    """Just the graph widget, with statuses as an execution would give them."""

    def compose(self) -> ComposeResult:
        yield SfnGraph()

    def on_mount(self) -> None:
        definition = json.loads((LAB / "solution" / "hello-world-with-task.asl.json").read_text())
        statuses = {
            name: "succeeded"
            for name in ("Pass", "Hello World example?", "Yes", "Wait 3 sec", "Hello", "World")
        }
        statuses.update({"Parallel State": "succeeded", "Call Lambda": "failed"})
        self.query_one(SfnGraph).show(definition, statuses)


def test_graph_colours_each_state_by_status(snap_compare: Any) -> None:
    assert snap_compare(GraphApp(), terminal_size=(80, 46))
