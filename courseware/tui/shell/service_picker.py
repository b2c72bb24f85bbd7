"""Services: pick an AWS console by typing a few letters; the recently used come first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from courseware.tui.shell.navigation import Console
from courseware.tui.shell.recent import ranked


class ServicePicker(ModalScreen[str | None]):
    """A filter box over the consoles; dismisses with the chosen console's id (None: Esc)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="services.close", tooltip="Stay here"),
        Binding("down", "move(1)", "Next", show=False, id="services.down", tooltip="Next console"),
        Binding("up", "move(-1)", "Prev", show=False, id="services.up", tooltip="Previous console"),
    ]

    def __init__(self, consoles: Sequence[Console], recent: Sequence[str]) -> None:
        super().__init__()
        self.consoles = tuple(consoles)
        self.recent = tuple(recent)

    def compose(self) -> ComposeResult:
        with Vertical(id="services-box"):
            yield Static("Services: type to filter, enter opens", id="services-title")
            yield Input(placeholder="lambda, queue, tables…", id="services-filter")
            yield OptionList(id="services-list")

    def on_mount(self) -> None:
        self.show_matches("")
        self.query_one("#services-filter", Input).focus()

    def show_matches(self, query: str) -> None:
        """List the consoles matching ``query``, the recent ones first, and highlight the first."""
        options = self.query_one("#services-list", OptionList)
        options.clear_options()
        for console in ranked(self.consoles, self.recent, query):
            label = Text.assemble((console.title, "bold"), "  ", (console.tooltip, "dim"))
            if console.id in self.recent:
                label.append("  recent", style="italic")
            options.add_option(Option(label, id=console.id))
        options.highlighted = 0 if options.option_count else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_matches(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter box opens the highlighted console."""
        event.stop()
        options = self.query_one("#services-list", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        """Move the highlight while the focus stays in the filter box."""
        options = self.query_one("#services-list", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = (current + step) % options.option_count
