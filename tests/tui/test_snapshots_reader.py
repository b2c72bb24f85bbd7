"""Snapshot (80×24) of the chapter reader on a fresh data dir."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from courseware.tui.reader.reader import ReaderScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.navtools import until

FIXED_STATUS = "cloud ready at 127.0.0.1:4566"


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No progress and no last place: the screens look the same on every run."""
    monkeypatch.setenv("COURSEWARE_HOME", str(tmp_path))
    return tmp_path


def test_reader_snapshot(
    snap_compare: Any, make_app: Callable[..., CoursewareApp], fresh_home: Path
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.sub_title = FIXED_STATUS
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        reader.tracker.dwell = 1e9  # nothing turns read while the shot is taken
        await until(pilot, lambda: reader.chapter is not None and not reader._opening)
        await pilot.pause()

    app = make_app(start_screen="reader")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
