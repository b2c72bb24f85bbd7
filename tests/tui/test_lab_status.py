"""The lab runner's pure helpers: labels, which step comes next, what a re-check changes."""

from __future__ import annotations

from courseware.course.loader import load_course
from courseware.course.runner import StepResult
from courseware.tui.lab.lab_runner_state import RunnerState
from courseware.tui.lab.lab_status import newly_passed, next_pending, status_word, step_label


def test_labels_show_status_and_help() -> None:
    assert step_label(2, "Create the function", "pending") == "○ 2. Create the function"
    assert step_label(1, "Role", "passed", "hint") == "✔ 1. (hint) Role"
    assert step_label(1, "Role", "failed", "solution") == "✘ 1. (solution) Role"
    assert status_word("passed", "solution") == "passed with the solution"
    assert status_word("passed", "hint") == "passed with a hint"
    assert status_word("failed") == "not yet passed"


def test_next_pending_wraps_round_and_stops_when_all_passed() -> None:
    assert next_pending(["passed", "failed", "pending"]) == 1
    assert next_pending(["failed", "passed", "passed"], after=1) == 0
    assert next_pending(["passed", "passed"]) is None


def test_only_known_steps_turn_passed() -> None:
    assert newly_passed({}, {"a": "passed"}) == []
    assert newly_passed({"a": "failed", "b": "passed"}, {"a": "passed", "b": "passed"}) == ["a"]


def _result(step_id: str, status: str) -> StepResult:
    return StepResult(step_id, step_id, status, f"{step_id} {status}")


def test_runner_state_keeps_a_wrong_answer_until_the_step_passes() -> None:
    lab = load_course().lab("simple-lambda")
    assert lab is not None
    state = RunnerState(lab)
    ids = [s.id for s in lab.steps]
    assert state.next_step() == "role" and not state.checked
    first = [_result(i, "pending" if i in {"read-logs", "permissions"} else "failed") for i in ids]
    assert state.apply(first, {}) == []
    state.wrong_answers["permissions"] = _result("permissions", "failed")
    assert state.status("permissions") == "failed"  # a re-check says pending; the answer stays
    assert state.apply([_result("role", "passed")], {"role": "hint"}) == ["role"]
    assert state.next_step("role") == "function"
    assert state.passed_count() == 1
    state.mark_help("role", "solution")
    state.mark_help("role", "hint")
    assert state.help["role"] == "solution"
    assert state.apply([_result("permissions", "passed")], {}) == ["permissions"]
    assert "permissions" not in state.wrong_answers
