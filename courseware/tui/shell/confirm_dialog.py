"""A small yes/no dialog for destructive actions (purge a queue, delete an item)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that cannot be undone; dismisses with True to go ahead."""

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog #confirm-dialog {
        width: 64;
        max-width: 95%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmDialog #confirm-buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ConfirmDialog #confirm-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="confirm-dialog.yes", tooltip="Go ahead"),
        Binding(
            "n,escape", "dismiss(False)", "No", id="confirm-dialog.no", tooltip="Leave it as it is"
        ),
    ]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        """Create the dialog.

        Args:
            question: What is about to happen, as a question.
            yes: The label of the button that goes ahead.
        """
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.question, id="confirm-text", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="error")
                yield Button("No (n)", id="confirm-no", variant="primary")

    def on_mount(self) -> None:
        """Default to the safe answer."""
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button."""
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
