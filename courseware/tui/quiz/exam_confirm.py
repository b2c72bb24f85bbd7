"""Confirm submitting (or abandoning) an exam; warns about unanswered and flagged questions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ExamConfirmScreen(ModalScreen[bool]):
    """Yes goes ahead; No (or Escape) goes back to the exam."""

    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="exam.confirm.yes", tooltip="Go ahead"),
        Binding("n,escape", "dismiss(False)", "Back", id="exam.confirm.no", tooltip="Keep going"),
    ]

    def __init__(self, unanswered: int, flagged: int, *, leaving: bool = False) -> None:
        super().__init__()
        self.unanswered = unanswered
        self.flagged = flagged
        self.leaving = leaving

    def compose(self) -> ComposeResult:
        if self.leaving:
            lines = ["Abandon this exam? It will not be scored or stored."]
        else:
            lines = ["Submit the exam? You cannot change answers afterwards."]
            if self.unanswered:
                lines.append(f"{self.unanswered} question(s) unanswered (they count as wrong).")
            if self.flagged:
                lines.append(f"{self.flagged} question(s) still flagged for review.")
        with Vertical(id="exam-confirm-dialog"):
            yield Static("\n".join(lines), id="exam-confirm-text", markup=False)
            with Horizontal(id="exam-confirm-buttons"):
                label = "Abandon (y)" if self.leaving else "Submit (y)"
                yield Button(label, id="exam-confirm-yes", variant="error")
                yield Button("Back (n)", id="exam-confirm-no", variant="primary")

    def on_mount(self) -> None:
        """Default to going back."""
        self.query_one("#exam-confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button."""
        self.dismiss(event.button.id == "exam-confirm-yes")
