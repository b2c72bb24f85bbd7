"""Search every chapter: type words, pick a matching section to open it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from courseware.course.model import Course
from courseware.tui.reader.chapter_search import Hit, search


class SectionSearchScreen(ModalScreen[tuple[str, str] | None]):
    """Find sections across all chapters; dismisses with ``(chapter_id, section_id)``."""

    BINDINGS = [
        Binding("escape", "app.back", "Close", id="search.close", tooltip="Close the search"),
        Binding(
            "down",
            "results",
            "Results",
            show=False,
            id="search.results",
            tooltip="Move to the results",
        ),
    ]

    def __init__(self, course: Course, query: str = "") -> None:
        super().__init__()
        self.course = course
        self.query_text = query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Input(self.query_text, placeholder="Search the chapters…", id="search-input")
            yield Static("", id="search-count")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self._update(self.query_text)
        self.query_one("#search-input", Input).focus()

    @on(Input.Changed, "#search-input")
    def changed(self, event: Input.Changed) -> None:
        """Search as the learner types."""
        self._update(event.value)

    def _update(self, query: str) -> None:
        self.hits = search(self.course, query)
        results = self.query_one("#search-results", OptionList)
        options = []
        terms = query.split()
        for index, hit in enumerate(self.hits):
            snippet = Text(hit.snippet)
            snippet.highlight_words(terms, "bold underline", case_sensitive=False)
            grid = Table.grid(expand=True)
            grid.add_column(no_wrap=True, overflow="ellipsis")
            grid.add_row(
                Text.assemble((hit.section_title, "bold"), (f" · {hit.chapter_title}", "dim"))
            )
            grid.add_row(snippet)
            options.append(Option(grid, id=str(index)))
        results.set_options(options)
        if self.hits:
            results.highlighted = 0
        count = f"{len(self.hits)} section{'s' if len(self.hits) != 1 else ''}" if query else ""
        self.query_one("#search-count", Static).update(count)

    def action_results(self) -> None:
        """Move from the query to the results."""
        self.query_one("#search-results", OptionList).focus()

    @on(Input.Submitted, "#search-input")
    def submitted(self) -> None:
        """Enter in the query opens the best hit."""
        self._choose(0)

    @on(OptionList.OptionSelected, "#search-results")
    def selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen hit."""
        self._choose(int(event.option.id or 0))

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.hits):
            hit = self.hits[index]
            self.dismiss((hit.chapter_id, hit.section_id))
