"""Pilot: practice with feedback and section links, review due, "choose N", the exam clock."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from pathlib import Path

from textual.widgets import OptionList, Static

import courseware.tui.shell.app as app_module
from courseware.course.progress import ProgressStore
from courseware.course.quiz import load_catalog
from courseware.tui.quiz.exam_results import ExamResultsScreen
from courseware.tui.quiz.exam_session import ExamScreen
from courseware.tui.quiz.exam_timer import ExamTimer
from courseware.tui.quiz.explanations import Explanations
from courseware.tui.quiz.quiz_context import QuizContext
from courseware.tui.quiz.quiz_home import QuizHomeScreen
from courseware.tui.quiz.quiz_question import QuizQuestionScreen
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.messages import OpenSection
from courseware.tui.shell.option_picker import OptionPicker
from tests.quizbank import make_root
from tests.unit.progress.test_store import FakeClock


class RecordingApp(CoursewareApp):
    """The app, remembering which sections the quiz asked to open."""

    CSS_PATH = Path(app_module.__file__).parent / "courseware.tcss"

    def __init__(self) -> None:
        super().__init__(start_cloud=False)
        self.opened: list[tuple[str, str]] = []

    def on_open_section(self, message: OpenSection) -> None:
        self.opened.append((message.chapter_id, message.section_id))
        message.prevent_default()  # record only; do not open the reader


def _context(tmp_path: Path, clock: FakeClock) -> QuizContext:
    catalog = load_catalog(make_root(tmp_path), with_chapters=False)
    store = ProgressStore(tmp_path / "progress.sqlite3", now=clock)
    return QuizContext(catalog, store, now=clock, rng=random.Random(4))


def _text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def test_practice_feedback_link_and_review(tmp_path: Path) -> None:
    asyncio.run(_practice(tmp_path))


async def _practice(tmp_path: Path) -> None:
    clock = FakeClock()
    context = _context(tmp_path, clock)
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        home = QuizHomeScreen(context)
        await app.push_screen(home)
        await pilot.pause()
        menu = home.query_one("#quiz-home-menu", OptionList)
        menu.highlighted = menu.get_option_index("chapter:sqs")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizQuestionScreen)
        first = screen.session.current
        assert first.chapter == "sqs" and not first.multiple
        await pilot.press("a", "s")  # "A" is wrong in the generated bank
        await pilot.pause()
        explained = screen.query_one(Explanations).plain
        assert explained.startswith("✘ Not quite — you chose A; the answer is B")
        assert "✔ B  Why B is as it is." in explained
        assert screen.query_one(Explanations).has_class("-shown")
        await pilot.press("o")
        await pilot.pause()
        assert app.opened == [(first.chapter, first.section)]
        await pilot.press("n")
        await pilot.pause()
        second = screen.session.current
        assert second is not first
        assert not screen.query_one(Explanations).has_class("-shown")
        for letter in sorted(second.answers):
            await pilot.press(letter.lower())
        await pilot.press("s")
        await pilot.pause()
        assert screen.query_one(Explanations).plain.startswith("✔ Correct")
        meta = _text(screen, "#quiz-question-meta")
        assert meta.startswith("Question 2 of 39 · sqs › ") and meta.endswith("1/2 right so far")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        clock.advance(minutes=2)
        home.refresh_menu()
        await pilot.pause()
        assert "1 due for review" in _text(home, "#quiz-home-status")
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, QuizQuestionScreen)
        assert [q.id for q in review.session.questions] == [first.id]


def test_choose_n_and_single_choice_rules(tmp_path: Path) -> None:
    asyncio.run(_choose_n(tmp_path))


async def _choose_n(tmp_path: Path) -> None:
    clock = FakeClock()
    context = _context(tmp_path, clock)
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuizHomeScreen(context))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        single = next(i for i, q in enumerate(session.questions) if not q.multiple)
        multi = next(i for i, q in enumerate(session.questions) if q.multiple)
        session.go(single)
        exam.show_question()
        await pilot.press("a", "c")
        await pilot.pause()
        assert session.chosen[single] == {"C"}  # one answer: picking C replaces A
        session.go(multi)
        exam.show_question()
        await pilot.pause()
        assert exam.query_one(OptionPicker).border_title == "Choose 2"
        await pilot.press("a", "b", "c")
        await pilot.pause()
        assert session.chosen[multi] == {"A", "B"}  # a third pick is refused
        assert "answered 2" in _text(exam, "#exam-progress")
        await pilot.press("g")
        await pilot.pause()
        navigator = app.screen.query_one("#exam-navigator-list", OptionList)
        navigator.highlighted = 10
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is exam and session.index == 10
        # The clock runs out: the exam is submitted as it stands.
        clock.advance(minutes=130)
        exam.query_one(ExamTimer).tick()
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        assert results.outcome.score.total == 65
    assert len(context.store.exam_results()) == 1
    assert session.remaining() == timedelta(0)


def test_home_lists_lab_reviews_and_practice_exam_timing(tmp_path: Path) -> None:
    asyncio.run(_home_extras(tmp_path))


async def _home_extras(tmp_path: Path) -> None:
    clock = FakeClock()
    context = _context(tmp_path, clock)
    context.store.record_step("event-driven", "trigger", passed=True, used_solution=True)
    context.store.set_setting("quiz.exam_minutes", 20)
    clock.advance(minutes=5)
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        home = QuizHomeScreen(context)
        await app.push_screen(home)
        await pilot.pause()
        menu = home.query_one("#quiz-home-menu", OptionList)
        lab = menu.get_option("lab:event-driven/trigger")
        assert "Redo lab step event-driven / trigger" in str(lab.prompt)
        assert "20 min (practice timing)" in str(menu.get_option("exam:dva-c02").prompt)
        await pilot.press("e")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        assert exam.session.remaining() == timedelta(minutes=20)
        await pilot.press("escape")  # leaving asks first
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is exam
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is home
    assert context.store.exam_results() == []
