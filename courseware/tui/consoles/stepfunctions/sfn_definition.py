"""A state machine definition editor: JSON text, checked as you type, problems shown inline."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea

from courseware.tui.consoles.common.code_editor import CodeEditor
from courseware.tui.consoles.stepfunctions.asl_check import check_definition

CHECK_DELAY = 0.3  # seconds after the last key before the definition is checked


class DefinitionEditor(Vertical):
    """Edit an ASL definition; posts :class:`DefinitionEditor.Checked` after each check."""

    DEFAULT_CSS = """
    DefinitionEditor {
        height: 1fr;
    }
    DefinitionEditor > TextArea {
        height: 1fr;
    }
    DefinitionEditor > .sfn-definition-problems {
        height: auto;
        max-height: 6;
        padding: 0 1;
        color: $text-error;
        overflow-y: auto;
    }
    DefinitionEditor > .sfn-definition-problems.-ok {
        color: $text-success;
    }
    """

    class Checked(Message):
        """The text was checked: ``definition`` is the parsed value when it has no problems."""

        def __init__(self, editor: DefinitionEditor, definition: dict[str, Any] | None) -> None:
            super().__init__()
            self.editor = editor
            self.definition = definition

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = text
        self._timer: Timer | None = None
        self._checked: str | None = None  # the text the problems shown are about
        self.definition: dict[str, Any] | None = None
        self.problems: list[str] = []

    def compose(self) -> ComposeResult:
        yield CodeEditor(self._initial, language="json", classes="sfn-definition-text")
        yield Static("", classes="sfn-definition-problems", markup=False)

    def on_mount(self) -> None:
        self.check()

    @property
    def text_area(self) -> TextArea:
        """The editor itself."""
        return self.query_one(TextArea)

    @property
    def text(self) -> str:
        """The definition text as typed."""
        return self.text_area.text

    def load(self, text: str) -> None:
        """Replace the text (e.g. with a template) and check it."""
        self.text_area.load_text(text)
        self.check()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        if self.text == self._checked:  # e.g. load(): checked already, maybe by the cloud too
            return
        self._timer = self.set_timer(CHECK_DELAY, self.check)

    def check(self) -> dict[str, Any] | None:
        """Check the text now; show what is wrong; the definition if it can be sent."""
        self._checked = self.text
        definition, self.problems = check_definition(self.text)
        self.definition = None if self.problems else definition
        if self.problems:
            self.show_problem("\n".join(f"✗ {p}" for p in self.problems))
        else:
            self.show_problem("✓ valid definition", ok=True)
        self.post_message(self.Checked(self, self.definition))
        return self.definition

    def show_problem(self, message: str, ok: bool = False) -> None:
        """Show ``message`` under the editor (e.g. the cloud's own validation error)."""
        problems = self.query_one(".sfn-definition-problems", Static)
        problems.set_class(ok, "-ok")
        problems.update(message)
