"""Pilot: take a full 65-question exam in the app and check the score and domain breakdown."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from textual.widgets import DataTable, Static

from courseware.course.progress import ProgressStore
from courseware.course.quiz import load_catalog
from courseware.tui.quiz.exam_confirm import ExamConfirmScreen
from courseware.tui.quiz.exam_results import ExamResultsScreen
from courseware.tui.quiz.exam_session import ExamScreen
from courseware.tui.quiz.quiz_context import QuizContext
from courseware.tui.quiz.quiz_home import QuizHomeScreen
from courseware.tui.shell.app import CoursewareApp
from tests.quizbank import make_root
from tests.unit.progress.test_store import FakeClock

WRONG = set(range(0, 65, 6))  # 11 questions answered wrong on purpose


def test_take_a_full_exam(tmp_path: Path) -> None:
    asyncio.run(_take_a_full_exam(tmp_path))


async def _take_a_full_exam(tmp_path: Path) -> None:
    catalog = load_catalog(make_root(tmp_path), with_chapters=False)
    assert len(catalog.questions) == 77
    clock = FakeClock()
    store = ProgressStore(tmp_path / "progress.sqlite3", now=clock)
    context = QuizContext(catalog, store, now=clock, rng=random.Random(11))
    app = CoursewareApp(start_cloud=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuizHomeScreen(context))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        session = exam.session
        assert len(session.questions) == 65
        # Everything the exam needs is on an 80x24 screen: stem, options, timer.
        for selector in ("#exam-stem", "#exam-options", "#exam-timer", "#exam-progress"):
            region = exam.query_one(selector).region
            assert region.height > 0 and region.right <= 80 and region.bottom <= 23, selector
        assert str(exam.query_one("#exam-timer", Static).render()) == "⏱ 2:10:00"
        chosen: list[list[str]] = []
        for number, question in enumerate(session.questions):
            assert session.index == number
            if number in WRONG:
                letters = ["A"] if question.choose == 1 else ["A", "C"]
            else:
                letters = sorted(question.answers)
            chosen.append(letters)
            for letter in letters:
                await pilot.press(letter.lower())
            if number in (3, 40):
                await pilot.press("f")
            if number < 64:
                await pilot.press("n")
        await pilot.pause()
        assert [sorted(session.chosen[i]) for i in range(65)] == chosen
        assert session.flagged == {3, 40}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExamConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)

        right = 65 - len(WRONG)
        scaled = 100 + round(900 * right / 65)
        score_text = str(results.query_one("#exam-results-score", Static).render())
        assert score_text.startswith(f"{scaled} / 1000  PASS")
        assert f"{right} of 65 correct" in score_text

        expected_totals = {
            "development": 21,
            "security": 17,
            "deployment": 15,
            "troubleshooting": 12,
        }
        wrong_by_domain = {d: 0 for d in expected_totals}
        for number in WRONG:
            wrong_by_domain[session.questions[number].domains["dva-c02"]] += 1
        table = results.query_one("#exam-results-domains", DataTable)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i)[1:] for i in range(4)}
        names = {d.id: d.name for d in catalog.default_profile.domains}
        for domain, total in expected_totals.items():
            got = total - wrong_by_domain[domain]
            weight, correct, pct = (str(c) for c in rows[names[domain]])
            assert weight.endswith(" %")
            assert correct == f"{got}/{total}"
            assert pct == f"{100 * got / total:.0f} %"
        assert sum(wrong_by_domain.values()) == len(WRONG)

    [stored] = store.exam_results()
    assert (stored.correct, stored.total, stored.scaled, stored.passed) == (54, 65, scaled, True)


def test_failing_exam_shows_fail(tmp_path: Path) -> None:
    asyncio.run(_failing_exam_shows_fail(tmp_path))


async def _failing_exam_shows_fail(tmp_path: Path) -> None:
    catalog = load_catalog(make_root(tmp_path), with_chapters=False)
    clock = FakeClock()
    store = ProgressStore(tmp_path / "progress.sqlite3", now=clock)
    context = QuizContext(catalog, store, now=clock, rng=random.Random(2))
    app = CoursewareApp(start_cloud=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuizHomeScreen(context))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        await pilot.press("a")  # question 1: "A" is wrong in the generated bank
        await pilot.press("ctrl+s")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ExamConfirmScreen)
        text = str(confirm.query_one("#exam-confirm-text", Static).render())
        assert "64 question(s) unanswered" in text
        await pilot.click("#exam-confirm-yes")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ExamResultsScreen)
        assert str(results.query_one("#exam-results-score", Static).render()).startswith(
            "100 / 1000  FAIL"
        )
