"""A chapter's Markdown in a scrolling view that knows where each section starts."""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Markdown

from courseware.course.model import Chapter

JUMP_TRIES = 40
JUMP_PAUSE = 0.025


class ChapterDocument(VerticalScroll):
    """Shows one chapter; maps section ids to their headings to scroll and to track reading."""

    DEFAULT_CSS = """
    ChapterDocument {
        height: 1fr;
        & > Markdown { padding: 0 1; }
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chapter: Chapter | None = None
        self.headers: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        yield Markdown(open_links=False)

    async def show(self, chapter: Chapter) -> None:
        """Render ``chapter`` and map its sections to their headings."""
        self.chapter = None
        doc = self.query_one(Markdown)
        await doc.update(chapter.body)
        toc = [(title, block) for level, title, block in doc.table_of_contents if level in (2, 3)]
        if len(toc) == len(chapter.sections):
            pairs = [(s.id, block) for s, (_, block) in zip(chapter.sections, toc, strict=True)]
        else:  # unexpected Markdown: match by heading text
            by_title = {title.strip(): block for title, block in toc}
            pairs = [(s.id, by_title[s.title]) for s in chapter.sections if s.title in by_title]
        self.headers = {sid: doc.query_one(f"#{block}") for sid, block in pairs if block}
        self.chapter = chapter

    def section_top(self, section_id: str) -> int:
        """The scroll offset that puts ``section_id``'s heading at the top."""
        doc = self.query_one(Markdown)
        return doc.virtual_region.y + self.headers[section_id].virtual_region_with_margin.y

    def target(self, section_id: str | None) -> int:
        """Where the view scrolls to show ``section_id`` (limited by the document's end)."""
        top = self.section_top(section_id) if section_id in self.headers else 0
        return min(top, round(self.max_scroll_y))

    def at_section(self, section_id: str | None) -> bool:
        """Whether the view shows ``section_id`` at the top (or as near as it can)."""
        return round(self.scroll_y) == self.target(section_id)

    async def scroll_to_section(self, section_id: str | None) -> None:
        """Scroll so the section's heading is at the top (``None``: the chapter's top).

        The document may still be laid out: retry briefly until the view is there.
        """
        header = self.headers.get(section_id) if section_id else None
        for _ in range(JUMP_TRIES):
            if header is None:
                self.scroll_home(animate=False, immediate=True)
            else:
                self.scroll_to_widget(header, animate=False, top=True, immediate=True)
            await asyncio.sleep(JUMP_PAUSE)
            laid_out = header is None or header.virtual_region_with_margin.y > 0
            if laid_out and self.at_section(section_id):
                return

    def visible_sections(self) -> list[str]:
        """The sections with some of their text in view, in order."""
        if self.chapter is None:
            return []
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        ids = [s.id for s in self.chapter.sections if s.id in self.headers]
        starts = [self.section_top(s) for s in ids]
        ends = [*starts[1:], self.virtual_size.height]
        return [s for s, a, b in zip(ids, starts, ends, strict=True) if a < bottom and b > top]

    def current_section(self) -> str | None:
        """The section being read: the last whose heading is at or above the top."""
        visible = self.visible_sections()
        if not visible:
            return None
        top = round(self.scroll_y) + 1
        passed = [s for s in visible if self.section_top(s) <= top]
        return passed[-1] if passed else visible[0]
