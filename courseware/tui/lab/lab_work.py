"""The lab runner's blocking work, run in threads by the screen; failures come back as values."""

from __future__ import annotations

import contextlib

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate, session
from courseware.course.completion import completion
from courseware.course.model import Course, Lab, Step
from courseware.course.runner import SolveResult, StepResult, expand, reset_lab


def check_all(lab: Lab, endpoint: Endpoint) -> tuple[list[StepResult], dict[str, str]]:
    """Every step's result and how much help each needed."""
    results = session.check_lab(lab, endpoint)
    return results, {step.id: session.help_used(lab, step) for step in lab.steps}


def completion_lines(lab: Lab, results: list[StepResult], course: Course | None) -> list[str]:
    """The completed lab's summary (time, help, what next), or [] while steps remain."""
    try:
        done = completion(lab, results, course)
    except (OSError, ValueError):
        return []
    return done.lines() if done is not None else []


def check_answer(lab: Lab, step: Step, endpoint: Endpoint, answer: str) -> StepResult:
    """Check a typed answer (a failure to check is a failed result, never an exception)."""
    try:
        return session.check_step(lab, step, endpoint, answer)
    except Exception as exc:
        return StepResult(step.id, step.title, "failed", f"Could not check the answer: {exc}")


def record_hint(lab: Lab, step: Step, shown: int) -> None:
    """Remember that ``shown`` hints are open (best effort)."""
    with contextlib.suppress(OSError):
        session.used_hint(lab, step, shown)


def hints_shown(lab: Lab) -> dict[str, int]:
    """How many hints of each step were revealed before (empty if that cannot be read)."""
    try:
        return session.hints_shown(lab)
    except (OSError, ValueError):
        return {}


def reveal_solution(lab: Lab, step: Step, endpoint: Endpoint | None) -> str:
    """The step's solution as the learner would type it; remember that it was looked at."""
    with contextlib.suppress(OSError):
        session.used_solution(lab, step)
    if step.solution is None:
        return "(this step has no solution)"
    try:
        return expand(step.solution.describe(), lab, endpoint)
    except Exception:  # e.g. a folder to zip is missing: show it unexpanded
        return step.solution.describe()


def solve(lab: Lab, step: Step, endpoint: Endpoint) -> SolveResult:
    """Run the step's solution (a failure to run is a failed result, never an exception)."""
    try:
        return session.solve(lab, step, endpoint)
    except Exception as exc:
        return SolveResult(False, f"The solution could not run: {exc}")


def reset(lab: Lab, endpoint: Endpoint) -> list[str]:
    """Delete the lab's resources and forget its answers, hints and progress (like ``lab reset``)."""
    from courseware.course.progress import ProgressStore, StoreError

    deleted = reset_lab(lab, endpoint)
    try:
        labstate.clear(lab.id)
        with ProgressStore() as store:
            store.reset_lab(lab.id)
    except (StoreError, OSError):
        pass
    return deleted
