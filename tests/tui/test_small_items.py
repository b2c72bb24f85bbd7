"""Small things a learner met: plain search snippets, whole step titles, toasts clear of the
input, and a footer that shows only the keys of the part in view."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

from textual.widgets import TabbedContent
from textual.widgets._toast import Toast

from courseware.course.loader import load_course
from courseware.tui.lab.lab_side import LabSide
from courseware.tui.lab.lab_steps import LabStepList
from courseware.tui.reader.chapter_search import search
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.cli_pane import CliScreen
from tests.tui.pilot_helpers import until
from tests.tui.test_sqs_console import open_queue


def test_search_snippets_are_plain_text() -> None:
    course = load_course()
    snippets = [
        h.snippet for q in ("lambda", "queue", "key facts", "objectives") for h in search(course, q)
    ]
    assert snippets
    for text in snippets:
        assert "**" not in text and "](" not in text and "```" not in text, text
        assert not re.match(r"…?\s*[-*] ", text), text  # no list markers
        assert " - describe" not in text and " - explain" not in text, text


def test_long_step_titles_show_whole_at_a_wide_terminal(
    make_app: Callable[..., CoursewareApp],
) -> None:
    lab = load_course().lab("event-driven")
    assert lab is not None
    longest = max((s.title for s in lab.steps), key=len)
    assert len(longest) > 40

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            await app.open_lab("event-driven")
            steps = await until(pilot, lambda: app.screen.query_one(LabStepList))
            await pilot.pause()
            assert app.screen.query_one(LabSide).size.width > 32
            lines = [strip.text for strip in steps.render_lines(steps.region.reset_offset)]
            shown = " ".join(re.sub("[\u2500-\u257f]", " ", " ".join(lines)).split())
            assert " ".join(longest.split()) in shown, shown
            await until(pilot, lambda: "passed" in str(app.screen.query_one("#lab-state").render()))
            await pilot.pause(0.5)  # let the runner's first check settle before closing

    asyncio.run(scenario())


def test_a_toast_does_not_cover_the_input(make_app: Callable[..., CoursewareApp]) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CliScreen)
            box = app.screen.query_one("#cli-input")
            app.notify("A message for the learner that is fairly long " * 2, timeout=30)
            toast = await until(
                pilot, lambda: app.screen.query(Toast) and app.screen.query(Toast).first()
            )
            await pilot.pause()
            assert not toast.region.overlaps(box.region), (toast.region, box.region)
            assert toast.region.y >= 1  # under the header

    asyncio.run(scenario())


def _footer_keys(app: CoursewareApp) -> set[str]:
    return {
        b.description
        for (_, b, enabled, _) in app.screen.active_bindings.values()
        if b.show and app.screen.check_action(b.action, ()) is not False
    }


def test_sqs_triggers_tab_footer_has_no_message_keys(
    make_app: Callable[..., CoursewareApp], aws_client: Any, unique: Callable[[str], str]
) -> None:
    name = unique("footer")
    aws_client("sqs").create_queue(QueueName=name)

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = await open_queue(app, pilot, name)
            tabs = screen.query_one("#sqs-queue-tabs", TabbedContent)
            tabs.active = "sqs-tab-send"
            await pilot.pause()
            assert {"Send", "Purge"} <= _footer_keys(app)
            tabs.active = "sqs-tab-triggers"
            await until(pilot, lambda: not {"Send", "Poll/stop", "Purge"} & _footer_keys(app))
            await pilot.press("ctrl+s")  # and the key does nothing there
            await pilot.pause()
            assert tabs.active == "sqs-tab-triggers"

    asyncio.run(scenario())
