"""Command palette provider: every chapter section, to open it in the reader."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider


class SectionCommands(Provider):
    """``Read: <section> · <chapter>`` for every section of every chapter."""

    def _sections(self) -> list[tuple[str, str, str]]:
        """``(text, chapter_id, section_id)`` for every section, in course order."""
        from courseware.tui.shell.app import CoursewareApp

        app = self.app
        if not isinstance(app, CoursewareApp):
            return []
        return [
            (f"Read: {section.title} · {chapter.title}", chapter.id, section.id)
            for chapter in app.course.chapters
            for section in chapter.sections
        ]

    def _open(self, chapter_id: str, section_id: str) -> None:
        from courseware.tui.shell.app import CoursewareApp

        app = self.app
        if isinstance(app, CoursewareApp):
            app.run_worker(app.open_chapter(chapter_id, section_id), group="palette-open")

    async def search(self, query: str) -> Hits:
        """Sections whose title (or chapter title) matches the query."""
        matcher = self.matcher(query)
        for text, chapter_id, section_id in self._sections():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self._open, chapter_id, section_id),
                    text=text,
                    help="Open this section in the reader",
                )
