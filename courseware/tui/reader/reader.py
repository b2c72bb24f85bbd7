"""The chapter reader: Markdown with a table of contents, search, and sections marked read."""

from __future__ import annotations

import asyncio
import threading
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList

from courseware.course.model import Chapter
from courseware.course.progress import ProgressStore
from courseware.tui.reader.chapter_document import ChapterDocument
from courseware.tui.reader.chapter_toc import ChapterToc
from courseware.tui.reader.read_tracker import DEFAULT_DWELL, ReadTracker
from courseware.tui.reader.section_search import SectionSearchScreen
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header
from courseware.tui.shell.last_place import load_place, save_chapter
from courseware.tui.shell.progress_access import open_store
from courseware.tui.shell.section_commands import SectionCommands

TICK_SECONDS = 0.5


class ReaderScreen(AreaScreen):
    """Read a chapter; a section counts as read once it stayed in view for a moment."""

    COMMANDS = {SectionCommands}

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="reader.back", tooltip="Go home"),
        Binding(
            "n,right_square_bracket",
            "chapter(1)",
            "Next",
            id="reader.next",
            tooltip="The next chapter",
        ),
        Binding(
            "p,left_square_bracket",
            "chapter(-1)",
            "Previous",
            id="reader.previous",
            tooltip="The previous chapter",
        ),
        Binding("slash", "search", "Search", id="reader.search", tooltip="Search all chapters"),
        Binding(
            "t", "toggle_toc", "Contents", id="reader.toc", tooltip="Show or hide the contents"
        ),
    ]

    def __init__(self, dwell: float = DEFAULT_DWELL) -> None:
        super().__init__()
        self.chapter: Chapter | None = None
        self.section_id: str | None = None
        self.tracker = ReadTracker(dwell)
        self._pending: tuple[str, str | None] | None = None
        self._opening = False
        self._ready = False
        self._store: ProgressStore | None = None
        self._store_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="reader-main"):
            yield ChapterToc(id="reader-toc")
            yield ChapterDocument(id="reader-doc")
        yield KeysFooter()

    @property
    def document(self) -> ChapterDocument:
        """The chapter view."""
        return self.query_one("#reader-doc", ChapterDocument)

    @property
    def toc(self) -> ChapterToc:
        """The contents."""
        return self.query_one("#reader-toc", ChapterToc)

    def on_mount(self) -> None:
        super().on_mount()
        self._ready = True
        self.document.focus()
        self.set_interval(TICK_SECONDS, self._tick)
        if self._pending is not None:
            self.show_chapter(*self._pending)
        else:  # unless the app asks for a chapter right away, open the last one read
            self.call_after_refresh(self._open_default)

    def _open_default(self) -> None:
        """Open where the learner left off in the chapters, or the first chapter."""
        if self.chapter is not None or self._opening or self._pending is not None:
            return
        place = load_place()
        if place is not None and place.kind == "chapter" and self.cw.course.chapter(place.id):
            self.show_chapter(place.id, place.section)
        elif self.cw.course.chapters:
            self.show_chapter(self.cw.course.chapters[0].id)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()

    @property
    def store(self) -> ProgressStore:
        """The progress store (opened on first use; safe to use from worker threads)."""
        with self._store_lock:
            if self._store is None:
                self._store = open_store()
            return self._store

    # --- opening ---------------------------------------------------------------------------
    def show_chapter(self, chapter_id: str, section_id: str | None = None) -> None:
        """Show a chapter, scrolled to ``section_id`` (or its top); the latest request wins."""
        self._pending = (chapter_id, section_id)
        if self._ready and not self._opening:
            self._opening = True
            self._open_pending()

    @work(group="reader-open")
    async def _open_pending(self) -> None:
        """Open requests one after the other (never two documents loading at once)."""
        try:
            while self._pending is not None:
                chapter_id, section_id = self._pending
                self._pending = None
                await self._open(chapter_id, section_id)
        finally:
            self._opening = False

    async def _open(self, chapter_id: str, section_id: str | None) -> None:
        chapter = self.cw.course.chapter(chapter_id)
        if chapter is None:
            self.notify(f"There is no chapter {chapter_id!r}.", severity="error")
            return
        if self.chapter is None or self.chapter.id != chapter.id:
            await self._load(chapter)
        if section_id is not None and section_id not in self.document.headers:
            self.notify(f"{chapter.title} has no section {section_id!r}.", severity="warning")
            section_id = None
        self._current(section_id or (chapter.sections[0].id if chapter.sections else None))
        await self.document.scroll_to_section(section_id)

    async def _load(self, chapter: Chapter) -> None:
        self.chapter = None  # no read marking while the document changes
        read = await asyncio.to_thread(self._sections_read, chapter.id)
        await self.document.show(chapter)
        self.tracker.reset(read)
        self.toc.show(chapter, read)
        number = self.cw.course.chapters.index(chapter) + 1
        self.title = f"Chapter {number} of {len(self.cw.course.chapters)}"
        self.chapter = chapter
        self.section_id = None

    def _sections_read(self, chapter_id: str) -> set[str]:
        return {section for _, section in self.store.sections_read(chapter_id)}

    def _current(self, section_id: str | None) -> None:
        """The section being read changed: follow it in the contents, remember the place."""
        if self.chapter is None or section_id == self.section_id:
            return
        self.section_id = section_id
        if section_id is not None:
            self.toc.follow(section_id)
        save_chapter(self.chapter.id, section_id)

    # --- reading ---------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.chapter is None or self._opening or self.app.screen is not self:
            return
        document = self.document
        document.keep_jump()
        visible = document.visible_sections()
        if not visible:
            return
        at_end = document.scroll_y >= document.max_scroll_y
        if not (at_end and self.section_id in visible):  # a jump to a last, short section
            self._current(document.current_section())
        newly = self.tracker.update(visible, time.monotonic())
        if newly:
            self.toc.mark_read(newly)
            self._mark_read(self.chapter.id, newly)

    @work(thread=True, group="reader-mark")
    def _mark_read(self, chapter_id: str, section_ids: list[str]) -> None:
        try:
            for section_id in section_ids:
                self.store.mark_section_read(chapter_id, section_id)
        except Exception as exc:  # progress is nice to have: say so, keep reading
            self.app.call_from_thread(self.cw.report, exc, "Progress not saved")

    # --- actions ---------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#reader-toc")
    def toc_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to the chosen section."""
        if self.chapter is not None and event.option.id:
            self.show_chapter(self.chapter.id, event.option.id)
            self.document.focus()

    def action_chapter(self, step: int) -> None:
        """Open the next (``1``) or previous (``-1``) chapter."""
        chapters = self.cw.course.chapters
        if self.chapter is None or not chapters:
            return
        index = chapters.index(self.chapter) + step
        if 0 <= index < len(chapters):
            self.show_chapter(chapters[index].id)
        else:
            self.notify("That was the last chapter." if step > 0 else "This is the first one.")

    def action_search(self) -> None:
        """Search all chapters; open the chosen section."""

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.show_chapter(*result)

        self.app.push_screen(SectionSearchScreen(self.cw.course), chosen)

    def action_toggle_toc(self) -> None:
        """Show or hide the contents."""
        self.toc.display = not self.toc.display
