"""FSRS review scheduling with a fixed clock: wrong -> Again, right -> Good."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from courseware.course.progress import ProgressStore, lab_item, quiz_item
from tests.unit.progress.test_store import T0, FakeClock


def _answer(store: ProgressStore, question: str, correct: bool) -> None:
    attempt = store.start_attempt("review")
    store.record_answer(
        attempt, question, chosen=["A"], correct=correct, domains={"dva-c02": "development"}
    )


def test_missed_question_comes_back_when_due(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ProgressStore(tmp_path / "p.sqlite3", now=clock)
    _answer(store, "q-missed", correct=False)
    _answer(store, "q-known", correct=True)
    assert store.card_due(quiz_item("q-missed")) == T0 + timedelta(minutes=1)
    assert store.card_due(quiz_item("q-known")) == T0 + timedelta(minutes=10)
    assert store.due_items() == []
    clock.advance(minutes=1)
    assert store.due_items("quiz:") == [quiz_item("q-missed")]
    clock.advance(minutes=9)
    assert store.due_items("quiz:") == [quiz_item("q-missed"), quiz_item("q-known")]


def test_intervals_grow_with_good_answers(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ProgressStore(tmp_path / "p.sqlite3", now=clock)
    gaps = []
    for _ in range(4):
        _answer(store, "q", correct=True)
        due = store.card_due(quiz_item("q"))
        assert due is not None
        gaps.append(due - clock())
        clock.value = due
    assert gaps == [
        timedelta(minutes=10),
        timedelta(days=2),
        timedelta(days=11),
        timedelta(days=46),
    ]
    _answer(store, "q", correct=False)  # a lapse brings it back within minutes
    assert store.card_due(quiz_item("q")) == clock() + timedelta(minutes=10)


def test_lab_step_solved_with_the_solution_becomes_a_review_item(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ProgressStore(tmp_path / "p.sqlite3", now=clock)
    store.record_step("event-driven", "queue", passed=True)
    store.record_step("event-driven", "trigger", passed=True, used_solution=True)
    store.record_step("event-driven", "trigger", passed=True, used_solution=True)  # re-check
    item = lab_item("event-driven", "trigger")
    assert store.card_due(lab_item("event-driven", "queue")) is None
    assert store.card_due(item) == T0 + timedelta(minutes=1)
    clock.advance(minutes=2)
    assert store.due_items("lab:") == [item]
    # The learner resets the lab and does the step again without help: rated Good.
    store.reset_lab("event-driven")
    store.record_step("event-driven", "trigger", passed=True)
    due = store.card_due(item)
    assert due is not None and due > clock()
    assert store.due_items("lab:") == []


def test_revealing_the_solution_before_passing_is_not_rated_good(tmp_path: Path) -> None:
    clock = FakeClock()
    store = ProgressStore(tmp_path / "p.sqlite3", now=clock)
    item = lab_item("simple-lambda", "invoke")
    store.record_step("simple-lambda", "invoke", passed=False, used_solution=True)
    assert store.card_due(item) == T0 + timedelta(minutes=1)
    clock.advance(seconds=30)
    store.record_step("simple-lambda", "invoke", passed=True)  # passes thanks to the solution
    assert store.card_due(item) == T0 + timedelta(minutes=1)
    assert store.lab_steps("simple-lambda")["invoke"].display_status == "solved-with-help"
