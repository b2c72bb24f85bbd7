"""The instructor's view: learners × lab steps, live; a learner's checks; reset; notes."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from courseware.cloud.endpoint import Endpoint
from courseware.course.classroom import ClassError, ClassRoom
from courseware.course.classroom.grades import LearnerGrades, collect
from courseware.course.model import Course, Lab
from courseware.tui.classroom.grid_model import columns, row
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.header import Header

REFRESH_SECONDS = 2.0


class ClassroomScreen(Screen[None]):
    """The live grid; keys act on the learner (row) and lab (column) under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c", "check", "Check", id="class.check", tooltip="Run the learner's lab checks now"
        ),
        Binding("r", "reset", "Reset lab", id="class.reset", tooltip="Reset this learner's lab"),
        Binding("n", "note", "Note", id="class.note", tooltip="Broadcast a note to every learner"),
        Binding("ctrl+r", "reload", "Refresh", id="class.reload", tooltip="Re-read the grades"),
    ]

    def __init__(self, room: ClassRoom, endpoint: Endpoint, course: Course) -> None:
        super().__init__()
        self.room, self.endpoint, self.course = room, endpoint, course
        self.grades: list[LearnerGrades] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Class {self.room.name} · join code {self.room.code}", id="class-title")
        yield DataTable(id="class-grid", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="class-detail")
        yield Input(placeholder="a note for every learner; enter sends", id="class-note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#class-note", Input).display = False
        self.action_reload()
        self.set_interval(REFRESH_SECONDS, self.action_reload)

    @work(thread=True, exclusive=True, group="class-grid")
    def action_reload(self) -> None:
        """Read every learner's progress off the UI thread."""
        grades = collect(self.room, self.course)
        self.app.call_from_thread(self.show, grades)

    def show(self, grades: list[LearnerGrades]) -> None:
        """Paint the grid, keeping the cursor where it was."""
        self.grades = grades
        table = self.query_one("#class-grid", DataTable)
        where = table.cursor_coordinate
        wanted = columns(grades)
        if [str(c.key.value) for c in table.columns.values()] != [k for k, _ in wanted]:
            table.clear(columns=True)
            for key, label in wanted:
                table.add_column(label, key=key)
        else:
            table.clear()
        for grade in grades:
            table.add_row(*row(grade), key=grade.id)
        if grades:
            table.cursor_coordinate = table.validate_cursor_coordinate(where)

    def _selected(self) -> tuple[LearnerGrades, Lab] | None:
        table = self.query_one("#class-grid", DataTable)
        if not self.grades:
            self.notify("No learner has joined yet.", severity="warning")
            return None
        grades = self.grades[min(table.cursor_row, len(self.grades) - 1)]
        step_index = table.cursor_column - 2
        steps = grades.steps
        lab_id = steps[step_index].lab if 0 <= step_index < len(steps) else steps[0].lab
        lab = self.course.lab(lab_id)
        return (grades, lab) if lab is not None else None

    @work(thread=True, exclusive=True, group="class-act")
    def action_check(self) -> None:
        """Show the learner's current check messages for the lab under the cursor."""
        from courseware.course.classroom.actions import check_learner

        chosen = self.app.call_from_thread(self._selected)
        if chosen is None:
            return
        grades, lab = chosen
        try:
            results = check_learner(self.room, self.room.learner(grades.id), lab, self.endpoint)
        except ClassError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        marks = {"passed": "✔", "failed": "✘", "pending": "○"}
        lines = [f"{grades.name} · {lab.title}"] + [
            f"{marks[r.status]} {r.step_id}: {r.message}" for r in results
        ]
        self.app.call_from_thread(self.query_one("#class-detail", Static).update, "\n".join(lines))

    @work(thread=True, exclusive=True, group="class-act")
    def action_reset(self) -> None:
        """Reset the lab under the cursor for the learner under the cursor only."""
        from courseware.course.classroom.actions import reset_learner_lab

        chosen = self.app.call_from_thread(self._selected)
        if chosen is None:
            return
        grades, lab = chosen
        try:
            deleted = reset_learner_lab(self.room, self.room.learner(grades.id), lab, self.endpoint)
        except ClassError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        text = f"Reset {lab.id} for {grades.name}: deleted {', '.join(deleted) or 'nothing'}"
        self.app.call_from_thread(self.notify, text)
        self.action_reload()

    def action_note(self) -> None:
        """Open the note field."""
        note = self.query_one("#class-note", Input)
        note.display = True
        note.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from courseware.course.classroom.notes import add_note

        try:
            add_note(self.room.folder, event.value)
        except ValueError as exc:
            self.notify(str(exc), severity="warning")
            return
        event.input.value = ""
        event.input.display = False
        self.query_one("#class-grid", DataTable).focus()
        self.notify("Note sent to every learner.")


class ClassroomApp(App[None]):
    """The instructor's session: the classroom screen on the class's shared cloud."""

    TITLE = "courseware classroom"
    CSS_PATH = CoursewareApp.CSS_PATH
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="class.quit", tooltip="Close the instructor view"),
    ]

    def __init__(self, room: ClassRoom, endpoint: Endpoint, course: Course | None = None) -> None:
        super().__init__()
        self.room, self.endpoint = room, endpoint
        if course is None:
            from courseware.course.loader import load_course

            course = load_course()
        self.course = course

    def on_mount(self) -> None:
        self.push_screen(ClassroomScreen(self.room, self.endpoint, self.course))
