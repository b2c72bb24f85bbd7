"""A list of an exam's questions showing which are answered and flagged; select to jump."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from courseware.course.quiz import ExamSession


def navigator_line(session: ExamSession, index: int) -> Text:
    """``" 12 ● ⚑ stem…"``: number, answered dot, flag, the stem's start."""
    question = session.questions[index]
    answered = session.is_answered(index)
    line = Text(f"{index + 1:>3} ", style="bold" if index == session.index else "")
    line.append("●" if answered else "○", style="green" if answered else "dim")
    line.append(" ⚑ " if index in session.flagged else "   ", style="yellow")
    stem = " ".join(question.stem.split())
    line.append(stem[:60] + ("…" if len(stem) > 60 else ""), style="" if answered else "dim")
    return line


class QuestionNavigator(OptionList):
    """Every question of the exam; the highlighted one is the current question."""

    DEFAULT_CSS = """
    QuestionNavigator {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, session: ExamSession, *, id: str | None = None) -> None:
        self.session = session
        super().__init__(
            *[Option(navigator_line(session, i), id=str(i)) for i in range(len(session.questions))],
            id=id,
        )

    def on_mount(self) -> None:
        """Start on the current question."""
        self.highlighted = self.session.index
