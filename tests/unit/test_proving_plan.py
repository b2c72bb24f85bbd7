"""Proving reuses the "all earlier steps done" state only where that is exactly the state."""

from __future__ import annotations

from courseware.course.fixtures import Fixture
from courseware.course.loader import load_course
from courseware.course.proving import implicit_fixtures, leaves_earlier_done, plan


def test_only_the_change_free_earlier_fixture_leaves_earlier_done() -> None:
    assert leaves_earlier_done(Fixture("all earlier steps done", "wrong"))
    assert not leaves_earlier_done(Fixture("start", "wrong", before="none"))
    assert not leaves_earlier_done(Fixture("some", "wrong", before=("role",)))
    assert not leaves_earlier_done(Fixture("cli", "wrong", cli=("iam create-role",)))
    assert not leaves_earlier_done(Fixture("bash", "wrong", bash=("true",)))
    assert not leaves_earlier_done(Fixture("py", "wrong", python="f.py"))
    assert not leaves_earlier_done(Fixture("solution", "right", solution=True))
    assert not leaves_earlier_done(Fixture("nothing added but right", "right"))


def test_the_start_state_is_never_taken_for_earlier_steps_done() -> None:
    start = Fixture("the start state (nothing done)", "wrong", before="none")
    earlier = Fixture("all earlier steps done", "wrong")
    solution = Fixture("the lab's CLI solution", "right", solution=True)
    assert [reuse for _, reuse in plan([start, earlier, solution])] == [False, False, True]


def test_a_fixture_reuses_only_the_state_right_before_it() -> None:
    earlier = Fixture("all earlier steps done", "wrong")
    first = Fixture("first", "right", cli=("x",))
    second = Fixture("second", "right", cli=("y",))
    none = Fixture("own start", "wrong", before="none", cli=("z",))
    got = plan([earlier, none, earlier, first, second])
    assert [reuse for _, reuse in got] == [False, False, False, True, False]
    assert [f for f, _ in got] == [earlier, none, earlier, first, second]


def test_every_lab_step_is_still_proven_against_every_fixture() -> None:
    for lab in load_course().labs:
        for step in lab.steps:
            fixtures = [*implicit_fixtures(lab, step), *step.fixtures]
            got = plan(fixtures)
            assert [f for f, _ in got] == fixtures
            # a fixture reuses a state only right after one that changed nothing (a knowledge
            # step's wrong answers may chain: each leaves the cloud as it found it)
            for index, (fixture, reuse) in enumerate(got):
                if reuse:
                    before = fixtures[index - 1]
                    assert index and leaves_earlier_done(before), (lab.id, step.id, fixture)
                    assert not (before.cli or before.bash or before.python or before.solution)
