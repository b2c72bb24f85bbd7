"""Help (F1): areas and keys, the keys of the screen below, the palette, the AWS CLI."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.containers import VerticalScroll

from courseware.tui.consoles import CONSOLES
from courseware.tui.reader.reader import ReaderScreen
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.help import HelpScreen
from courseware.tui.shell.navigation import AREAS
from tests.tui.navtools import screen_text, until


def test_help_lists_areas_screen_keys_and_the_cli(make_app: Callable[..., CoursewareApp]) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="reader")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            reader = app.screen
            assert isinstance(reader, ReaderScreen)
            # the help names the cloud's address: open it once the cloud is up
            await until(pilot, lambda: app.endpoint is not None, "the cloud", 60)
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            assert help_screen.below() is reader
            await pilot.pause()
            seen = screen_text(pilot)
            scroll = help_screen.query_one("#help-scroll", VerticalScroll)
            # more than a screenful: wait until laid out, or the loop below reads one page only
            await until(pilot, lambda: scroll.max_scroll_y > 0, "the help laid out")
            while scroll.scroll_y < scroll.max_scroll_y:  # read it all, page by page
                await pilot.press("pagedown")
                await pilot.pause()
                seen += "\n" + screen_text(pilot)
            for area in AREAS:
                assert f"{area.key.upper()} or {area.alt}" in seen and area.title in seen, area
                assert area.tooltip in seen, area
            for console in CONSOLES:
                assert console.title in seen and console.tooltip in seen, console
            assert "F5, Ctrl+O or 5" in seen and "Services" in seen
            assert "GNOME Terminal" in seen, "help says which keys replace the grabbed F-keys"
            assert "On this screen: Chapter" in seen
            rows = [line.split() for line in seen.splitlines()]
            for keys, what in ((["/"], "Search"), (["n", "]"], "Next"), (["p", "["], "Previous")):
                assert [*keys, what] in [row[: len(keys) + 1] for row in rows], what
            assert "Ctrl+P" in seen
            assert "courseware aws sqs list-queues" in seen
            assert 'eval "$(courseware env)"' in seen
            assert app.endpoint is not None and app.endpoint.url in seen
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is reader)

    asyncio.run(scenario())
