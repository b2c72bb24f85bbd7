"""Long log lines are readable in the Logs console: ``w`` wraps them to the view's width."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Log

from courseware.tui.consoles.logs.logs_group import LogsGroupScreen
from courseware.tui.consoles.logs.logs_stream import LogsStreamScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.pilot_helpers import select_row, until
from tests.tui.test_logs_console import make_group

MakeApp = Callable[..., CoursewareApp]

TAIL = "END-OF-THE-LONG-LINE"
LONG = "Traceback: " + " ".join(f"frame{i:03d}" for i in range(40)) + " " + TAIL


def on_screen(app: CoursewareApp, log: Log) -> str:
    """The text the log shows now, row by row (what fits in its view)."""
    width = log.scrollable_content_region.width
    rows = ("".join(seg.text for seg in log.render_line(y)) for y in range(log.size.height))
    return "\n".join(row[:width] for row in rows)


def test_w_wraps_a_long_stream_event_so_all_of_it_is_shown(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    group = "/aws/lambda/" + unique("fn")
    make_group(aws_client("logs"), group, "s1", ["short line", LONG])

    async def scenario() -> None:
        app = make_app(start_screen="logs")
        async with app.run_test(size=(80, 24)) as pilot:
            await select_row(pilot, app.screen.query_one("#logs-groups", DataTable), group)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, LogsGroupScreen))
            streams = app.screen.query_one("#logs-streams", DataTable)
            await until(pilot, lambda: streams.row_count == 1)
            streams.focus()
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, LogsStreamScreen))
            log = app.screen.query_one("#logs-stream-events", Log)
            await until(pilot, lambda: len(log.lines) == 2)
            await pilot.pause()
            assert TAIL not in on_screen(app, log)  # one row per line: cut at the edge
            await pilot.press("w")
            await until(pilot, lambda: TAIL in on_screen(app, log))
            width = log.scrollable_content_region.width
            assert all(len(line) <= width for line in log.lines)
            assert "".join(log.lines[1:]).endswith(LONG)
            await pilot.press("w")  # back to one row per line
            await until(pilot, lambda: len(log.lines) == 2)
            assert log.lines[1].endswith(LONG)

    asyncio.run(scenario())


def test_w_wraps_the_live_tail_and_rewraps_new_events(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    group = "/aws/lambda/" + unique("fn")
    make_group(aws_client("logs"), group, "s1", [LONG])

    async def scenario() -> None:
        app = make_app(start_screen="logs")
        async with app.run_test(size=(80, 24)) as pilot:
            await select_row(pilot, app.screen.query_one("#logs-groups", DataTable), group)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, LogsGroupScreen))
            tail = app.screen.query_one("#logs-events", Log)
            tail.focus()
            await pilot.press("/")
            await pilot.press("enter")  # empty filter: every event of the group
            await until(pilot, lambda: any(LONG[-30:] in line for line in tail.lines))
            tail.focus()
            await pilot.press("w")
            await until(pilot, lambda: TAIL in on_screen(app, tail))
            assert "".join(tail.lines).endswith(LONG)

    asyncio.run(scenario())
