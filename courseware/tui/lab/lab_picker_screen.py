"""Choose a lab: the course's labs; enter opens one in the lab runner."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static

from courseware.course.model import Lab
from courseware.tui.lab.lab_picker import LabPicker
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class LabPickerScreen(Screen[str]):
    """The list of labs; dismisses with the chosen lab's id."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="lab-picker.back", tooltip="Back to the lab"),
    ]

    def __init__(self, labs: Iterable[Lab], current: str | None = None) -> None:
        super().__init__()
        self.labs = list(labs)
        self.current = current

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Choose a lab (enter opens it)", id="lab-picker-title")
        yield LabPicker(id="lab-picker")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Labs"
        picker = self.query_one(LabPicker)
        picker.show_labs(self.labs, self.current)
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen lab."""
        event.stop()
        if event.option.id:
            self.dismiss(event.option.id)
