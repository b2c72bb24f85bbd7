"""Home: the course map (chapters, labs, quiz) with progress, and "continue where you left off"."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from courseware.tui.home.home_data import HomeData, Progress, describe_place, load_home_data
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header
from courseware.tui.shell.section_commands import SectionCommands


def _row(number: str, title: str, right: str, done: bool = False) -> Table:
    """A number, a title (wrapping under itself) and a right-aligned progress column."""
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(number, Text(title), Text(right, style="green" if done else "dim"))
    return grid


def _heading(text: str) -> Option:
    return Option(Text(text, style="bold"), disabled=True)


def _chapter_option(number: int, chapter: Progress) -> Option:
    done = chapter.total > 0 and chapter.done >= chapter.total
    mark = "✓ " if done else ""
    return Option(
        _row(f"{number}.", chapter.title, f"{mark}{chapter.done}/{chapter.total}", done),
        id=f"chapter:{chapter.id}",
    )


def _lab_option(lab: Progress) -> Option:
    done = lab.total > 0 and lab.done >= lab.total
    right = f"{lab.minutes} min · {'✓ ' if done else ''}{lab.done}/{lab.total} steps"
    return Option(_row("•", lab.title, right, done), id=f"lab:{lab.id}")


class HomeScreen(AreaScreen):
    """The course map: pick a chapter to read, a lab to do, or the quiz."""

    COMMANDS = {SectionCommands}

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="home.back", tooltip="Close the current screen"),
        Binding(
            "c",
            "continue",
            "Continue",
            id="home.continue",
            tooltip="Continue where you left off",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(Option("Loading the course…", disabled=True), id="home-map")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "courseware"
        self.load()

    def on_screen_resume(self) -> None:
        """Progress may have changed elsewhere: reload it."""
        if self.data is not None:
            self.load()

    @work(thread=True, exclusive=True, group="home-load")
    def load(self) -> None:
        """Load the course and the learner's progress off the UI thread."""
        try:
            data = load_home_data(self.cw.course)
        except Exception as exc:  # a broken store or course is shown, not raised
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, data)

    def _failed(self, exc: Exception) -> None:
        menu = self.query_one("#home-map", OptionList)
        menu.set_options([Option(Text(f"Cannot load the course: {exc}", "red"), disabled=True)])

    def _show(self, data: HomeData) -> None:
        self.data = data
        menu = self.query_one("#home-map", OptionList)
        highlighted = menu.highlighted_option.id if menu.highlighted_option else None
        where = describe_place(self.cw.course, data.place)
        if where:
            first = Option(Text(f"▶ Continue: {where}", style="bold"), id="continue")
        elif data.chapters:
            first = Option(Text(f"▶ Start: {data.chapters[0].title}", style="bold"), id="continue")
        else:
            first = Option("No chapters in this course", disabled=True)
        options: list[Option] = [first, _heading("Chapters")]
        options += [_chapter_option(n, c) for n, c in enumerate(data.chapters, start=1)]
        options.append(_heading("Labs"))
        options += [_lab_option(lab) for lab in data.labs]
        options.append(_heading("Quiz"))
        due = f"{data.due} question{'s' if data.due != 1 else ''} due for review"
        options.append(Option(_row("•", "Practice, exam simulation, review", due), id="quiz"))
        menu.set_options(options)
        if highlighted and highlighted in {o.id for o in options}:
            menu.highlighted = menu.get_option_index(highlighted)
        else:
            menu.highlighted = 0
        menu.focus()

    @on(OptionList.OptionSelected, "#home-map")
    async def selected(self, event: OptionList.OptionSelected) -> None:
        """Open what was chosen."""
        await self.open(event.option.id or "")

    async def open(self, target: str) -> None:
        """Open ``continue``, ``chapter:<id>``, ``lab:<id>`` or ``quiz``."""
        kind, _, target_id = target.partition(":")
        if kind == "chapter":
            await self.cw.open_chapter(target_id)
        elif kind == "lab":
            await self.cw.open_lab(target_id)
        elif kind == "quiz":
            await self.cw.action_go("quiz")
        elif kind == "continue":
            await self.action_continue()

    async def action_continue(self) -> None:
        """Continue where the learner left off (or start with the first chapter)."""
        data = self.data
        place = data.place if data else None
        if place is not None and describe_place(self.cw.course, place):
            if place.kind == "lab":
                await self.cw.open_lab(place.id)
            else:
                await self.cw.open_chapter(place.id, place.section)
        elif data and data.chapters:
            await self.cw.open_chapter(data.chapters[0].id)
