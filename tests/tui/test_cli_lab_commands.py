"""Every command a lab prints runs in the CLI pane exactly as printed (pasted, like a learner).

The fenced ``sh`` blocks and the inline ``courseware aws …`` commands of every lab.yaml are
pasted into the pane in step order, from a folder that is not the checkout (the lab's files
are found wherever the app is installed). Inline commands that name a placeholder (URL, ARN,
STREAM) or a file the learner makes themselves are templates, not commands, and are left out;
so is a block offered "instead of" the one before it (the same step in another runtime).
The lines that need a real shell (``mkdir … && cp …``, ``(cd … && zip …)``) must be labelled
"in a terminal" with the in-app way beside them, and refused by the pane with a clear message;
the test then runs them in bash, standing in for the learner's terminal in the checkout.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual import events

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.paths import project_root
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.cli_pane import CliScreen
from courseware.tui.shell.cli_script import logical_lines
from courseware.tui.shell.history_input import HistoryInput
from tests.tui.pilot_helpers import until

LABS = ("simple-lambda", "event-driven", "state-machine", "sns-fanout")
_SHELL_ONLY = re.compile(r"^(\(cd |mkdir )")
_TEMPLATE = re.compile(r"\b(URL|ARN|STREAM)\b|fileb?://function\.zip|fileb?://definition\.json")


def lab_commands(lab_id: str) -> list[str]:
    """The lab's command blocks and runnable inline commands, in step order."""
    data = yaml.safe_load((project_root() / "labs" / lab_id / "lab.yaml").read_text())
    blocks: list[str] = []
    for step in data["steps"]:
        text = step.get("instructions", "")
        found, lead = [], 0
        for m in re.finditer(r"```sh\n(.*?)```", text, re.S):
            if "instead of the" not in text[lead : m.start()]:  # an alternative to the last one
                found.append((m.start(), m.group(1)))
            lead = m.end()
        found += [
            (m.start(), m.group(1))
            for m in re.finditer(r"`(courseware aws [^`]*)`", text)
            if not _TEMPLATE.search(m.group(1))
        ]
        blocks += [block for _, block in sorted(found)]
        if any(_SHELL_ONLY.match(line) for _, block in found for line in logical_lines(block)):
            assert "**in a terminal**" in text, f"{step['id']}: shell-only lines not labelled"
            assert "**In the app:**" in text, f"{step['id']}: no in-app way beside them"
    return blocks


def _log_text(screen: CliScreen) -> str:
    return "\n".join(strip.text for strip in screen.log_widget.lines)


async def _paste(pilot: Any, screen: CliScreen, text: str) -> str:
    """Paste ``text`` into the pane, wait for it to finish; the log lines it added."""
    before = len(screen.log_widget.lines)
    box = screen.query_one("#cli-input", HistoryInput)
    box.focus()
    box.post_message(events.Paste(text))
    await until(pilot, lambda: screen.running is not None or len(screen.log_widget.lines) > before)
    await until(pilot, lambda: screen.running is None, "the commands finished", seconds=120)
    return " ".join(" ".join(s.text for s in screen.log_widget.lines[before:]).split())


@pytest.mark.parametrize("lab_id", LABS)
def test_every_lab_command_runs_in_the_pane_as_printed(
    lab_id: str,
    make_app: Callable[..., CoursewareApp],
    cloud: Endpoint,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lab = load_course().lab(lab_id)
    assert lab is not None
    reset(lab, cloud)
    monkeypatch.chdir(tmp_path)  # not the checkout: labs/… must be found where installed
    blocks = lab_commands(lab_id)
    assert blocks, f"{lab_id} prints no commands"

    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CliScreen)
            for block in blocks:
                commands = logical_lines(block)
                for command in commands:
                    if _SHELL_ONLY.match(command):
                        said = await _paste(pilot, screen, command + "\n")
                        assert "not supported here" in said, said
                        assert "courseware aws" in said  # it says what does work
                        if " zip " in command:  # and the in-app way to package code
                            assert "ctrl+g for the lab's starter code" in said, said
                        checkout = command.replace("labs/", f"{project_root() / 'labs'}/")
                        subprocess.run(["bash", "-ec", checkout], cwd=tmp_path, check=True)
                        continue
                    said = await _paste(pilot, screen, command + "\n")
                    assert "exit code 0" in said, f"{command!r} failed in the pane:\n{said}"

    asyncio.run(scenario())


def test_a_pasted_block_with_continuations_runs_each_command(
    make_app: Callable[..., CoursewareApp], unique: Callable[[str], str], aws_client: Any
) -> None:
    first, second = unique("paste-a"), unique("paste-b")
    block = (
        f"courseware aws sqs create-queue \\\n  --queue-name {first}\n"
        f"aws sqs create-queue --queue-name {second}\n"
    )

    async def scenario() -> None:
        app = make_app(start_screen="cli")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CliScreen)
            said = await _paste(pilot, screen, block)
            assert said.count("exit code 0") == 2, said
            # typed, a trailing \ waits for the rest of the command
            box = screen.query_one("#cli-input", HistoryInput)
            box.value = "courseware aws sqs get-queue-url \\"
            await pilot.press("enter")
            assert screen.pending and screen.running is None
            box.value = f"  --queue-name {first}"
            await pilot.press("enter")
            await until(pilot, lambda: screen.running is None and not screen.pending)
            await until(pilot, lambda: _log_text(screen).count("exit code 0") == 3)

    asyncio.run(scenario())
    sqs = aws_client("sqs")
    assert sqs.get_queue_url(QueueName=first)["QueueUrl"].endswith(first)
    assert sqs.get_queue_url(QueueName=second)["QueueUrl"].endswith(second)
