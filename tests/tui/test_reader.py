"""The chapter reader: contents jump, next/previous, sections read, search, quiz links."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from courseware.tui.reader.chapter_search import search
from courseware.tui.reader.chapter_toc import ChapterToc
from courseware.tui.reader.reader import ReaderScreen
from courseware.tui.reader.section_search import SectionSearchScreen
from courseware.tui.shell import settings
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.messages import OpenSection
from courseware.tui.shell.progress_access import open_store
from tests.tui.navtools import until


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir of this test's own (progress and settings start empty)."""
    monkeypatch.setenv("COURSEWARE_HOME", str(tmp_path))
    return tmp_path


def _reader(app: CoursewareApp) -> ReaderScreen:
    screen = app.get_screen_stack("reader")[0]
    assert isinstance(screen, ReaderScreen)
    return screen


def _at_top(reader: ReaderScreen, section_id: str) -> bool:
    """The section's heading is the first line in view."""
    document = reader.document
    return (
        reader.section_id == section_id
        and section_id in document.headers
        and round(document.scroll_y) == document.section_top(section_id)
    )


async def _lands_on(pilot: Pilot[None], chapter_id: str, section_id: str) -> ReaderScreen:
    app = pilot.app
    assert isinstance(app, CoursewareApp)
    await until(pilot, lambda: app.current_mode == "reader")
    reader = _reader(app)
    await until(
        pilot,
        lambda: (
            reader.chapter is not None
            and reader.chapter.id == chapter_id
            and _at_top(reader, section_id)
        ),
    )
    return reader


def test_contents_jump_and_chapter_keys(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="reader")
        async with app.run_test(size=(80, 24)) as pilot:
            reader = _reader(app)
            first = app.course.chapters[0]
            await until(pilot, lambda: reader.chapter == first)
            target = first.sections[4]
            toc = reader.query_one("#reader-toc", ChapterToc)
            toc.focus()
            toc.highlighted = toc.get_option_index(target.id)
            await pilot.press("enter")
            await _lands_on(pilot, first.id, target.id)
            chapters = app.course.chapters
            for key, index in (("n", 1), ("]", 2), ("p", 1), ("[", 0)):
                await pilot.press(key)
                await until(pilot, lambda i=index: reader.chapter == chapters[i])  # type: ignore[misc]
            await pilot.press("p")  # no chapter before the first: stays
            await pilot.pause()
            assert reader.chapter == chapters[0]

    asyncio.run(scenario())


def test_sections_in_view_are_marked_read(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            chapter = app.course.chapter("sqs")
            assert chapter is not None
            await app.open_chapter("sqs")
            reader = _reader(app)
            reader.tracker.dwell = 0.3
            first, last = chapter.sections[0].id, chapter.sections[-1].id
            with open_store() as store:
                await until(pilot, lambda: ("sqs", first) in store.sections_read("sqs"))
                assert ("sqs", last) not in store.sections_read("sqs")  # never shown
                await app.open_chapter("sqs", last)
                await until(pilot, lambda: ("sqs", last) in store.sections_read("sqs"))
            toc = reader.query_one("#reader-toc", ChapterToc)
            assert toc._read >= {first, last}
            assert settings.load()["last"] == {"kind": "chapter", "id": "sqs", "section": last}

    asyncio.run(scenario())


def test_search_opens_the_only_matching_section(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="reader")
        async with app.run_test(size=(80, 24)) as pilot:
            hits = search(app.course, "AWSLambdaBasicExecutionRole")
            assert [(h.chapter_id, h.section_id) for h in hits] == [
                ("lambda", "execution-roles-and-policy-templates")
            ]
            reader = _reader(app)
            await until(pilot, lambda: reader.chapter is not None)
            await pilot.press("slash")
            await until(pilot, lambda: isinstance(app.screen, SectionSearchScreen))
            search_screen = app.screen
            assert isinstance(search_screen, SectionSearchScreen)
            await pilot.press(*"awslambdabasicexecutionrole")
            await until(pilot, lambda: len(search_screen.hits) == 1)
            assert "AWSLambdaBasicExecutionRole" in search_screen.hits[0].snippet
            await pilot.press("enter")
            await _lands_on(pilot, "lambda", "execution-roles-and-policy-templates")
            assert app.screen is reader

    asyncio.run(scenario())


def test_quiz_section_link_lands_on_the_section(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def scenario() -> None:
        app = make_app(start_screen="quiz")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.screen.post_message(OpenSection("step-functions", "standard-vs-express-workflows"))
            await _lands_on(pilot, "step-functions", "standard-vs-express-workflows")

    asyncio.run(scenario())


def test_reader_opens_where_the_learner_left_off(
    make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    settings.save(last={"kind": "chapter", "id": "dynamodb", "section": "partition-and-sort-keys"})

    async def scenario() -> None:
        app = make_app(start_screen="reader")
        async with app.run_test(size=(80, 24)) as pilot:
            await _lands_on(pilot, "dynamodb", "partition-and-sort-keys")

    asyncio.run(scenario())


def test_palette_opens_a_section(make_app: Callable[..., CoursewareApp], fresh_home: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*"read: visibility timeout")
            await until(
                pilot,
                lambda: any(
                    "Visibility timeout" in str(o.prompt)
                    for o in app.screen.query_one(CommandList).options
                ),
            )
            await pilot.press("enter")
            await _lands_on(pilot, "sqs", "visibility-timeout")

    asyncio.run(scenario())
