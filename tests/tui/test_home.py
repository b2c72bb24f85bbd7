"""Home: the course map at 80×24, opening chapters and labs, progress, continue."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList

from courseware.tui.home.home import HomeScreen
from courseware.tui.reader.reader import ReaderScreen
from courseware.tui.shell import settings
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.progress_access import open_store
from tests.tui.navtools import screen_text, until


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir of this test's own (progress and settings start empty)."""
    monkeypatch.setenv("COURSEWARE_HOME", str(tmp_path))
    return tmp_path


def _home(app: CoursewareApp) -> HomeScreen:
    screen = app.get_screen_stack("home")[0]
    assert isinstance(screen, HomeScreen)
    return screen


def test_home_shows_every_chapter_and_the_cloud_status(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            home = _home(app)
            await until(pilot, lambda: home.data is not None)
            await pilot.pause()
            text = screen_text(pilot)
            lines = text.splitlines()
            assert "cloud ready at 127.0.0.1:" in lines[0]
            assert "▶ Start: " + app.course.chapters[0].title in text
            menu = home.query_one("#home-map", OptionList)

            async def shown(option_id: str) -> str:
                """The screen once the map has scrolled ``option_id`` into view."""
                menu.highlighted = menu.get_option_index(option_id)
                await pilot.pause()
                return screen_text(pilot)

            for chapter in app.course.chapters:  # long titles wrap: start and end show
                text = await shown(f"chapter:{chapter.id}")
                assert chapter.title[:50] in text, chapter.title
                assert chapter.title.split()[-1] in text, chapter.title
            for lab in app.course.labs:
                assert lab.title[:40] in await shown(f"lab:{lab.id}"), lab.title
            assert "0 questions due for review" in await shown("quiz")

    asyncio.run(scenario())


def test_selecting_a_chapter_or_lab_opens_it(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            home = _home(app)
            await until(pilot, lambda: home.data is not None)
            menu = home.query_one("#home-map", OptionList)
            menu.highlighted = menu.get_option_index("chapter:lambda")
            await pilot.press("enter")
            await until(pilot, lambda: app.current_mode == "reader")
            reader = app.screen
            assert isinstance(reader, ReaderScreen)
            await until(pilot, lambda: reader.chapter is not None)
            assert reader.chapter is not None and reader.chapter.id == "lambda"
            await pilot.press("escape")  # back home
            await until(pilot, lambda: app.current_mode == "home")
            menu.highlighted = menu.get_option_index("quiz")
            await pilot.press("enter")
            await until(pilot, lambda: app.current_mode == "quiz")
            await pilot.press("f2")
            await until(pilot, lambda: app.current_mode == "home")
            menu.highlighted = menu.get_option_index("lab:simple-lambda")
            await pilot.press("enter")
            await until(pilot, lambda: app.current_mode == "lab")

    asyncio.run(scenario())


def test_progress_shows_and_refreshes_on_resume(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            home = _home(app)
            await until(pilot, lambda: home.data is not None)
            lam = app.course.chapter("lambda")
            lab = app.course.lab("simple-lambda")
            assert lam is not None and lab is not None
            menu = home.query_one("#home-map", OptionList)

            async def shown(option_id: str) -> str:
                """The screen once the map has scrolled ``option_id`` into view."""
                menu.highlighted = menu.get_option_index(option_id)
                await pilot.pause()
                return screen_text(pilot)

            assert f"0/{len(lam.sections)}" in await shown("chapter:lambda")
            await pilot.press("f6")  # somewhere else while progress changes
            await until(pilot, lambda: app.current_mode == "cli")
            with open_store() as store:
                for section in lam.sections[:3]:
                    store.mark_section_read("lambda", section.id)
                store.record_step("simple-lambda", lab.steps[0].id, passed=True)
            await pilot.press("f2")
            await until(pilot, lambda: app.current_mode == "home")
            assert f"3/{len(lam.sections)}" in await shown("chapter:lambda")
            assert f"1/{len(lab.steps)} steps" in await shown("lab:simple-lambda")

    asyncio.run(scenario())


def test_continue_where_you_left_off(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    settings.save(last={"kind": "chapter", "id": "sqs", "section": "visibility-timeout"})

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            home = _home(app)
            await until(pilot, lambda: home.data is not None)
            assert "▶ Continue: Amazon SQS: queues that decouple › Visibility timeout" in (
                screen_text(pilot)
            )
            await pilot.press("c")
            await until(pilot, lambda: app.current_mode == "reader")
            reader = app.screen
            assert isinstance(reader, ReaderScreen)
            await until(pilot, lambda: reader.section_id == "visibility-timeout")
            assert reader.chapter is not None and reader.chapter.id == "sqs"

    asyncio.run(scenario())


def test_continue_a_lab(make_app: Callable[..., CoursewareApp], fresh_home: Path) -> None:
    settings.save(last={"lab": "event-driven"})  # the lab runner's short form

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            home = _home(app)
            await until(pilot, lambda: home.data is not None)
            lab = app.course.lab("event-driven")
            assert lab is not None
            assert f"▶ Continue: Lab: {lab.title}" in screen_text(pilot)
            menu = home.query_one("#home-map", OptionList)
            assert menu.highlighted == menu.get_option_index("continue")
            await pilot.press("enter")
            await until(pilot, lambda: app.current_mode == "lab")

    asyncio.run(scenario())
