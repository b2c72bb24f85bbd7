"""One practice or review question at a time, with immediate feedback and explanations."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from courseware.course.quiz import PracticeSession, SessionError
from courseware.tui.quiz.explanations import Explanations
from courseware.tui.quiz.quiz_context import QuizContext
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header
from courseware.tui.shell.messages import OpenSection
from courseware.tui.shell.option_picker import OptionPicker
from courseware.tui.shell.reflow import reflow

LETTER_KEYS = "abcde"


class QuizQuestionScreen(Screen[None]):
    """Pick, submit, read why each option is right or wrong, jump to the section, next."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="quiz.question.back", tooltip="Stop"),
        Binding("s", "submit", "Submit", id="quiz.question.submit", tooltip="Check my answer"),
        Binding("n", "next", "Next", id="quiz.question.next", tooltip="The next question"),
        Binding(
            "o",
            "open_section",
            "Read section",
            id="quiz.question.open",
            tooltip="Open the chapter section this question is about",
        ),
        *[
            Binding(
                key,
                f"pick('{key.upper()}')",
                f"Option {key.upper()}",
                show=False,
                id=f"quiz.question.pick-{key}",
                tooltip=f"Toggle option {key.upper()}",
            )
            for key in LETTER_KEYS
        ],
    ]

    def __init__(self, context: QuizContext, session: PracticeSession, title: str) -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.heading = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="quiz-question-meta")
        with VerticalScroll(id="quiz-question-body"):
            yield Static(id="quiz-question-stem")
            yield Explanations(id="quiz-question-explanations")
        yield Static("", id="quiz-question-error", markup=False)
        with Horizontal(id="quiz-question-actions"):
            yield Button("Submit (s)", id="quiz-question-submit", variant="primary")
            yield Button("Read section (o)", id="quiz-question-open")
            yield Button("Next (n)", id="quiz-question-next", disabled=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Show the first question."""
        self.title = self.heading
        self.show_question()

    @property
    def answered(self) -> bool:
        """True once the current question is answered."""
        return self.session.index in self.session.feedback

    def show_question(self) -> None:
        """Render the current question with a fresh option picker."""
        q = self.session.current
        self._show_meta()
        self.query_one("#quiz-question-stem", Static).update(Text(reflow(q.stem)))
        pickers = self.query(OptionPicker)
        if pickers:
            picker = pickers.first()
            picker.load(q)
        else:
            picker = OptionPicker(q, id="quiz-question-options")
            self.query_one("#quiz-question-body").mount(picker, after="#quiz-question-stem")
        self.query_one("#quiz-question-body").scroll_home(animate=False)
        self.query_one(Explanations).clear()
        self._error("")
        self.query_one("#quiz-question-submit", Button).disabled = False
        self.query_one("#quiz-question-next", Button).disabled = True
        self.call_after_refresh(picker.focus)

    def _error(self, text: str) -> None:
        """Say (inline) why Submit did nothing; ``""`` hides it."""
        line = self.query_one("#quiz-question-error", Static)
        line.update(text)
        line.display = bool(text)

    def _show_meta(self) -> None:
        session, catalog = self.session, self.context.catalog
        q = session.current
        where = (
            f"{catalog.chapter_title(q.chapter)} › {catalog.section_title(q.chapter, q.section)}"
        )
        self.query_one("#quiz-question-meta", Static).update(
            f"Question {session.index + 1} of {len(session.questions)} · {where} · "
            f"{session.correct_count}/{len(session.feedback)} right so far"
        )

    def action_pick(self, letter: str) -> None:
        """Toggle an option by its letter."""
        if not self.answered:
            self.query_one(OptionPicker).pick(letter)

    def action_submit(self) -> None:
        """Check the answer and explain every option."""
        if self.answered:
            return
        picker = self.query_one(OptionPicker)
        try:
            feedback = self.session.answer(picker.chosen)
        except SessionError as exc:
            # inline, beside Submit, until the learner answers (a toast flashed and vanished)
            q = self.session.current
            left = q.choose - len(picker.chosen)
            more = f" — pick {left} more" if left > 0 else ""
            self._error(
                f"This question needs {q.choose} answer{'s' * (q.choose > 1)}{more} ({exc})."
            )
            return
        self._error("")
        picker.reveal()
        self._show_meta()
        explanations = self.query_one(Explanations)
        explanations.show_for(feedback.question, feedback.chosen)
        self.call_after_refresh(explanations.scroll_visible, animate=False)
        self.query_one("#quiz-question-submit", Button).disabled = True
        next_button = self.query_one("#quiz-question-next", Button)
        next_button.disabled = False
        next_button.label = "Next (n)" if not self.session.finished else "Finish (n)"
        next_button.focus()

    def action_next(self) -> None:
        """Go on, or finish with a tally."""
        if not self.answered:
            return
        if self.session.next():
            self.show_question()
            return
        session = self.session
        self.notify(
            f"{session.correct_count} of {len(session.questions)} correct. "
            "Missed questions come back for review when they are due.",
            title=self.heading,
        )
        self.app.pop_screen()

    def action_open_section(self) -> None:
        """Ask the app to open the reader at this question's section."""
        q = self.session.current
        catalog = self.context.catalog
        self.notify(
            f"Opening {catalog.chapter_title(q.chapter)} › "
            f"{catalog.section_title(q.chapter, q.section)}",
            timeout=3,
        )
        self.post_message(OpenSection(q.chapter, q.section))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Buttons mirror the keys."""
        actions = {
            "quiz-question-submit": self.action_submit,
            "quiz-question-next": self.action_next,
            "quiz-question-open": self.action_open_section,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()
