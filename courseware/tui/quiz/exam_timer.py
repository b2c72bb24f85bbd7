"""A countdown for timed sessions (it cannot be paused)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from textual.message import Message
from textual.widgets import Static

LOW = timedelta(minutes=5)


def format_remaining(left: timedelta) -> str:
    """``H:MM:SS`` for the time left."""
    seconds = max(int(left.total_seconds()), 0)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class ExamTimer(Static):
    """Shows the time left, refreshed every second; posts :class:`TimeUp` once at zero."""

    DEFAULT_CSS = """
    ExamTimer {
        width: auto;
        padding: 0 1;
        text-style: bold;
        &.-low { color: $text-warning; }
        &.-up { color: $text-error; }
    }
    """

    class TimeUp(Message):
        """The time has run out."""

    def __init__(self, remaining: Callable[[], timedelta], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._remaining = remaining
        self._fired = False

    def on_mount(self) -> None:
        """Start ticking."""
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """Redraw, and announce the end once."""
        left = self._remaining()
        self.update(f"⏱ {format_remaining(left)}")
        self.set_class(left <= LOW, "-low")
        self.set_class(left <= timedelta(0), "-up")
        if left <= timedelta(0) and not self._fired:
            self._fired = True
            self.post_message(self.TimeUp())
