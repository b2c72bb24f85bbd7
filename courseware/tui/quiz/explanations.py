"""Why each option of a question is right or wrong, shown after answering."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from courseware.course.quiz import Question
from courseware.tui.shell.reflow import reflow


def explanation_text(question: Question, chosen: Iterable[str]) -> Text:
    """A verdict line, then one line per option: mark, letter, explanation."""
    picked = frozenset(chosen)
    right = question.is_correct(picked)
    text = Text()
    if right:
        text.append("✔ Correct", style="bold green")
    else:
        given = ", ".join(sorted(picked)) or "nothing"
        text.append("✘ Not quite", style="bold red")
        text.append(f" — you chose {given}; the answer is {', '.join(sorted(question.answers))}")
    for letter, option in zip(question.letters, question.options, strict=True):
        is_answer = letter in question.answers
        mark = "✔" if is_answer else ("✘" if letter in picked else "·")
        style = "green" if is_answer else ("red" if letter in picked else "")
        text.append(f"\n{mark} {letter}  ", style=f"bold {style}".strip())
        text.append(reflow(option.explanation))
    return text


def explanation_grid(question: Question, chosen: Iterable[str]) -> Group:
    """Like :func:`explanation_text`, with explanations indented under their letters."""
    picked = frozenset(chosen)
    lines = explanation_text(question, picked).split("\n")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=4, no_wrap=True)
    grid.add_column(ratio=1)
    for letter, option in zip(question.letters, question.options, strict=True):
        is_answer = letter in question.answers
        mark = "✔" if is_answer else ("✘" if letter in picked else "·")
        style = "bold green" if is_answer else ("bold red" if letter in picked else "bold")
        grid.add_row(Text(f"{mark} {letter}", style=style), Text(reflow(option.explanation)))
    return Group(lines[0], grid)


class Explanations(Static):
    """The per-option explanations panel (hidden until there is something to explain)."""

    plain = ""
    """The panel's text without styles."""

    DEFAULT_CSS = """
    Explanations {
        height: auto;
        padding: 0 1;
        border: round $border-blurred;
        display: none;
        &.-shown { display: block; }
    }
    """

    def show_for(self, question: Question, chosen: Iterable[str]) -> None:
        """Explain every option of ``question`` given the learner's letters."""
        picked = frozenset(chosen)
        self.plain = explanation_text(question, picked).plain
        self.update(explanation_grid(question, picked))
        self.border_title = f"Source: {question.source}"
        self.add_class("-shown")

    def clear(self) -> None:
        """Hide the panel."""
        self.plain = ""
        self.update("")
        self.remove_class("-shown")
