"""The lab runner's blocking work (checks, solution text, reset), run in threads by the screen."""

from __future__ import annotations

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate, session
from courseware.course.model import Lab, Step
from courseware.course.runner import StepResult, expand, reset_lab


def check_all(lab: Lab, endpoint: Endpoint) -> tuple[list[StepResult], dict[str, str]]:
    """Every step's result and how much help each needed."""
    results = session.check_lab(lab, endpoint)
    return results, {step.id: session.help_used(lab, step) for step in lab.steps}


def reveal_solution(lab: Lab, step: Step, endpoint: Endpoint | None) -> str:
    """The step's solution as the learner would type it; remember that it was looked at."""
    labstate.record(lab.id, step.id, used_solution=True)
    if step.solution is None:
        return "(this step has no solution)"
    return expand(step.solution.describe(), lab, endpoint)


def reset(lab: Lab, endpoint: Endpoint) -> list[str]:
    """Delete the lab's resources and forget its answers, hints and progress (like ``lab reset``)."""
    from courseware.course.progress import ProgressStore, StoreError

    deleted = reset_lab(lab, endpoint)
    labstate.clear(lab.id)
    try:
        with ProgressStore() as store:
            store.reset_lab(lab.id)
    except (StoreError, OSError):
        pass
    return deleted
