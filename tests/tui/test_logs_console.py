"""CloudWatch Logs console against the real embedded cloud: groups, streams, events, live tail."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, Log

from courseware.tui.consoles.logs.live_tail import LiveTail
from courseware.tui.consoles.logs.logs_console import LogsScreen
from courseware.tui.consoles.logs.logs_group import LogsGroupScreen
from courseware.tui.consoles.logs.logs_stream import LogsStreamScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.pilot_helpers import row_keys, select_row, until

MakeApp = Callable[..., CoursewareApp]


def now_ms() -> int:
    """The time now in epoch milliseconds."""
    return int(time.time() * 1000)


def make_group(logs: Any, group: str, stream: str, messages: list[str]) -> None:
    """A log group with one stream holding ``messages``."""
    logs.create_log_group(logGroupName=group)
    logs.create_log_stream(logGroupName=group, logStreamName=stream)
    start = now_ms()
    if messages:
        logs.put_log_events(
            logGroupName=group,
            logStreamName=stream,
            logEvents=[{"timestamp": start + i, "message": m} for i, m in enumerate(messages)],
        )


def test_group_streams_and_events_put_from_outside(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    logs = aws_client("logs")
    group = "/aws/lambda/" + unique("fn")
    logs_lines = ["START RequestId: r1", "Stored visit v1 for product P-1042", "END RequestId: r1"]
    make_group(logs, group, "2025/01/01/[$LATEST]old", [])
    make_group_stream = "2025/01/02/[$LATEST]new"
    logs.create_log_stream(logGroupName=group, logStreamName=make_group_stream)
    logs.put_log_events(
        logGroupName=group,
        logStreamName=make_group_stream,
        logEvents=[{"timestamp": now_ms() + i, "message": m} for i, m in enumerate(logs_lines)],
    )
    logs.put_retention_policy(logGroupName=group, retentionInDays=7)

    async def scenario() -> None:
        app = make_app(start_screen="logs")
        async with app.run_test(size=(80, 24)) as pilot:
            listing = app.screen
            assert isinstance(listing, LogsScreen)
            table = listing.query_one("#logs-groups", DataTable)
            await select_row(pilot, table, group)
            assert table.get_row(group)[1] == "7 days"
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, LogsGroupScreen))
            streams = app.screen.query_one("#logs-streams", DataTable)
            await until(pilot, lambda: streams.row_count == 2)
            assert row_keys(streams)[0] == make_group_stream  # latest event first
            streams.focus()
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, LogsStreamScreen))
            log = app.screen.query_one("#logs-stream-events", Log)
            await until(pilot, lambda: len(log.lines) == 3)
            assert log.lines[1].endswith("Stored visit v1 for product P-1042")
            assert log.lines[0][:4].isdigit()  # timestamp first

    asyncio.run(scenario())


def test_live_tail_shows_an_event_put_after_it_started(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    logs = aws_client("logs")
    group = "/aws/lambda/" + unique("tail")
    stream = "2025/01/01/[$LATEST]s"
    make_group(logs, group, stream, ["before the tail"])

    async def scenario() -> None:
        app = make_app(start_screen="logs")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            listing = app.screen
            assert isinstance(listing, LogsScreen)
            listing.show_group(group)  # as the Lambda console's Monitor tab does
            await until(
                pilot,
                lambda: (
                    isinstance(app.screen, LogsGroupScreen) and bool(app.screen.query(LiveTail))
                ),
            )
            screen = app.screen
            tail = screen.query_one(LiveTail)
            screen.query_one("#logs-streams", DataTable).focus()  # "t" typed in the filter is text
            await until(pilot, lambda: screen.query_one("#logs-streams", DataTable).has_focus)
            await pilot.press("t")
            await until(pilot, lambda: tail.following, "the live tail")
            await asyncio.sleep(0.2)
            for message in ("after: ERROR boom", "after: fine"):
                await asyncio.to_thread(
                    logs.put_log_events,
                    logGroupName=group,
                    logStreamName=stream,
                    logEvents=[{"timestamp": now_ms(), "message": message}],
                )
            await until(pilot, lambda: sum("after:" in line for line in tail.lines) == 2)
            assert not any("before the tail" in line for line in tail.lines)
            # A filter pattern restarts the tail with only matching events.
            screen.query_one("#logs-pattern", Input).value = "ERROR"
            screen.query_one("#logs-pattern", Input).focus()
            await pilot.press("enter")
            await until(pilot, lambda: tail.following and not tail.lines[1:])
            await asyncio.to_thread(
                logs.put_log_events,
                logGroupName=group,
                logStreamName=stream,
                logEvents=[
                    {"timestamp": now_ms(), "message": "ERROR again"},
                    {"timestamp": now_ms() + 1, "message": "quiet line"},
                ],
            )
            await until(pilot, lambda: any("ERROR again" in line for line in tail.lines))
            await asyncio.sleep(1.5)  # another poll: the non-matching line never shows
            assert not any("quiet line" in line for line in tail.lines)
            screen.query_one("#logs-streams", DataTable).focus()
            await pilot.press("t")
            await until(pilot, lambda: not tail.following)

    asyncio.run(scenario())


def test_search_lists_matching_events_of_the_group(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    logs = aws_client("logs")
    group = "/aws/lambda/" + unique("search")
    make_group(logs, group, "s1", ["Stored visit a for product P-1", "noise", "Stored visit b"])

    async def scenario() -> None:
        app = make_app(start_screen="logs")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            listing = app.screen
            assert isinstance(listing, LogsScreen)
            listing.show_group(group)
            await until(
                pilot,
                lambda: (
                    isinstance(app.screen, LogsGroupScreen) and bool(app.screen.query(LiveTail))
                ),
            )
            screen = app.screen
            tail = screen.query_one(LiveTail)
            await pilot.press("/")
            await pilot.press(*"Stored", "enter")
            await until(pilot, lambda: len(tail.lines) == 2)
            assert all("Stored visit" in line for line in tail.lines)

    asyncio.run(scenario())
