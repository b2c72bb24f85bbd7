"""Quiz details: too few answers are explained inline; Esc from "Read section" is the question."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from textual.widgets import OptionList, Static

from courseware.course.progress import ProgressStore
from courseware.course.quiz import load_catalog
from courseware.tui.quiz.quiz_context import QuizContext
from courseware.tui.quiz.quiz_home import QuizHomeScreen
from courseware.tui.quiz.quiz_question import QuizQuestionScreen
from courseware.tui.reader.reader import ReaderScreen
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.messages import OpenSection
from tests.quizbank import make_root
from tests.tui.pilot_helpers import until
from tests.unit.progress.test_store import FakeClock


def test_a_multi_answer_question_with_too_few_picks_says_so_inline(tmp_path: Path) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        catalog = load_catalog(make_root(tmp_path), with_chapters=False)
        store = ProgressStore(tmp_path / "progress.sqlite3", now=clock)
        context = QuizContext(catalog, store, now=clock, rng=random.Random(4))
        app = CoursewareApp(start_cloud=False)
        async with app.run_test(size=(80, 24)) as pilot:
            home = QuizHomeScreen(context)
            await app.push_screen(home)
            await pilot.pause()
            menu = home.query_one("#quiz-home-menu", OptionList)
            menu.highlighted = menu.get_option_index("chapter:sns")
            await pilot.press("enter")
            screen = await until(
                pilot, lambda: isinstance(app.screen, QuizQuestionScreen) and app.screen
            )
            session = screen.session
            session.index = next(i for i, q in enumerate(session.questions) if q.multiple)
            screen.show_question()
            await pilot.pause()
            await pilot.press("b", "s")  # one of the two answers, then Submit
            await pilot.pause()
            line = screen.query_one("#quiz-question-error", Static)
            assert line.display
            assert "needs 2 answers — pick 1 more" in str(line.render())
            assert not screen.answered
            await pilot.press("d", "s")
            await pilot.pause()
            assert screen.answered and not line.display

    asyncio.run(scenario())


def test_esc_from_read_section_goes_back_to_the_question() -> None:
    async def scenario() -> None:
        app = CoursewareApp(start_cloud=False, start_screen="quiz")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            question = app.screen
            app.screen.post_message(OpenSection("sqs", "visibility-timeout"))
            await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
            await pilot.press("escape")
            await until(pilot, lambda: app.current_mode == "quiz", "back in the quiz")
            assert app.screen is question
            # chosen by the learner, the reader's Back is home again
            await app.run_action("go('reader')")
            await pilot.pause()
            await pilot.press("escape")
            await until(pilot, lambda: app.current_mode == "home", "home")

    asyncio.run(scenario())
