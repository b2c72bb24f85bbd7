"""Pilot: take "Practice exam 2" from the quiz home and read the weak task statements."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import OptionList, TabbedContent

from courseware.course.progress import ProgressStore
from courseware.course.quiz import load_catalog
from courseware.course.quiz.practice_exams import practice_exams
from courseware.tui.quiz.exam_confirm import ExamConfirmScreen
from courseware.tui.quiz.exam_results import ExamResultsScreen
from courseware.tui.quiz.exam_session import ExamScreen
from courseware.tui.quiz.quiz_context import QuizContext
from courseware.tui.quiz.quiz_home import QuizHomeScreen
from tests.tui.test_quiz_practice import RecordingApp
from tests.unit.progress.test_store import FakeClock


def test_practice_exam_two_is_fixed_and_its_results_name_weak_tasks(tmp_path: Path) -> None:
    asyncio.run(_practice_exam(tmp_path))


async def _practice_exam(tmp_path: Path) -> None:
    catalog = load_catalog()
    profile = catalog.default_profile
    expected = practice_exams(catalog.questions, profile)[1].questions
    clock = FakeClock()
    store = ProgressStore(tmp_path / "progress.sqlite3", now=clock)
    context = QuizContext(catalog, store, now=clock)
    app = RecordingApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(QuizHomeScreen(context))
        await pilot.pause()
        menu = app.screen.query_one("#quiz-home-menu", OptionList)
        index = menu.get_option_index(f"practice-exam:{profile.id}/2")
        assert "Practice exam 2 of 6" in str(menu.get_option_at_index(index).prompt)
        menu.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        assert [q.id for q in session.questions] == [q.id for q in expected]
        # Everything right except the questions of the first task statement asked.
        weak = session.questions[0].tasks[0]
        for number, question in enumerate(session.questions):
            session.go(number)
            wrong = weak in question.tasks
            session.choose(
                sorted(set(question.letters) - question.answers)[: question.choose]
                if wrong
                else sorted(question.answers)
            )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExamConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        assert results.weak_tasks() == [weak]
        tasks = results.query_one("#exam-results-tasks", OptionList)
        assert tasks.get_option_at_index(0).id == weak
        assert "weak" in str(tasks.get_option_at_index(0).prompt)
        results.query_one("#exam-results-tabs", TabbedContent).active = "exam-results-tasks-tab"
        await pilot.pause()
        tasks.focus()
        tasks.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert catalog.coverage is not None
        task = catalog.coverage.task(weak)
        assert task is not None
        assert app.opened == [task.sections[0]]
