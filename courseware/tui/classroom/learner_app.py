"""A learner's app in a classroom: the usual app, plus the instructor's notes as they arrive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from courseware.tui.shell.app import CoursewareApp

NOTE_POLL_SECONDS = 3.0


class LearnerApp(CoursewareApp):
    """The app of one classroom learner (their account comes from the process environment)."""

    def __init__(self, *, class_dir: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.class_dir = class_dir
        self._seen_notes: int | None = None

    def on_mount(self) -> None:
        super().on_mount()
        self.check_notes()
        self.set_interval(NOTE_POLL_SECONDS, self.check_notes)

    def check_notes(self) -> None:
        """Show notes broadcast since the last look (the ones before joining stay quiet)."""
        from courseware.course.classroom.notes import notes

        current = notes(self.class_dir)
        if self._seen_notes is not None:
            for note in current[self._seen_notes :]:
                self.notify(note["text"], title="From your instructor", timeout=30)
        self._seen_notes = len(current)
