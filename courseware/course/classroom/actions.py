"""What the instructor does to one learner: check their lab, reset it, reset their account.

Everything runs with the learner's own key, so it reaches their account and nobody else's.
"""

from __future__ import annotations

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate
from courseware.course.classroom.roster import ClassError, ClassRoom, Learner
from courseware.course.model import Lab
from courseware.course.progress import ProgressStore
from courseware.course.runner import StepResult, reset_lab, run_lab


def _require_account(learner: Learner) -> None:
    if learner.creds is None:
        raise ClassError(f"learner {learner.id!r} has not joined yet (no account)")


def check_learner(
    room: ClassRoom, learner: Learner, lab: Lab, endpoint: Endpoint
) -> list[StepResult]:
    """The learner's lab checks, as they would see them now."""
    _require_account(learner)
    saved = labstate.load(room.home(learner.id)).get(lab.id, {})
    answers = {step: str(v["answer"]) for step, v in saved.items() if v.get("answer")}
    return run_lab(lab, endpoint, answers, learner.creds)


def reset_learner_lab(room: ClassRoom, learner: Learner, lab: Lab, endpoint: Endpoint) -> list[str]:
    """Delete the lab's resources in the learner's account and forget their progress in it."""
    _require_account(learner)
    deleted = reset_lab(lab, endpoint, learner.creds)
    home = room.home(learner.id)
    labstate.clear(lab.id, home)
    with ProgressStore(home / "progress.sqlite3") as store:
        store.reset_lab(lab.id)
    return deleted
