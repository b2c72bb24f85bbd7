"""The app shows whether IAM is enforced, and the palette switches it (issue #16).

Each app runs in a child process: a process holds one embedded cloud, and this test session
already has one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCENARIO = """
import asyncio, json, sys
from textual.command import CommandList, CommandPalette
from courseware.cloud.iam import mode
from courseware.tui.shell.app import CoursewareApp

async def until(pilot, condition):
    for _ in range(600):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never held")

async def main(toggle):
    app = CoursewareApp(port=0)
    seen = {}
    async with app.run_test(size=(100, 24)) as pilot:
        await until(pilot, lambda: app.endpoint is not None)
        seen["status"] = app.sub_title
        seen["cloud_says"] = mode.cloud_enforces(app.endpoint)
        if toggle:
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*"IAM enforcement")
            await until(pilot, lambda: any(
                "IAM enforcement" in str(o.prompt) for o in app.screen.query_one(CommandList).options
            ))
            await pilot.press("enter")
            await until(pilot, lambda: not isinstance(app.screen, CommandPalette))
            await pilot.pause()
            seen["status_after"] = app.sub_title
            seen["cloud_says_after"] = mode.cloud_enforces(app.endpoint)
        await pilot.press("ctrl+q")
    print(json.dumps(seen))

asyncio.run(main(sys.argv[1] == "toggle"))
"""


def _run(home: Path, what: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "COURSEWARE_IAM"}
    done = subprocess.run(
        [sys.executable, "-c", SCENARIO, what],
        capture_output=True,
        text=True,
        env={**env, "COURSEWARE_HOME": str(home)},
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_the_palette_turns_enforcement_off_at_once_and_the_app_remembers(tmp_path: Path) -> None:
    first = _run(tmp_path, "toggle")
    assert str(first["status"]).endswith(" · IAM enforced")
    assert first["cloud_says"] is True
    assert str(first["status_after"]).endswith(" · IAM off (handlers may do anything)")
    assert first["cloud_says_after"] is False, "the app's own cloud switches at once"
    again = _run(tmp_path, "look")
    assert str(again["status"]).endswith(" · IAM off (handlers may do anything)")
    assert again["cloud_says"] is False, "the saved setting applies to the next start"
