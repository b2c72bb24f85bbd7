"""The quiz home: practice by chapter or domain, exam simulation, reviews due."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from courseware.course.quiz import (
    ExamSession,
    PracticeSession,
    Question,
    SessionError,
    draw_exam,
    due_questions,
)
from courseware.course.quiz.practice_exams import practice_exams
from courseware.tui.quiz.quiz_context import QuizContext, load_context
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header
from courseware.tui.shell.screen_speed import KeepStyles

EXAM_MINUTES_SETTING = "quiz.exam_minutes"


class QuizHomeScreen(KeepStyles, Screen[None]):
    """Choose what to practise, start an exam, or review what is due."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="quiz.back", tooltip="Leave the quiz"),
        Binding("r", "review", "Review due", id="quiz.review", tooltip="Answer the due questions"),
        Binding("e", "exam", "Exam", id="quiz.exam", tooltip="Start a DVA-C02 exam simulation"),
    ]

    def __init__(self, context: QuizContext | None = None) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the question bank…", id="quiz-home-status")
        yield OptionList(id="quiz-home-menu")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Show the menu (loading the bank off the UI thread when needed)."""
        self.title = "Quiz"
        if self.context is None:
            self.load()
        else:
            self.refresh_menu()

    @work(thread=True, exclusive=True, group="quiz-load")
    def load(self) -> None:
        """Load catalog and store in a worker thread."""
        try:
            context = load_context(getattr(self.app, "progress", None))
        except Exception as exc:  # content errors are shown, not raised
            self.app.call_from_thread(self._status, f"Cannot load the quiz: {exc}")
            return
        self.app.call_from_thread(self._loaded, context)

    def _loaded(self, context: QuizContext) -> None:
        self.context = context
        self.refresh_menu()

    def _status(self, text: str) -> None:
        self.query_one("#quiz-home-status", Static).update(text)

    def on_screen_resume(self) -> None:
        """Refresh counts when coming back from a session."""
        if self.context is not None:
            self.refresh_menu()

    def refresh_menu(self) -> None:
        """Rebuild the menu from the catalog and the store."""
        assert self.context is not None
        catalog, store = self.context.catalog, self.context.store
        due = len(due_questions(store, catalog.questions))
        skipped = len(catalog.problems)
        status = f"{len(catalog.questions)} questions · {due} due for review"
        if skipped:
            status += f" · {skipped} problem(s) in the bank: run `courseware validate`"
        self._status(status)
        items: list[Option | None] = [
            Option(f"Review due questions ({due})", id="review", disabled=not due)
        ]
        for item in store.due_items("lab:"):
            lab_id, _, step_id = item.removeprefix("lab:").partition("/")
            items.append(
                Option(
                    f"  Redo lab step {lab_id} / {step_id} (you needed its solution)",
                    id=f"lab:{lab_id}/{step_id}",
                    disabled=True,
                )
            )
        items.append(None)
        minutes = self.exam_minutes()
        for profile in catalog.profiles.values():
            items.append(
                Option(
                    f"Exam simulation: {profile.code} — {profile.questions} questions, "
                    f"{minutes or profile.minutes} min"
                    + (" (practice timing)" if minutes else "")
                    + f", pass {profile.passing_score}",
                    id=f"exam:{profile.id}",
                )
            )
        profile = catalog.default_profile
        exams = practice_exams(catalog.questions, profile)
        for number, draw in enumerate(exams, start=1):
            items.append(
                Option(
                    f"Practice exam {number} of {len(exams)}: {profile.code} — "
                    f"{len(draw.questions)} fixed questions, none shared with another practice exam",
                    id=f"practice-exam:{profile.id}/{number}",
                    disabled=not draw.questions,
                )
            )
        items.append(None)
        for chapter_id, count in catalog.chapter_counts().items():
            title = catalog.chapter_title(chapter_id)
            items.append(Option(f"Practise chapter: {title} ({count})", id=f"chapter:{chapter_id}"))
        items.append(None)
        for domain in profile.domains:
            count = len(catalog.for_domain(profile.id, domain.id))
            items.append(
                Option(
                    f"Practise {profile.code} domain: {domain.name} ({count})",
                    id=f"domain:{profile.id}/{domain.id}",
                    disabled=not count,
                )
            )
        menu = self.query_one("#quiz-home-menu", OptionList)
        highlighted = menu.highlighted
        menu.set_options(items)
        if highlighted is not None and highlighted < menu.option_count:
            menu.highlighted = highlighted
        menu.focus()

    def exam_minutes(self) -> int | None:
        """The exam time limit set for practice (setting ``quiz.exam_minutes``), if any."""
        assert self.context is not None
        value = self.context.store.get_setting(EXAM_MINUTES_SETTING, None)
        return value if isinstance(value, int) and value > 0 else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Start what was chosen."""
        choice = event.option.id or ""
        kind, _, arg = choice.partition(":")
        if kind == "review":
            self.action_review()
        elif kind == "exam":
            self.start_exam(arg)
        elif kind == "practice-exam":
            profile_id, _, number = arg.partition("/")
            self.start_exam(profile_id, practice=int(number))
        elif kind in ("chapter", "domain"):
            self.start_practice(kind, arg)

    def start_practice(self, kind: str, arg: str) -> None:
        """Practise one chapter's or domain's questions with immediate feedback."""
        assert self.context is not None
        catalog = self.context.catalog
        if kind == "chapter":
            questions, title = catalog.for_chapter(arg), catalog.chapter_title(arg)
        else:
            profile_id, _, domain_id = arg.partition("/")
            domain = catalog.profiles[profile_id].domain(domain_id)
            questions = catalog.for_domain(profile_id, domain_id)
            title = domain.name if domain else domain_id
        self._practise(questions, f"Practice: {title}", f"{kind}:{arg}", "practice")

    def action_review(self) -> None:
        """Answer the questions that are due (missed ones come back)."""
        if self.context is None:
            return
        due = due_questions(self.context.store, self.context.catalog.questions)
        if not due:
            self.notify("Nothing is due for review right now.")
            return
        self._practise(due, "Review due", "review", "review")

    def _practise(self, questions: list[Question], title: str, scope: str, mode: str) -> None:
        from courseware.tui.quiz.quiz_question import QuizQuestionScreen

        assert self.context is not None
        try:
            session = PracticeSession(
                questions, store=self.context.store, mode=mode, scope=scope, now=self.context.now
            )
        except SessionError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.app.push_screen(QuizQuestionScreen(self.context, session, title))

    def action_exam(self) -> None:
        """Start an exam with the default profile."""
        if self.context is not None:
            self.start_exam(self.context.catalog.default_profile.id)

    def start_exam(self, profile_id: str, practice: int | None = None) -> None:
        """Draw an exam by domain weight (or take practice exam N) and start the clock."""
        from courseware.tui.quiz.exam_session import ExamScreen

        assert self.context is not None
        profile = self.context.catalog.profiles[profile_id]
        if practice is None:
            draw = draw_exam(self.context.catalog.questions, profile, self.context.rng)
        else:
            draw = practice_exams(self.context.catalog.questions, profile)[practice - 1]
        try:
            session = ExamSession(
                draw.questions,
                profile,
                minutes=self.exam_minutes(),
                store=self.context.store,
                now=self.context.now,
            )
        except SessionError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.push_screen(ExamScreen(self.context, session, notice=draw.notice(profile)))
