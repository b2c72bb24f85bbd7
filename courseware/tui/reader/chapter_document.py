"""A chapter's Markdown in a scrolling view that knows where each section starts."""

from __future__ import annotations

import asyncio
import time

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Markdown

from courseware.course.model import Chapter

JUMP_SECONDS = 3.0
STEADY_SECONDS = 0.3
KEEP_SECONDS = 3.0
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
        self._kept: tuple[str | None, int, float] | None = None

    def compose(self) -> ComposeResult:
        yield Markdown(open_links=False)

    async def show(self, chapter: Chapter) -> None:
        """Render ``chapter`` and map its sections to their headings."""
        self.chapter = None
        self._kept = None
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

    def _aim_at(self, section_id: str | None) -> None:
        header = self.headers.get(section_id) if section_id else None
        if header is None:
            self.scroll_home(animate=False, immediate=True)
        else:
            self.scroll_to_widget(header, animate=False, top=True, immediate=True)

    def _laid_out(self, section_id: str | None) -> bool:
        header = self.headers.get(section_id) if section_id else None
        return header is None or header.virtual_region_with_margin.y > 0

    async def scroll_to_section(self, section_id: str | None) -> None:
        """Scroll so the section's heading is at the top (``None``: the chapter's top).

        A new document is still being laid out (code blocks settle late), so the view is
        re-aimed until it has stayed on the heading for a moment; :meth:`keep_jump` then
        follows later shifts for a few seconds, unless the learner scrolls.
        """
        now = time.monotonic()
        deadline, steady_since = now + JUMP_SECONDS, None
        while now < deadline:
            if not (self._laid_out(section_id) and self.at_section(section_id)):
                self._aim_at(section_id)
                steady_since = None
            elif steady_since is None:
                steady_since = now
            elif now - steady_since >= STEADY_SECONDS:
                break
            await asyncio.sleep(JUMP_PAUSE)
            now = time.monotonic()
        self._kept = (section_id, round(self.scroll_y), time.monotonic() + KEEP_SECONDS)

    def keep_jump(self) -> None:
        """Keep the last jump's heading at the top while the layout settles."""
        if self._kept is None:
            return
        section_id, where, until = self._kept
        if time.monotonic() > until or round(self.scroll_y) != where:
            self._kept = None  # time is up, or the learner scrolled
        elif not self.at_section(section_id):
            self._aim_at(section_id)
            self._kept = (section_id, round(self.scroll_y), until)

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
