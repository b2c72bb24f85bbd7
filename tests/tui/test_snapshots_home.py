"""Snapshot (80×24) of the home screen on a fresh data dir."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from courseware.tui.home.home import HomeScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.navtools import until

FIXED_STATUS = "cloud ready at 127.0.0.1:4566"


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No progress and no last place: the screens look the same on every run."""
    monkeypatch.setenv("COURSEWARE_HOME", str(tmp_path))
    return tmp_path


def test_home_snapshot(
    snap_compare: Any, make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.sub_title = FIXED_STATUS
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        await until(pilot, lambda: home.data is not None)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
