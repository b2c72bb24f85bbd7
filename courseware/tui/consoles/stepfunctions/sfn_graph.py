"""A state machine's graph in text, scrollable both ways, coloured by state status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.widgets import Static

from courseware.tui.consoles.stepfunctions.asl_canvas import Rect
from courseware.tui.consoles.stepfunctions.asl_graph import Drawing, draw
from courseware.tui.consoles.stepfunctions.sfn_history import (
    CAUGHT,
    FAILED,
    NOT_RUN,
    RUNNING,
    SUCCEEDED,
)

STYLES: dict[str, str] = {
    SUCCEEDED: "bold green",
    FAILED: "bold red",
    RUNNING: "bold yellow",
    CAUGHT: "dim",
    NOT_RUN: "dim",
}
LEGEND = ((SUCCEEDED, "succeeded"), (FAILED, "failed"), (RUNNING, "in progress"))
LEGEND_DIM = "caught / not run"


def _cells(rect: Rect, border_only: bool) -> list[tuple[int, int, int]]:
    """(row, first column, end column) runs covering ``rect`` (or only its border)."""
    right = rect.x + rect.width
    if not border_only:
        return [(row, rect.x, right) for row in range(rect.y, rect.y + rect.height)]
    runs = [(rect.y, rect.x, right), (rect.y + rect.height - 1, rect.x, right)]
    for row in range(rect.y + 1, rect.y + rect.height - 1):
        runs += [(row, rect.x, rect.x + 1), (row, right - 1, right)]
    return runs


def render_drawing(drawing: Drawing, statuses: Mapping[str, str] | None = None) -> Text:
    """The drawing as Rich text; with ``statuses`` every box gets its status colour."""
    lines = [line.ljust(drawing.width) for line in drawing.lines]
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    text = Text("\n".join(lines), no_wrap=True, end="")
    if statuses is None:
        return text
    compound = [n for n in drawing.boxes if n in drawing.compound]
    simple = [n for n in drawing.boxes if n not in drawing.compound]
    for name in compound + simple:  # nested boxes after their container: their colour wins
        style = STYLES.get(statuses.get(name, NOT_RUN), "")
        for row, left, right in _cells(drawing.boxes[name], name in drawing.compound):
            if 0 <= row < len(lines):
                text.stylize(style, starts[row] + left, starts[row] + right)
    return text


def legend() -> Text:
    """What the status colours mean."""
    text = Text(no_wrap=True, end="")
    for status, label in LEGEND:
        text.append("■ ", STYLES[status]).append(f"{label}  ")
    text.append("■ ", STYLES[NOT_RUN]).append(LEGEND_DIM, STYLES[NOT_RUN])
    return text


class SfnGraph(ScrollableContainer):
    """The graph of a definition (boxes, arrows, Start and End), optionally with statuses."""

    DEFAULT_CSS = """
    SfnGraph {
        height: 1fr;
        border: round $border-blurred;
    }
    SfnGraph:focus-within, SfnGraph:focus {
        border: round $border;
    }
    SfnGraph > .sfn-graph-legend {
        width: auto;
        height: 1;
        padding: 0 1;
    }
    SfnGraph > .sfn-graph-canvas {
        width: auto;
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.drawing: Drawing | None = None
        self.can_focus = True

    def compose(self) -> ComposeResult:
        yield Static(classes="sfn-graph-legend")
        yield Static("(no definition)", classes="sfn-graph-canvas")

    def show(
        self, definition: Mapping[str, Any] | None, statuses: Mapping[str, str] | None = None
    ) -> None:
        """Draw ``definition`` (``None``: say there is nothing to draw)."""
        canvas = self.query_one(".sfn-graph-canvas", Static)
        key = self.query_one(".sfn-graph-legend", Static)
        key.display = statuses is not None
        if statuses is not None:
            key.update(legend())
        if definition is None:
            self.drawing = None
            canvas.update("(no valid definition to draw)")
            return
        self.drawing = draw(definition)
        canvas.update(render_drawing(self.drawing, statuses))

    @property
    def text(self) -> str:
        """The plain text drawn (for tests and copying)."""
        return "\n".join(self.drawing.lines) if self.drawing else ""
