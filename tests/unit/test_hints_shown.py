"""How many hints a learner revealed is remembered per step, and never goes down."""

from __future__ import annotations

from courseware.course import labstate, session
from courseware.course.loader import load_course


def test_hint_counts_are_kept_and_old_records_count_as_one() -> None:
    lab = load_course().lab("state-machine")
    assert lab is not None
    labstate.clear(lab.id)
    first, second = lab.steps[0], lab.steps[1]
    session.used_hint(lab, first, 2)
    session.used_hint(lab, first, 1)  # a later, smaller count does not hide hints again
    labstate.record(lab.id, second.id, used_hint=True)  # as recorded before counts were kept
    assert session.hints_shown(lab) == {first.id: 2, second.id: 1}
    assert session.help_used(lab, first) == "hint"
    labstate.clear(lab.id)
    assert session.hints_shown(lab) == {}
