"""``courseware quiz`` opens the app on the quiz home, loading the real bank off the UI thread."""

from __future__ import annotations

import asyncio

from textual.widgets import OptionList, Static

from courseware.course.quiz import load_catalog
from courseware.tui.quiz.quiz_home import QuizHomeScreen
from courseware.tui.shell.app import CoursewareApp


def test_start_screen_quiz_opens_the_quiz_home() -> None:
    asyncio.run(_start())


async def _start() -> None:
    expected = load_catalog()
    app = CoursewareApp(start_cloud=False, start_screen="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, QuizHomeScreen)
        for _ in range(50):
            if home.context is not None:
                break
            await asyncio.sleep(0.05)
        await pilot.pause()
        assert home.context is not None
        status = str(home.query_one("#quiz-home-status", Static).render())
        assert status.startswith(f"{len(expected.questions)} questions · 0 due for review")
        menu = home.query_one("#quiz-home-menu", OptionList)
        assert menu.get_option("exam:dva-c02") is not None
        assert menu.get_option("exam:saa-c03") is not None
