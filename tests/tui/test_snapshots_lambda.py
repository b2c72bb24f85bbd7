"""Snapshots of the Lambda and IAM consoles at 80×24 (fixed names; run-to-run values masked)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from courseware.tui.consoles.awslambda import lambda_console
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.awslambda.lambda_result import InvokeResultView
from courseware.tui.consoles.awslambda.lambda_test import TestPane as EventPane
from courseware.tui.shell.app import CoursewareApp
from tests.tui.lambda_helpers import ensure_role, make_function, text_of, until
from tests.tui.pilot_helpers import laid_out

SUBTITLE = "cloud ready at 127.0.0.1:4566"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_FIGURE = re.compile(r"(Duration|Billed Duration|Max Memory Used|Init Duration): [\d.]+ (ms|MB)")


def fixed(text: str) -> str | None:
    """Mask request ids and durations; drop machine-specific runtime notes."""
    if text.startswith("courseware:"):
        return None
    text = _UUID.sub("00000000-0000-0000-0000-000000000000", text)
    text = re.sub(r"Runtime Version ARN: \S+", "Runtime Version ARN: (arn)", text)
    return _FIGURE.sub(lambda m: f"{m[1]}: 1.00 {m[2]}", text)


def ensure_function(aws_client: Callable[[str], Any], name: str, source: str) -> None:
    """Create a fixed-name function once per cloud."""
    lambda_ = aws_client("lambda")
    try:
        lambda_.get_function(FunctionName=name)
    except lambda_.exceptions.ResourceNotFoundException:
        make_function(aws_client, name, source, role="snap-role")


@pytest.fixture
def _masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lambda_console, "format_modified", lambda _value: "2026-01-01 12:00")
    monkeypatch.setattr(InvokeResultView, "scrub", staticmethod(fixed))


@pytest.mark.usefixtures("_masked")
def test_function_list(
    snap_compare: Any, make_app: Callable[..., CoursewareApp], aws_client: Any
) -> None:
    ensure_role(aws_client, "snap-role")
    ensure_function(aws_client, "snap-list-alpha", "def lambda_handler(e, c):\n    return 1\n")
    ensure_function(aws_client, "snap-list-beta", "def lambda_handler(e, c):\n    return 2\n")

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.sub_title = SUBTITLE
        screen = pilot.app.screen
        screen.query_one("#lambda-filter", Input).value = "snap-list-"
        table = screen.query_one("#lambda-functions", DataTable)
        await until(pilot, lambda: table.row_count == 2, "the two functions")
        table.focus()
        widths = (len("snap-list-alpha"), len("python3.12"), 6, 5, len("2026-01-01 12:00"))
        await until(
            pilot,
            lambda: all(
                c.content_width >= w for c, w in zip(table.ordered_columns, widths, strict=True)
            ),
            "the columns sized to their cells",
        )
        await laid_out(pilot, table)
        await pilot.pause()

    app = make_app(start_screen="lambda")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.usefixtures("_masked")
def test_test_tab_after_invoke(
    snap_compare: Any, make_app: Callable[..., CoursewareApp], aws_client: Any
) -> None:
    ensure_role(aws_client, "snap-role")
    ensure_function(
        aws_client,
        "snap-hello",
        "def lambda_handler(event, context):\n"
        "    print('Hello, ' + event['name'] + '!')\n"
        "    return {'greeting': 'Hello, ' + event['name'] + '!'}\n",
    )

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.sub_title = SUBTITLE
        pilot.app.push_screen(FunctionScreen("snap-hello"))
        page = await until(
            pilot,
            lambda: isinstance(pilot.app.screen, FunctionScreen) and pilot.app.screen,
            "the page",
        )
        page.query_one("#fn-tabs").active = "tab-test"
        await pilot.pause()
        page.query_one("#test-event", TextArea).load_text('{"name": "Ada"}')
        await pilot.press("ctrl+t")
        status = page.query_one("#result-status")
        await until(pilot, lambda: text_of(status).startswith("Succeeded"), "the result")
        pane, view = page.query_one(EventPane), page.query_one(InvokeResultView)

        def at_top() -> bool:
            view.scroll_visible(top=True, animate=False)
            return view.region.y == pane.region.y

        await until(pilot, at_top, "the result scrolled into view")
        await pilot.pause()

    app = make_app(start_screen="lambda")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
