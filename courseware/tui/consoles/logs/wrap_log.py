"""A Log whose long lines can be wrapped to its width (``w`` toggles), or scrolled sideways.

Textual's ``Log`` keeps each line on one row: a long log message (a stack trace, a JSON
event) runs past the right edge. Unwrapped, left/right scroll it; wrapped, every line is
cut into rows as wide as the view, so the whole message is on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.binding import Binding
from textual.widgets import Log

WRAP_KEY = "w"


def wrap_line(line: str, width: int) -> list[str]:
    """``line`` cut into pieces of at most ``width`` characters (one piece when it fits)."""
    if width < 1 or len(line) <= width:
        return [line]
    return [line[i : i + width] for i in range(0, len(line), width)]


class WrapLog(Log):
    """A Log that remembers its lines as written and can show them wrapped."""

    BINDINGS = [
        Binding(WRAP_KEY, "toggle_wrap", "Wrap", id="logs.wrap", tooltip="Wrap long lines on/off"),
    ]

    def __init__(self, *args: Any, wrap: bool = False, **kwargs: Any) -> None:
        """Create the log; ``wrap`` starts it wrapped."""
        super().__init__(*args, **kwargs)
        self.wrap = wrap
        self.raw_lines: list[str] = []

    def _wrap_width(self) -> int:
        return self.scrollable_content_region.width

    def _shown(self, lines: Iterable[str]) -> list[str]:
        if not self.wrap:
            return list(lines)
        width = self._wrap_width()
        return [piece for line in lines for piece in wrap_line(line, width)]

    def write_lines(self, lines: Iterable[str], scroll_end: bool | None = None) -> WrapLog:
        """Write ``lines`` (each wrapped to the width when wrapping is on)."""
        new = [piece for line in lines for piece in line.splitlines()]
        self.raw_lines += new
        if self.max_lines is not None and len(self.raw_lines) > self.max_lines:
            del self.raw_lines[: len(self.raw_lines) - self.max_lines]
        super().write_lines(self._shown(new), scroll_end)
        return self

    def clear(self) -> WrapLog:
        """Remove every line."""
        self.raw_lines = []
        super().clear()
        return self

    def _redraw(self) -> None:
        raw = self.raw_lines
        super().clear()
        self.raw_lines = raw
        super().write_lines(self._shown(raw), scroll_end=False)

    def action_toggle_wrap(self) -> None:
        """Switch between wrapped lines and one row per line (scroll with left/right)."""
        self.wrap = not self.wrap
        self.scroll_to(x=0, animate=False)
        self._redraw()

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap to the new width."""
        if self.wrap and self.raw_lines:
            self._redraw()
