"""The exam's question list: answered and flagged at a glance; select one to jump there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from courseware.course.quiz import ExamSession
from courseware.tui.quiz.question_navigator import QuestionNavigator


class ExamNavigatorScreen(ModalScreen[int | None]):
    """Pick a question to go to (Escape to stay)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="exam.navigator.close", tooltip="Stay"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        answered = len(self.session.questions) - len(self.session.unanswered)
        with Vertical(id="exam-navigator-dialog"):
            yield Static(
                f"● answered {answered}   ○ unanswered {len(self.session.unanswered)}   "
                f"⚑ flagged {len(self.session.flagged)}",
                id="exam-navigator-legend",
            )
            yield QuestionNavigator(self.session, id="exam-navigator-list")

    def on_mount(self) -> None:
        """Focus the list."""
        self.query_one(QuestionNavigator).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to the chosen question."""
        self.dismiss(int(event.option.id or 0))
