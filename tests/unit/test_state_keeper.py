"""A full disk is reported once, with what is at risk, and saving resumes when space returns."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from courseware.cloud.state.store import StateKeeper


class _FullDisk:
    """Stands in for the journal's disk while it is full (SQLite's own error)."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def append(self, kind: str, body: dict[str, Any]) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_full_disk_is_reported_once_and_saving_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COURSEWARE_HOME", str(tmp_path))
    keeper = StateKeeper(tmp_path / "cloud-state")
    keeper.load(app=None)  # an empty folder: nothing to replay
    try:
        real = keeper.journal
        keeper.journal = _FullDisk(real)  # type: ignore[assignment]
        keeper.append("req", {"n": 1})
        keeper.append("req", {"n": 2})
        status = keeper.status()
        assert status is not None and "2 change(s) not yet on disk" in status
        assert "lost if the cloud stops" in status
        err = capsys.readouterr().err
        assert err.count("cannot save the cloud's state") == 1, "reported once, not per change"
        keeper.journal = real  # space is back
        assert keeper.compact()
        assert keeper.status() is None
        assert "works again" in capsys.readouterr().err
        assert (tmp_path / "cloud-state" / "cloud-state.pickle").exists()
    finally:
        keeper.stop()
