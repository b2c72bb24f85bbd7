"""A learner's view of a lab: live checks combined with what was recorded (answers, help used)."""

from __future__ import annotations

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate
from courseware.course.checks import Cloud
from courseware.course.completion import LAB_KEY
from courseware.course.model import Lab, Step
from courseware.course.runner import SolveResult, StepResult, run_step, solve_step


def _record(lab: Lab, step: Step, passed: bool) -> None:
    """Mirror a step's outcome into the progress store (best effort: never fails a check)."""
    from courseware.course.progress import ProgressStore, StoreError

    saved = labstate.step(lab.id, step.id)
    try:
        with ProgressStore() as store:
            store.record_step(
                lab.id,
                step.id,
                passed=passed,
                used_hint=bool(saved.get("used_hint")),
                used_solution=bool(saved.get("used_solution")),
            )
    except (StoreError, OSError):
        pass


def check_step(
    lab: Lab, step: Step, endpoint: Endpoint, answer: str | None = None, cloud: Cloud | None = None
) -> StepResult:
    """Check a step; a knowledge step uses the given answer, else the one recorded when it passed."""
    if step.kind == "knowledge" and not answer:
        saved = labstate.step(lab.id, step.id)
        if saved.get("status") == "passed":
            return StepResult(
                step.id,
                step.title,
                "passed",
                f"Answered: {saved.get('answer')}",
                saved.get("answer", ""),
                saved.get("answer", ""),
            )
    result = run_step(lab, step, endpoint, answer, cloud)
    if step.kind == "knowledge" and answer and result.status == "passed":
        labstate.record(lab.id, step.id, status="passed", answer=answer)
    if result.status == "passed":
        _freeze(lab, step)
        _record(lab, step, True)
    return result


def _freeze(lab: Lab, step: Step) -> None:
    """At a step's first pass, fix how it was passed: help opened later does not change it."""
    saved = labstate.step(lab.id, step.id)
    if "passed_with" not in saved:
        _started(lab)
        labstate.record(lab.id, step.id, passed_with=help_used(lab, step), passed_at=_now())


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def _started(lab: Lab) -> None:
    """Mark the lab as started (its first check) if it is not yet."""
    if not labstate.step(lab.id, LAB_KEY).get("started_at"):
        labstate.record(lab.id, LAB_KEY, started_at=_now())


def check_lab(lab: Lab, endpoint: Endpoint) -> list[StepResult]:
    """Every step's status."""
    cloud = Cloud(endpoint)
    _started(lab)
    return [check_step(lab, step, endpoint, None, cloud) for step in lab.steps]


def solve(lab: Lab, step: Step, endpoint: Endpoint) -> SolveResult:
    """Run a step's solution and remember that the learner needed it."""
    result = solve_step(lab, step, endpoint)
    if result.ok:
        fields: dict[str, object] = {}
        if "passed_with" not in labstate.step(lab.id, step.id):
            fields["used_solution"] = True
        if step.kind == "knowledge" and result.answer:
            fields.update(status="passed", answer=result.answer)
        labstate.record(lab.id, step.id, **fields)
        if step.kind == "knowledge":
            _freeze(lab, step)
        _record(lab, step, step.kind == "knowledge")
    return result


def used_solution(lab: Lab, step: Step) -> None:
    """Remember that the learner looked at the solution (not once the step has passed)."""
    if "passed_with" not in labstate.step(lab.id, step.id):
        labstate.record(lab.id, step.id, used_solution=True)


def _hints(saved: dict[str, object]) -> int:
    count = saved.get("hints_shown")
    if isinstance(count, int):
        return count
    return 1 if saved.get("used_hint") else 0  # recorded before counts were kept


def used_hint(lab: Lab, step: Step, shown: int = 1) -> None:
    """Remember that the learner opened hints for this step (``shown``: how many so far)."""
    saved = labstate.step(lab.id, step.id)
    count = max(shown, _hints(saved))
    if "passed_with" in saved:  # opened after the pass: shown, but it did not help pass
        labstate.record(lab.id, step.id, hints_shown=count)
    else:
        labstate.record(lab.id, step.id, used_hint=True, hints_shown=count)


def hints_shown(lab: Lab) -> dict[str, int]:
    """How many hints of each step the learner has revealed (steps with none are left out)."""
    saved = labstate.load().get(lab.id, {})
    counts = {step.id: _hints(saved.get(step.id, {})) for step in lab.steps}
    return {step_id: count for step_id, count in counts.items() if count}


def help_used(lab: Lab, step: Step) -> str:
    """'solution', 'hint' or '' for how much help a step needed."""
    saved = labstate.step(lab.id, step.id)
    if "passed_with" in saved:
        return str(saved["passed_with"])
    return "solution" if saved.get("used_solution") else "hint" if saved.get("used_hint") else ""
