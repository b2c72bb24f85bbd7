"""An Input that remembers what was submitted; up and down walk the history."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input


class HistoryInput(Input):
    """A one-line input with shell-like history (``up`` older, ``down`` newer)."""

    BINDINGS = [
        Binding(
            "up",
            "history(-1)",
            "Previous",
            show=False,
            id="history-input.previous",
            tooltip="The previous command",
        ),
        Binding(
            "down",
            "history(1)",
            "Next",
            show=False,
            id="history-input.next",
            tooltip="The next command (or back to what you were typing)",
        ),
    ]

    class MultiLinePaste(Message):
        """A paste of several lines (an Input keeps only the first; this keeps them all)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(
        self,
        placeholder: str = "",
        *,
        suggester: Suggester | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(placeholder=placeholder, suggester=suggester, id=id)
        self.history: list[str] = []
        self._index = 0
        self._draft = ""

    def _on_paste(self, event: events.Paste) -> None:
        """Pasted text with a line break runs, as in a terminal; one bare line is typed as usual."""
        if "\n" in event.text or "\r" in event.text:
            event.stop()
            event.prevent_default()  # not Input's paste, which keeps only the first line
            self.post_message(self.MultiLinePaste(self.value + event.text))
            self.value = ""

    def remember(self, line: str) -> None:
        """Add ``line`` to the history (not twice in a row) and go back to a fresh line."""
        if line and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self._index = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        """Show the previous (``-1``) or next (``1``) history entry."""
        if not self.history:
            return
        if self._index == len(self.history):
            self._draft = self.value
        index = max(0, min(len(self.history), self._index + step))
        if index == self._index:
            return
        self._index = index
        self.value = self.history[index] if index < len(self.history) else self._draft
        self.cursor_position = len(self.value)
