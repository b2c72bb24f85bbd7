"""Why each option of a question is right or wrong, shown after answering."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from courseware.course.quiz import Question
from courseware.tui.widgets.reflow import reflow


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


class Explanations(Static):
    """The per-option explanations panel (hidden until there is something to explain)."""

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
        self.update(explanation_text(question, chosen))
        self.border_title = f"Source: {question.source}"
        self.add_class("-shown")

    def clear(self) -> None:
        """Hide the panel."""
        self.update("")
        self.remove_class("-shown")
