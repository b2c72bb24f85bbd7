"""A code editor that behaves like the rest of the app: Tab moves on, a key of its own indents.

Textual's ``TextArea.code_editor`` takes Tab for indentation and Esc to leave, so a learner
is trapped in it and Esc means something else than everywhere else (Back). Here Tab and
Shift+Tab move the focus, as in every other field; ``ctrl+]`` indents the line (or the
selection) and ``ctrl+\\`` dedents it, the way Posting and Harlequin keep Tab for focus.
TextArea's select-all key, F7, is the app's Quiz key, so ``ctrl+a`` selects all here (as in
the AWS console's code editor); Home still goes to the start of the line.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import TextArea

INDENT_KEY = "ctrl+right_square_bracket"
DEDENT_KEY = "ctrl+backslash"
SELECT_ALL_KEY = "ctrl+a"


class TextEditor(TextArea):
    """A TextArea that Tab leaves (as every field) and where ``ctrl+a`` selects all."""

    BINDINGS = [
        Binding(
            SELECT_ALL_KEY,
            "select_all",
            "Select all",
            id="text-editor.select-all",
            show=False,
            tooltip="Select all the text (a paste or a key then replaces it)",
        ),
    ]

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(text, tab_behavior="focus", **kwargs)


class CodeEditor(TextEditor):
    """A TextEditor with line numbers and soft tabs; ``ctrl+]`` indents, ``ctrl+\\`` dedents."""

    BINDINGS = [
        Binding(INDENT_KEY, "indent", "Indent", id="code-editor.indent", tooltip="Indent (ctrl+])"),
        Binding(
            DEDENT_KEY, "dedent", "Dedent", id="code-editor.dedent", tooltip="Dedent (ctrl+\\)"
        ),
    ]

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("show_line_numbers", True)
        kwargs.setdefault("soft_wrap", False)
        kwargs.setdefault("theme", "monokai")
        super().__init__(text, **kwargs)

    def _rows(self) -> range:
        start, end = sorted((self.selection.start, self.selection.end))
        return range(start[0], end[0] + 1)

    def action_indent(self) -> None:
        """Indent the cursor's line, or every selected line, by one level."""
        if self.read_only:
            return
        pad = " " * self.indent_width
        for row in self._rows():
            self.insert(pad, (row, 0))

    def action_dedent(self) -> None:
        """Remove up to one level of indentation from the cursor's (or selected) lines."""
        if self.read_only:
            return
        for row in self._rows():
            line = self.document.get_line(row)
            cut = len(line) - len(line.lstrip(" "))
            if cut:
                self.delete((row, 0), (row, min(cut, self.indent_width)))
