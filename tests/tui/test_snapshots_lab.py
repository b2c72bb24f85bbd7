"""Snapshot of the lab runner: simple-lambda just after a reset, its first step failed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.tui.lab.lab import LabScreen
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp


def test_lab_runner_after_reset(
    snap_compare: Any, make_app: Callable[..., CoursewareApp], cloud: Endpoint
) -> None:
    lab = load_course().lab("simple-lambda")
    assert lab is not None
    reset(lab, cloud)
    app = make_app()

    async def run_before(pilot: Pilot[None]) -> None:
        await app.open_lab("simple-lambda")
        screen = app.screen
        assert isinstance(screen, LabScreen)
        await pilot.press("t")  # no automatic re-check during the shot
        deadline = asyncio.get_running_loop().time() + 20
        while screen.state is None or not screen.state.checked or screen._checking:
            assert asyncio.get_running_loop().time() < deadline
            await pilot.pause()
            await asyncio.sleep(0.05)
        app.sub_title = "cloud ready at 127.0.0.1:4566"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
