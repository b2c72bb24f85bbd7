"""Proving a step's check: it fails on every known wrong state and passes on every right one.

Each fixture (see :mod:`courseware.course.fixtures`) is built on a fresh cloud; a wrong one
must leave the step unpassed, a right one must pass it (effects get a moment to settle).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from courseware.cloud.endpoint import Endpoint, sandbox_env
from courseware.course.fixtures import Fixture
from courseware.course.model import Lab, Solution, Step
from courseware.course.runner import (
    SolveResult,
    StepResult,
    expand,
    run_step,
    solve_step,
    wait_until_passed,
)

WRONG_SETTLE_SECONDS = 2.0  # a wrong state's effects (a trigger's delivery…) get this long
RIGHT_SETTLE_SECONDS = 30.0


@dataclass
class StepProof:
    """How many wrong and right states a step was proven against, and what went wrong."""

    step_id: str
    wrong: int = 0
    right: int = 0
    problems: list[str] = field(default_factory=list)


def implicit_fixtures(lab: Lab, step: Step) -> list[Fixture]:
    """The states every step is proven against without declaring them."""
    index = lab.steps.index(step)
    found: list[Fixture] = []
    if step.kind == "resource":
        if index > 0:
            found.append(Fixture("the start state (nothing done)", "wrong", before="none"))
        found.append(Fixture("all earlier steps done", "wrong"))
        found.append(Fixture("the lab's CLI solution", "right", solution=True))
    else:
        found.append(Fixture("the answer the cloud shows after the lab's solution", "right"))
    return found


def _run(args: list[str], lab: Lab, endpoint: Endpoint, cwd: Path) -> SolveResult:
    env = sandbox_env(endpoint)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    return SolveResult(done.returncode == 0, f"$ {args[-1]}\n{done.stdout}{done.stderr}")


def _answer_of(output: str) -> str | None:
    """The value after the last ``ANSWER:`` line a fixture script printed."""
    found = [
        line[len("ANSWER:") :].strip() for line in output.splitlines() if line.startswith("ANSWER:")
    ]
    return found[-1] if found else None


def leaves_earlier_done(fixture: Fixture) -> bool:
    """True when judging ``fixture`` leaves the cloud with exactly all earlier steps solved.

    That is a wrong fixture built on ``before: earlier`` with no change of its own (the
    implicit "all earlier steps done"); the next ``before: earlier`` fixture can start there.
    """
    own = fixture.cli or fixture.bash or fixture.python or fixture.solution
    return fixture.kind == "wrong" and fixture.before == "earlier" and not own


def plan(fixtures: list[Fixture]) -> list[tuple[Fixture, bool]]:
    """Each fixture, and whether it starts from the state the one before it left.

    Only a ``before: earlier`` fixture right after one that :func:`leaves_earlier_done`
    reuses it (and only when that one was built); every other starts on a fresh cloud.
    """
    steps: list[tuple[Fixture, bool]] = []
    for index, fixture in enumerate(fixtures):
        previous = fixtures[index - 1] if index else None
        reuse = (
            previous is not None and leaves_earlier_done(previous) and fixture.before == "earlier"
        )
        steps.append((fixture, reuse))
    return steps


def build(
    lab: Lab, step: Step, fixture: Fixture, endpoint: Endpoint, earlier_done: bool = False
) -> SolveResult:
    """Bring the (fresh) cloud into the fixture's state; a knowledge fixture's answer comes back.

    With ``earlier_done`` the cloud already holds every earlier step solved (the state a
    change-free fixture left), so only the fixture's own change is applied.
    """
    index = lab.steps.index(step)
    if earlier_done:
        earlier = []
    elif fixture.before == "earlier":
        earlier = list(lab.steps[:index])
    elif fixture.before == "none":
        earlier = []
    else:
        earlier = [s for s in lab.steps if s.id in fixture.before]
    for previous in earlier:
        if previous.kind == "knowledge":
            continue  # answering changes nothing in the cloud
        solved = solve_step(lab, previous, endpoint)
        if not solved.ok:
            return SolveResult(False, f"step {previous.id!r}'s solution failed:\n{solved.output}")
        wait_until_passed(lab, previous, endpoint, None, RIGHT_SETTLE_SECONDS)
    root = lab.path.parent.parent
    outputs: list[str] = []
    if fixture.cli:
        done = solve_step(lab, _cli_step(step, fixture.cli), endpoint)
        outputs.append(done.output)
        if not done.ok:
            return SolveResult(False, done.output)
    for line in fixture.bash:
        done = _run(["bash", "-c", expand(line, lab, endpoint)], lab, endpoint, root)
        outputs.append(done.output)
        if not done.ok:
            return SolveResult(False, "\n".join(outputs))
    answer = fixture.answer
    if fixture.python:
        done = _run([sys.executable, str(lab.path / fixture.python)], lab, endpoint, lab.path)
        outputs.append(done.output)
        if not done.ok:
            return SolveResult(False, "\n".join(outputs))
        answer = _answer_of(done.output) or answer
    if fixture.solution or (step.kind == "knowledge" and answer is None):
        done = solve_step(lab, step, endpoint)
        outputs.append(done.output)
        if not done.ok:
            return SolveResult(False, "\n".join(outputs))
        answer = answer if answer is not None else done.answer
    return SolveResult(True, "\n".join(outputs), answer)


def _cli_step(step: Step, cli: tuple[str, ...]) -> Step:
    from dataclasses import replace

    return replace(step, kind="resource", solution=Solution(cli=cli))


def judge(
    lab: Lab, step: Step, fixture: Fixture, endpoint: Endpoint, answer: str | None
) -> StepResult:
    """The step's status in the built state (right: allowed to settle; wrong: after a moment)."""
    if fixture.kind == "right":
        return wait_until_passed(lab, step, endpoint, answer, RIGHT_SETTLE_SECONDS)
    time.sleep(WRONG_SETTLE_SECONDS)
    return run_step(lab, step, endpoint, answer)


def prove_step(lab: Lab, step: Step, endpoint: Endpoint, fresh: Callable[[], None]) -> StepProof:
    """Build every fixture of ``step`` on a fresh cloud (``fresh()`` wipes it) and judge it."""
    proof = StepProof(step.id)
    where = f"labs/{lab.id}/lab.yaml:{step.line} step {step.id!r}"
    built = SolveResult(True, "")
    for fixture, reuse in plan([*implicit_fixtures(lab, step), *step.fixtures]):
        if reuse and built.ok:
            built = build(lab, step, fixture, endpoint, earlier_done=True)
        else:
            fresh()
            built = build(lab, step, fixture, endpoint)
        label = f"{fixture.kind} fixture {fixture.name!r}"
        if not built.ok:
            proof.problems.append(f"{where}: {label} could not be built:\n{built.output.strip()}")
            continue
        result = judge(lab, step, fixture, endpoint, built.answer)
        passed = result.status == "passed"
        if fixture.kind == "wrong" and passed:
            proof.problems.append(f"{where}: passes on {label} (the check proves nothing there)")
        elif fixture.kind == "right" and not passed:
            proof.problems.append(
                f"{where}: fails on {label}: {result.message} "
                f"(expected {result.expected}, found {result.actual})"
            )
        elif fixture.kind == "wrong":
            proof.wrong += 1
        else:
            proof.right += 1
    return proof
