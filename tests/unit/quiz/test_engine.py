"""Exam drawing by weight, scoring, practice feedback, the exam clock, review due."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from courseware.course.progress import ProgressStore, quiz_item
from courseware.course.quiz import (
    ExamSession,
    PracticeSession,
    QuizCatalog,
    SessionError,
    allocate,
    draw_exam,
    due_questions,
    load_catalog,
    load_profiles,
    scale,
    score_exam,
)
from tests.quizbank import make_root
from tests.unit.progress.test_store import T0, FakeClock


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> QuizCatalog:
    return load_catalog(make_root(tmp_path_factory.mktemp("bank")), with_chapters=False)


def test_largest_remainder_allocation() -> None:
    profiles = load_profiles()
    assert allocate(profiles["dva-c02"]) == {
        "development": 21,  # 20.8
        "security": 17,  # 16.9
        "deployment": 15,  # 15.6
        "troubleshooting": 12,  # 11.7
    }
    assert allocate(profiles["saa-c03"]) == {
        "secure": 19,  # 19.5
        "resilient": 17,  # 16.9
        "performance": 16,  # 15.6
        "cost": 13,  # 13.0
    }
    assert allocate(profiles["dva-c02"], 10) == {
        "development": 3,
        "security": 3,
        "deployment": 2,
        "troubleshooting": 2,
    }


def test_draw_follows_weights(catalog: QuizCatalog) -> None:
    profile = catalog.default_profile
    draw = draw_exam(catalog.questions, profile, random.Random(7))
    assert len(draw.questions) == 65 and not draw.shortfalls and draw.notice(profile) == ""
    assert len({q.id for q in draw.questions}) == 65
    drawn = {d: sum(q.domains["dva-c02"] == d for q in draw.questions) for d in draw.wanted}
    assert drawn == draw.wanted
    again = draw_exam(catalog.questions, profile, random.Random(7))
    assert [q.id for q in again.questions] == [q.id for q in draw.questions]


def test_draw_reports_a_domain_short_of_questions(catalog: QuizCatalog) -> None:
    saa = catalog.profiles["saa-c03"]  # the generated bank has no 'cost' questions
    draw = draw_exam(catalog.questions, saa, random.Random(1))
    assert draw.shortfalls == {"cost": (13, 0)}
    assert len(draw.questions) == 52
    assert draw.notice(saa) == (
        "The bank lacks questions for some SAA-C03 domains, so this exam has 52 questions "
        "instead of 65 (Design Cost-Optimized Architectures: 0 of 13)."
    )


def test_linear_scaled_score() -> None:
    dva = load_profiles()["dva-c02"]
    assert [scale(c, 65, dva) for c in (0, 44, 45, 65)] == [100, 709, 723, 1000]
    assert scale(0, 0, dva) == 100


def test_multiple_answer_questions_are_all_or_nothing(catalog: QuizCatalog) -> None:
    dva = catalog.default_profile
    multi = next(q for q in catalog.questions if q.multiple)
    single = next(q for q in catalog.questions if not q.multiple)
    assert multi.answers == {"B", "D"} and multi.choose == 2
    score = score_exam([multi, single], {multi.id: ["B"], single.id: ["B"]}, dva)
    assert (score.correct, score.total) == (1, 2)
    assert score_exam([multi], {multi.id: ["D", "B"]}, dva).correct == 1
    assert score_exam([multi], {multi.id: ["B", "C"]}, dva).correct == 0


def test_practice_gives_feedback_and_schedules_reviews(
    catalog: QuizCatalog, tmp_path: Path
) -> None:
    clock = FakeClock()
    store = ProgressStore(tmp_path / "p.sqlite3", now=clock)
    questions = catalog.for_chapter("sqs")[:3]
    session = PracticeSession(questions, store=store, scope="chapter:sqs", now=clock)
    with pytest.raises(SessionError, match="choose 1 of A, B, C, D"):
        session.answer(["A", "B"])
    wrong = session.answer(["A"])
    assert not wrong.correct and wrong.link == (questions[0].chapter, questions[0].section)
    assert wrong.explanations[0] == ("A", "Why A is as it is.", False, True)
    assert wrong.explanations[1][2:] == (True, False)
    assert wrong.next_due == T0 + timedelta(minutes=1)
    with pytest.raises(SessionError, match="already answered"):
        session.answer(["B"])
    assert session.next()
    right = session.answer(sorted(session.current.answers))
    assert right.correct and right.next_due == T0 + timedelta(minutes=10)
    assert session.correct_count == 1 and not session.finished
    clock.advance(minutes=2)
    assert due_questions(store, catalog.questions) == [questions[0]]
    clock.advance(minutes=10)
    assert due_questions(store, catalog.questions) == [questions[0], questions[1]]
    by_domain = store.domain_accuracy("dva-c02")
    assert sum(total for _right, total in by_domain.values()) == 2


def test_timed_practice_stops_at_the_limit(catalog: QuizCatalog) -> None:
    clock = FakeClock()
    session = PracticeSession(catalog.questions[:5], minutes=5, now=clock)
    assert session.remaining() == timedelta(minutes=5)
    clock.advance(minutes=5)
    assert session.finished and session.time_up
    with pytest.raises(SessionError, match="time is up"):
        session.answer(["B"])


def test_exam_session_flags_navigation_timer_and_stored_result(
    catalog: QuizCatalog, tmp_path: Path
) -> None:
    clock = FakeClock()
    store = ProgressStore(tmp_path / "p.sqlite3", now=clock)
    profile = catalog.default_profile
    draw = draw_exam(catalog.questions, profile, random.Random(3))
    exam = ExamSession(draw.questions, profile, store=store, now=clock)
    assert exam.remaining() == timedelta(minutes=130)
    wrong_at = {0, 5, 9, 20, 33, 64}
    for i, q in enumerate(exam.questions):
        exam.go(i)
        letters = sorted(q.answers) if i not in wrong_at else ["A", "C"][: q.choose]
        exam.choose(letters)
    exam.go(5)
    assert exam.toggle_flag() is True
    exam.previous()
    assert exam.index == 4
    exam.go(64)
    exam.next()
    assert exam.index == 64
    clock.advance(minutes=129)
    assert exam.remaining() == timedelta(minutes=1) and not exam.unanswered
    clock.advance(minutes=1)
    with pytest.raises(SessionError, match="time is up"):
        exam.choose(["B"])
    outcome = exam.submit()
    assert (outcome.score.correct, outcome.score.total) == (59, 65)
    assert outcome.score.scaled == 100 + round(900 * 59 / 65) == 917 and outcome.score.passed
    wrong_domains = [exam.questions[i].domains["dva-c02"] for i in wrong_at]
    for domain, (right, total) in outcome.score.by_domain.items():
        assert total == draw.wanted[domain]
        assert right == total - wrong_domains.count(domain)
    assert [r.number for r in outcome.review if not r.correct] == sorted(i + 1 for i in wrong_at)
    assert [r.flagged for r in outcome.review].count(True) == 1
    [stored] = store.exam_results()
    assert (stored.scaled, stored.passed, stored.by_domain) == (917, True, outcome.score.by_domain)
    assert stored.started_at == T0 and stored.finished_at == T0 + timedelta(minutes=130)
    assert len(store.answers()) == 65
    clock.advance(minutes=1)
    missed = {quiz_item(exam.questions[i].id) for i in wrong_at}
    assert set(store.due_items("quiz:")) == missed
    with pytest.raises(SessionError, match="submitted"):
        exam.choose(["B"])
