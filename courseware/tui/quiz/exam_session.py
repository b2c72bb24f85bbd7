"""An exam simulation: timer, flag for review, next/previous, navigator, submit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from courseware.course.quiz import ExamSession, SessionError
from courseware.tui.quiz.exam_timer import ExamTimer
from courseware.tui.quiz.quiz_context import QuizContext
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header
from courseware.tui.shell.option_picker import OptionPicker
from courseware.tui.shell.reflow import reflow

LETTER_KEYS = "abcde"


class ExamScreen(Screen[None]):
    """The exam: answers may change until submit; the clock never pauses."""

    BINDINGS = [
        Binding("n,right", "next", "Next", id="exam.next", tooltip="The next question"),
        Binding("p,left", "previous", "Prev", id="exam.previous", tooltip="The previous question"),
        Binding("f", "flag", "Flag", id="exam.flag", tooltip="Flag this question for review"),
        Binding("g", "navigator", "Questions", id="exam.navigator", tooltip="Jump to a question"),
        Binding("ctrl+s", "submit", "Submit", id="exam.submit", tooltip="Submit the exam"),
        Binding(
            "escape", "leave", "Leave", id="exam.leave", tooltip="Abandon the exam (not scored)"
        ),
        *[
            Binding(
                key,
                f"pick('{key.upper()}')",
                f"Option {key.upper()}",
                show=False,
                id=f"exam.pick-{key}",
                tooltip=f"Toggle option {key.upper()}",
            )
            for key in LETTER_KEYS
        ],
    ]

    def __init__(self, context: QuizContext, session: ExamSession, notice: str = "") -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.notice = notice
        self._finished = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="exam-bar"):
            yield Static(id="exam-progress")
            yield ExamTimer(self.session.remaining, id="exam-timer")
        with VerticalScroll(id="exam-body"):
            yield Static(id="exam-stem")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Show the first question (and any shortfall notice)."""
        self.title = f"{self.session.profile.code} exam simulation"
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=8)
        self.show_question()

    def show_question(self) -> None:
        """Render the current question with its saved answer."""
        session = self.session
        q = session.current
        flag = " · ⚑ flagged" if session.index in session.flagged else ""
        answered = len(session.questions) - len(session.unanswered)
        self.query_one("#exam-progress", Static).update(
            f"Question {session.index + 1} of {len(session.questions)}{flag} · "
            f"answered {answered} · flagged {len(session.flagged)}"
        )
        self.query_one("#exam-stem", Static).update(Text(reflow(q.stem)))
        saved = session.chosen.get(session.index, ())
        pickers = self.query(OptionPicker)
        if pickers:
            picker = pickers.first()
            picker.load(q, saved)
        else:
            picker = OptionPicker(q, saved, id="exam-options")
            self.query_one("#exam-body").mount(picker)
        self.query_one("#exam-body").scroll_home(animate=False)
        self.call_after_refresh(picker.focus)

    def _save(self) -> None:
        pickers = self.query(OptionPicker)
        session = self.session
        if not pickers or session.outcome is not None or session.time_up:
            return
        picker = pickers.first()
        if picker.question is not session.current:
            return
        if frozenset(picker.chosen) == session.chosen.get(session.index, frozenset()):
            return
        try:
            session.choose(picker.chosen)
        except SessionError as exc:
            self.notify(str(exc), severity="warning", timeout=3)

    def on_option_picker_changed(self, event: OptionPicker.Changed) -> None:
        """Keep the session's answer in step with the picker."""
        event.stop()
        self._save()
        self._refresh_progress()

    def _refresh_progress(self) -> None:
        session = self.session
        flag = " · ⚑ flagged" if session.index in session.flagged else ""
        answered = len(session.questions) - len(session.unanswered)
        self.query_one("#exam-progress", Static).update(
            f"Question {session.index + 1} of {len(session.questions)}{flag} · "
            f"answered {answered} · flagged {len(session.flagged)}"
        )

    def action_pick(self, letter: str) -> None:
        """Toggle an option by its letter."""
        if not self.session.time_up:
            self.query_one(OptionPicker).pick(letter)

    def action_next(self) -> None:
        """The next question."""
        self.session.next()
        self.show_question()

    def action_previous(self) -> None:
        """The previous question."""
        self.session.previous()
        self.show_question()

    def action_flag(self) -> None:
        """Flag or unflag the current question."""
        self.session.toggle_flag()
        self._refresh_progress()

    def action_navigator(self) -> None:
        """Open the list of questions and jump to the one chosen."""
        from courseware.tui.quiz.exam_navigator import ExamNavigatorScreen

        def jump(index: int | None) -> None:
            if index is not None:
                self.session.go(index)
                self.show_question()

        self.app.push_screen(ExamNavigatorScreen(self.session), jump)

    def action_submit(self) -> None:
        """Ask for confirmation, then score."""
        from courseware.tui.quiz.exam_confirm import ExamConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.finish()

        self.app.push_screen(
            ExamConfirmScreen(len(self.session.unanswered), len(self.session.flagged)), confirmed
        )

    def on_exam_timer_time_up(self, _event: ExamTimer.TimeUp) -> None:
        """Time is up: the exam is submitted as it stands."""
        self.notify("Time is up: your exam has been submitted.", severity="warning")
        self.finish()

    def finish(self) -> None:
        """Score, store, and show the results in place of the exam."""
        from courseware.tui.quiz.exam_results import ExamResultsScreen

        if self._finished:
            return
        self._finished = True
        outcome = self.session.submit()
        while self.app.screen is not self and isinstance(self.app.screen, ModalScreen):
            self.app.pop_screen()
        self.app.switch_screen(ExamResultsScreen(self.context, outcome))

    def action_leave(self) -> None:
        """Leave without scoring, after confirmation (nothing is stored)."""
        from courseware.tui.quiz.exam_confirm import ExamConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes and not self._finished:
                self._finished = True
                self.notify("Exam abandoned; nothing was scored.")
                self.app.pop_screen()

        self.app.push_screen(ExamConfirmScreen(0, 0, leaving=True), confirmed)
