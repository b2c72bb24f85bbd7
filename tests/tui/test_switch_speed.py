"""Area switches do no needless work: no stylesheet reparse, no restyle, screens prepared ahead.

``bench/switch.py`` measures the time; these prove the mechanisms (issue 21 item 4), and fail
loudly if Textual renames what ``shell/screen_speed.py`` and ``shell/prepare.py`` rely on.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets.markdown import MarkdownBlock

from courseware.tui.consoles import CONSOLES
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.navigation import AREAS
from tests.tui.pilot_helpers import until


def test_textual_still_has_the_attributes_we_rely_on() -> None:
    assert Screen()._css_update_count == -1
    app = App[None]()
    assert app._css_update_count == 0
    assert isinstance(app._screen_stacks, dict) and isinstance(app._modes, dict)
    assert callable(app._init_mode)
    assert callable(Screen._refresh_layout)  # prepare.py arranges screens before their visit


def _count_calls(target: Any, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(target, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    setattr(target, name, counted)
    return calls


def test_switching_reparses_and_restyles_nothing(make_app: Callable[..., CoursewareApp]) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            reparses = _count_calls(app, "refresh_css")
            await app.run_action("go('reader')")  # a first visit: the screen is built now
            await until(pilot, lambda: app.current_mode == "reader", "the reader")
            reader = app.screen
            restyles = _count_calls(reader, "update_node_styles")
            for place in ("home", "reader", "quiz", "reader"):
                await app.run_action(f"go('{place}')")
                await pilot.pause()
            assert app.screen is reader  # kept alive
            assert reparses == [] and restyles == []
            # a new theme while the reader is in the background: it is restyled on return
            await app.run_action("go('home')")
            await pilot.pause()
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            await pilot.pause()
            await app.run_action("go('reader')")
            await pilot.pause()
            assert reparses, "the stale screen got the new stylesheet"
            assert reader._css_update_count == app._css_update_count

    asyncio.run(scenario())


def test_areas_and_consoles_are_prepared_in_the_background(
    make_app: Callable[..., CoursewareApp],
) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: app.focused is not None, "the pane's input focused")
            focused, screen = app.focused, app.screen
            assert set(app._screen_stacks) - {"_default"} == {"cli"}
            gc.unfreeze()
            app.preparer.start()  # as the app does outside the headless driver
            await until(pilot, lambda: app.preparer.done, "every place prepared", 60)
            # the long-lived objects are out of the collector's walk (no 200 ms pauses)
            assert gc.get_freeze_count() > 0
            ids = {a.id for a in AREAS if a.id != "lab"} | {c.id for c in CONSOLES} | {"cli"}
            assert set(app._screen_stacks) - {"_default"} == ids
            assert app.screen is screen and app.focused is focused  # the learner saw nothing
            prepared = app._screen_stacks["home"][0]
            # ... and arranged unseen, content and all: a first visit only paints
            reader = app._screen_stacks["reader"][0]
            blocks = list(reader.query(MarkdownBlock))
            assert blocks and all(b.region.height > 0 for b in blocks[:3]), blocks[:3]
            await pilot.press("f2")
            await until(pilot, lambda: app.current_mode == "home", "home")
            assert app.screen is prepared  # the switch used it, built nothing

    asyncio.run(scenario())
