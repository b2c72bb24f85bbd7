"""Answer options as a selectable list: pick one, or "choose N" for multiple-answer questions."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import SelectionList

from courseware.course.quiz import Question


class OptionPicker(SelectionList[str]):
    """The options of one question, labelled A, B, C…; space or a letter key toggles one.

    A single-answer question keeps one option selected; a "choose N" question refuses
    an (N+1)th. After :meth:`reveal` the list is read-only and marks right and wrong.
    """

    DEFAULT_CSS = """
    OptionPicker {
        height: auto;
        max-height: 100%;
        text-wrap: wrap;
        border: round $border-blurred;
        padding: 0 1;
        &:focus { border: round $border; }
        & > .option-list--option { padding: 0 0 0 0; }
    }
    """

    def __init__(
        self, question: Question, chosen: Iterable[str] = (), *, id: str | None = None
    ) -> None:
        self.question = question
        self.revealed = False
        super().__init__(*self._selections(question, chosen), id=id)
        self._set_title()

    def _selections(
        self, question: Question, chosen: Iterable[str]
    ) -> list[tuple[Text, str, bool]]:
        picked = set(chosen)
        return [
            (self._label(letter, option.text), letter, letter in picked)
            for letter, option in zip(question.letters, question.options, strict=True)
        ]

    def _set_title(self) -> None:
        self.border_title = (
            f"Choose {self.question.choose}" if self.question.multiple else "Choose one"
        )
        letters = self.question.letters
        self.border_subtitle = f"keys {letters[0].lower()}–{letters[-1].lower()} or space"

    def load(self, question: Question, chosen: Iterable[str] = ()) -> None:
        """Show another question (with its saved letters selected)."""
        self.question = question
        self.revealed = False
        self.disabled = False
        self.clear_options()
        self.add_options(self._selections(question, chosen))
        self.highlighted = 0
        self._set_title()

    @staticmethod
    def _label(letter: str, text: str, mark: str = "") -> Text:
        label = Text(f"{letter}. ", style="bold")
        label.append(text)
        if mark:
            label = Text(f"{mark} ", style="bold") + label
        return label

    @property
    def chosen(self) -> list[str]:
        """The selected letters, sorted."""
        return sorted(self.selected)

    def pick(self, letter: str) -> None:
        """Toggle an option by letter (what the letter keys do)."""
        if self.revealed or letter not in self.question.letters:
            return
        self.toggle(letter)
        self._enforce(letter)

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        """Keep the selection within what the question allows."""
        self._enforce(event.selection.value)

    def _enforce(self, letter: str) -> None:
        if letter not in self.selected:
            return
        if self.question.choose == 1:
            for other in self.question.letters:
                if other != letter and other in self.selected:
                    self.deselect(other)
        elif len(self.selected) > self.question.choose:
            self.deselect(letter)
            self.app.bell()
            self.notify(f"Choose {self.question.choose}: deselect one first", timeout=2)

    def reveal(self) -> None:
        """Mark the right answers (✔) and wrong picks (✘); the list becomes read-only."""
        self.revealed = True
        for index, (letter, option) in enumerate(
            zip(self.question.letters, self.question.options, strict=True)
        ):
            if letter in self.question.answers:
                mark = "✔"
            elif letter in self.selected:
                mark = "✘"
            else:
                mark = " "
            self.replace_option_prompt_at_index(index, self._label(letter, option.text, mark))
        self.disabled = True
