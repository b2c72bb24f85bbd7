"""Services: every registered console opens from the picker; filter, recent first, F-key twins."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.widgets import Input, OptionList

from courseware.tui.consoles import CONSOLES
from courseware.tui.shell import settings
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.navigation import AREAS, Console
from courseware.tui.shell.service_picker import ServicePicker
from tests.tui.navtools import until


def listed(app: CoursewareApp) -> list[str]:
    """The console ids the open picker lists, top to bottom."""
    options = app.screen.query_one("#services-list", OptionList)
    return [str(options.get_option_at_index(n).id) for n in range(options.option_count)]


@pytest.mark.parametrize("console", CONSOLES, ids=lambda c: c.id)
def test_every_registered_console_opens_from_the_picker(
    make_app: Callable[..., CoursewareApp], console: Console
) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="quiz")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+o")
            await until(pilot, lambda: isinstance(app.screen, ServicePicker), "the picker")
            await pilot.press(*console.title.lower())
            await until(pilot, lambda: listed(app)[:1] == [console.id], f"{console.id} first")
            await pilot.press("enter")
            await until(pilot, lambda: app.current_mode == console.id, f"{console.id} opened")
            expected = console.target.rpartition(":")[2]
            await until(pilot, lambda: type(app.screen).__name__ == expected, expected)
            assert settings.load()["recent_consoles"][0] == console.id

    asyncio.run(scenario())


def test_picker_filters_as_you_type_and_lists_the_recent_first(
    make_app: Callable[..., CoursewareApp],
) -> None:
    async def scenario() -> None:
        settings.save(recent_consoles=[])
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("f5")
            await until(pilot, lambda: isinstance(app.screen, ServicePicker), "the picker")
            assert listed(app) == [c.id for c in CONSOLES]
            await pilot.press(*"queue")
            await until(pilot, lambda: listed(app) == ["sqs"], "only SQS matches 'queue'")
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, ServicePicker), "closed")
            assert app.current_mode == "home"
            for console_id in ("iam", "logs"):  # open two, through the palette's way in
                await app.action_go(console_id)
                await pilot.pause()
            await pilot.press("ctrl+o")
            await until(pilot, lambda: isinstance(app.screen, ServicePicker), "the picker")
            others = [c.id for c in CONSOLES if c.id not in ("iam", "logs")]
            assert listed(app) == ["logs", "iam", *others]
            await pilot.press("down", "enter")  # the second: IAM
            await until(pilot, lambda: app.current_mode == "iam", "IAM opened")

    asyncio.run(scenario())


def test_every_area_opens_from_its_second_key_but_text_fields_keep_digits(
    make_app: Callable[..., CoursewareApp],
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "help")
            await pilot.press("escape")
            await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "home")
            for a in sorted(AREAS, key=lambda a: a.id == "cli"):  # the CLI pane types digits
                await pilot.press(a.alt)
                await until(pilot, lambda a=a: app.current_mode == a.id, a.id)
            await pilot.press("7")  # in the CLI's command line: typed, not "go to the quiz"
            await pilot.pause()
            assert app.current_mode == "cli"
            assert app.screen.query_one(Input).value.endswith("7")
            await pilot.press("f5")
            await until(pilot, lambda: isinstance(app.screen, ServicePicker), "the picker")
            await pilot.press("2")  # typed into the filter, not "go home"
            await pilot.pause()
            assert app.screen.query_one("#services-filter", Input).value == "2"
            await pilot.press("f2")  # F-keys work from anywhere and close the picker
            await until(pilot, lambda: app.current_mode == "home", "home")
            assert not isinstance(app.screen, ServicePicker)
            await pilot.press("5")
            await until(pilot, lambda: isinstance(app.screen, ServicePicker), "5 opens it too")

    asyncio.run(scenario())
