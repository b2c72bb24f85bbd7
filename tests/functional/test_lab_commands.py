"""Every shell command block in every lab's instructions runs as printed.

Blocks run through bash (some use ``cd … && zip`` or ``$(…)``) from a folder that looks
like the repository root (``labs/`` in it), against the embedded cloud, in the lab's order.
A step's second block is an alternative (Node.js after Python): it runs on its own fresh
cloud with the earlier steps done.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from courseware.cloud.endpoint import Endpoint, sandbox_env
from courseware.course.loader import load_course
from courseware.course.model import Lab, Step
from courseware.course.runner import solve_step, wait_until_passed
from courseware.course.validate import reset_cloud
from courseware.paths import project_root

BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def blocks(step: Step) -> list[str]:
    """The ``sh`` code blocks of a step's instructions (indentation already removed by YAML)."""
    return [b.strip() for b in BLOCK.findall(step.instructions)]


def test_every_lab_shows_shell_blocks() -> None:
    for lab in load_course().labs:
        assert any(blocks(step) for step in lab.steps), lab.id


def _workdir(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "labs").symlink_to(project_root() / "labs")
    return folder


def _run(block: str, cwd: Path, endpoint: Endpoint) -> None:
    env = sandbox_env(endpoint)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    done = subprocess.run(
        ["bash", "-e", "-c", block],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{block}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"


def _solve_until(lab: Lab, index: int, endpoint: Endpoint) -> None:
    for step in lab.steps[:index]:
        solved = solve_step(lab, step, endpoint)
        assert solved.ok, solved.output
        wait_until_passed(lab, step, endpoint, solved.answer, 30)


@pytest.mark.parametrize(
    "lab_id",
    [
        "simple-lambda",
        "event-driven",
        "fifo-ordering",
        "state-machine",
        "ship-with-sam",
        "webhook",
        "async-destinations",
        "sns-fanout",
        "xray-slow-call",
        "s3-pipeline",
        "dead-letters",
        "delay-visibility",
    ],
)
def test_lab_commands_run_as_printed(cloud: Endpoint, tmp_path: Path, lab_id: str) -> None:
    lab = load_course().lab(lab_id)
    assert lab is not None
    reset_cloud(cloud)
    main = _workdir(tmp_path, "main")
    alternatives: list[tuple[int, str]] = []
    for index, step in enumerate(lab.steps):
        shown = blocks(step)
        if not shown:
            if step.kind == "resource":
                assert solve_step(lab, step, cloud).ok
            continue
        _run(shown[0], main, cloud)
        alternatives.extend((index, block) for block in shown[1:])
    for number, (index, block) in enumerate(alternatives):
        reset_cloud(cloud)
        _solve_until(lab, index, cloud)
        _run(block, _workdir(tmp_path, f"alt{number}"), cloud)
