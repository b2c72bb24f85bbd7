"""The app shell: areas open from their keys, the cloud status shows, ctrl+q quits."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from courseware.tui.consoles import CONSOLES
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.navigation import AREAS


def test_every_area_opens_from_its_key(make_app: Callable[..., CoursewareApp]) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.sub_title.startswith("cloud ready at 127.0.0.1:")
            for a in AREAS:
                await pilot.press(a.key)
                await pilot.pause()
                assert app.current_mode == a.id, a
                expected = a.target.rpartition(":")[2]
                assert type(app.screen_stack[0]).__name__ == expected
            await pilot.press("ctrl+q")
        assert app.return_code == 0

    asyncio.run(scenario())


def test_theme_choice_persists(make_app: Callable[..., CoursewareApp]) -> None:
    async def scenario(theme: str | None) -> str:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            if theme:
                app.theme = theme
                await pilot.pause()
            return app.theme

    assert asyncio.run(scenario("dracula")) == "dracula"
    assert asyncio.run(scenario(None)) == "dracula"
    assert asyncio.run(scenario("textual-dark")) == "textual-dark"


def test_palette_lists_every_area_console_and_the_screens_actions(
    make_app: Callable[..., CoursewareApp],
) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for a in AREAS:
                assert f"Go to {a.title}" in titles
            for c in CONSOLES:
                assert f"Open {c.title} console" in titles
            assert "Services" in titles
            screen_actions = [
                b.description for b in type(app.screen).BINDINGS if getattr(b, "description", "")
            ]
            assert screen_actions, "the Lambda console has actions"
            for description in screen_actions:
                assert f"Lambda: {description}" in titles
            assert any("Quit" in t for t in titles)
            create = next(
                c
                for c in app.get_system_commands(app.screen)
                if c.title == "Lambda: Create function"
            )
            create.callback()
            for _ in range(100):
                await pilot.pause()
                if type(app.screen).__name__ == "CreateFunctionScreen":
                    break
            assert type(app.screen).__name__ == "CreateFunctionScreen"
            go = next(
                c for c in app.get_system_commands(app.screen) if c.title == "Open SQS console"
            )
            go.callback()
            for _ in range(100):
                await pilot.pause()
                if app.current_mode == "sqs":
                    break
            assert app.current_mode == "sqs"

    asyncio.run(scenario())
