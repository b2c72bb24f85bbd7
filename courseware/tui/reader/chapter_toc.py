"""A chapter's table of contents: its sections, indented by level, ✓ once read."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from courseware.course.model import Chapter, Section


class ChapterToc(OptionList):
    """The sections of one chapter; selecting one posts ``OptionSelected`` with its id."""

    DEFAULT_CSS = """
    ChapterToc {
        border: none;
        padding: 0;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sections: dict[str, Section] = {}
        self._read: set[str] = set()

    @staticmethod
    def _prompt(section: Section, read: bool) -> Table:
        """``✓`` when read, then the title (wrapped lines hang under the title)."""
        grid = Table.grid()
        grid.add_column(width=4 if section.level > 2 else 2, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text("✓" if read else "", style="green"), Text(section.title))
        return grid

    def show(self, chapter: Chapter, read: Iterable[str]) -> None:
        """List ``chapter``'s sections, marking those already ``read``."""
        self._sections = {s.id: s for s in chapter.sections}
        self._read = set(read)
        self.set_options(
            Option(self._prompt(s, s.id in self._read), id=s.id) for s in chapter.sections
        )

    def mark_read(self, section_ids: Iterable[str]) -> None:
        """Tick sections as read."""
        for section_id in section_ids:
            section = self._sections.get(section_id)
            if section is not None and section_id not in self._read:
                self._read.add(section_id)
                self.replace_option_prompt(section_id, self._prompt(section, True))

    def follow(self, section_id: str) -> None:
        """Highlight ``section_id`` (the section being read)."""
        if section_id in self._sections:
            self.highlighted = self.get_option_index(section_id)
