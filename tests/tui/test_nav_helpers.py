"""The nav screens' pure helpers: read tracking, the last place, search snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from courseware.tui.reader.chapter_search import snippet
from courseware.tui.reader.read_tracker import ReadTracker
from courseware.tui.shell import last_place, settings
from courseware.tui.shell.last_place import Place


def test_a_section_is_read_after_staying_in_view() -> None:
    tracker = ReadTracker(dwell=2)
    tracker.reset(already_read={"old"})
    assert tracker.update(["a", "b", "old"], now=0) == []
    assert tracker.update(["a", "b"], now=1) == []
    assert tracker.update(["b", "c"], now=2.5) == ["b"]  # a left the view before 2 s
    assert tracker.update(["a", "c"], now=4) == []  # a starts over
    assert tracker.update(["a", "c"], now=6) == ["a", "c"]
    assert tracker.read == {"old", "a", "b", "c"}
    assert tracker.update(["a"], now=100) == []  # never twice


def test_last_place_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSEWARE_HOME", str(tmp_path))
    assert last_place.load_place() is None
    last_place.save_chapter("sqs", "summary")
    assert settings.load()["last"] == {"kind": "chapter", "id": "sqs", "section": "summary"}
    assert last_place.load_place() == Place("chapter", "sqs", "summary")
    settings.save(last={"lab": "event-driven"})
    assert last_place.load_place() == Place("lab", "event-driven")
    last_place.save_lab("simple-lambda")
    assert last_place.load_place() == Place("lab", "simple-lambda")
    for junk in ("x", {"kind": "quiz", "id": "a"}, {"kind": "chapter"}, None):
        assert last_place.parse(junk) is None


def test_snippet_keeps_the_match_in_view() -> None:
    text = " ".join(f"word{i}" for i in range(100)) + " needle " + "tail " * 50
    cut = snippet(text, ["needle"], width=40)
    assert "needle" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 42
    assert snippet("short text", ["absent"]) == "short text"
