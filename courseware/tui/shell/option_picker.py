"""Answer options as a selectable list: pick one, or "choose N" for multiple-answer questions."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from courseware.course.quiz import Question
from courseware.tui.shell.reflow import reflow


class OptionPicker(OptionList):
    """The options of one question, labelled A, B, C…; Enter, space or a letter toggles one.

    A single-answer question keeps one option selected; a "choose N" question refuses an
    (N+1)th. After :meth:`reveal` the list is read-only and marks right (✔) and wrong (✘).
    """

    DEFAULT_CSS = """
    OptionPicker {
        height: auto;
        max-height: 100%;
        border: round $border-blurred;
        padding: 0 1;
        &:focus { border: round $border; }
    }
    """

    BINDINGS = [
        Binding(
            "space",
            "toggle_option",
            "Toggle",
            show=False,
            id="option-picker.toggle",
            tooltip="Pick",
        ),
    ]

    class Changed(Message):
        """The chosen letters changed."""

        def __init__(self, picker: OptionPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> OptionPicker:
            """The picker that changed."""
            return self.picker

    def __init__(
        self, question: Question, chosen: Iterable[str] = (), *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.selected: set[str] = set(chosen)
        self.revealed = False

    def on_mount(self) -> None:
        """Draw the options."""
        self._render_options()

    def load(self, question: Question, chosen: Iterable[str] = ()) -> None:
        """Show another question (with its saved letters selected)."""
        self.question = question
        self.selected = set(chosen)
        self.revealed = False
        self.disabled = False
        self._render_options()
        self.highlighted = 0

    def _render_options(self) -> None:
        q = self.question
        self.border_title = f"Choose {q.choose}" if q.multiple else "Choose one"
        self.border_subtitle = f"keys {q.letters[0].lower()}–{q.letters[-1].lower()}, space"
        highlighted = self.highlighted
        self.set_options(
            Option(self._label(letter, option.text), id=letter)
            for letter, option in zip(q.letters, q.options, strict=True)
        )
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def _label(self, letter: str, text: str) -> Table:
        picked = letter in self.selected
        if self.revealed:
            if letter in self.question.answers:
                box, style = "✔", "bold green"
            else:
                box, style = ("✘", "bold red") if picked else (" ", "")
            box = f" {box} "
        elif self.question.multiple:
            box, style = ("[x]" if picked else "[ ]"), ("bold" if picked else "dim")
        else:
            box, style = ("(•)" if picked else "( )"), ("bold" if picked else "dim")
        head = Text(box, style=style)
        head.append(f" {letter}.", style="bold")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=6, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(head, Text(reflow(text), style="bold" if picked and not self.revealed else ""))
        return grid

    @property
    def chosen(self) -> list[str]:
        """The selected letters, sorted."""
        return sorted(self.selected)

    def pick(self, letter: str) -> None:
        """Toggle an option by letter, within what the question allows."""
        q = self.question
        if self.revealed or letter not in q.letters:
            return
        if letter in self.selected:
            self.selected.discard(letter)
        elif q.choose == 1:
            self.selected = {letter}
        elif len(self.selected) >= q.choose:
            self.app.bell()
            self.notify(f"Choose {q.choose}: unpick one first", timeout=2)
            return
        else:
            self.selected.add(letter)
        self.highlighted = q.letters.index(letter)
        self._render_options()
        self.post_message(self.Changed(self))

    def action_toggle_option(self) -> None:
        """Toggle the highlighted option."""
        if self.highlighted is not None:
            self.pick(self.question.letters[self.highlighted])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) toggles the option."""
        event.stop()
        self.pick(event.option.id or "")

    def reveal(self) -> None:
        """Mark the right answers and wrong picks; the list becomes read-only."""
        self.revealed = True
        self._render_options()
        self.disabled = True
