"""A yes/no question before something the learner cannot undo (reset a lab)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from courseware.course.model import Lab


class LabConfirmScreen(ModalScreen[bool]):
    """Ask a question; dismiss with ``True`` (yes) or ``False`` (no)."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel", id="lab-confirm.cancel", tooltip="Do nothing"),
        Binding("y", "answer(True)", "Yes", id="lab-confirm.yes", tooltip="Go ahead"),
        Binding("n", "answer(False)", "No", id="lab-confirm.no", tooltip="Do nothing"),
    ]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    @classmethod
    def reset(cls, lab: Lab) -> LabConfirmScreen:
        """Ask before resetting ``lab``."""
        names = ", ".join(r.name for r in lab.resources) or "none"
        return cls(
            f"Reset the lab “{lab.title}”?\n\nThis deletes its resources ({names}) "
            "and forgets your answers and the hints and solutions you used.",
            yes="Reset",
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="lab-confirm-dialog"):
            yield Static(self.question, id="lab-confirm-question", markup=False)
            with Horizontal(id="lab-confirm-buttons"):
                yield Button(self.yes, id="lab-confirm-yes", variant="error")
                yield Button("Cancel", id="lab-confirm-no")

    def on_mount(self) -> None:
        self.query_one("#lab-confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Yes or Cancel."""
        event.stop()
        self.dismiss(event.button.id == "lab-confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Answer from a key."""
        self.dismiss(yes)
