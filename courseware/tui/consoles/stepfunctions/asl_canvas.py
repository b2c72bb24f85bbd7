"""A character canvas for drawing graphs with box-drawing lines (pure, no Textual).

Lines are recorded as direction bits per cell, so crossings and junctions get the
right character (``┬``, ``┼``…) whatever order they are drawn in; text written on
top wins over lines.
"""

from __future__ import annotations

from dataclasses import dataclass

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8

SOLID: dict[int, str] = {
    UP: "│",
    DOWN: "│",
    UP | DOWN: "│",
    LEFT: "─",
    RIGHT: "─",
    LEFT | RIGHT: "─",
    DOWN | RIGHT: "┌",
    DOWN | LEFT: "┐",
    UP | RIGHT: "└",
    UP | LEFT: "┘",
    UP | DOWN | RIGHT: "├",
    UP | DOWN | LEFT: "┤",
    DOWN | LEFT | RIGHT: "┬",
    UP | LEFT | RIGHT: "┴",
    UP | DOWN | LEFT | RIGHT: "┼",
}
DASHED: dict[int, str] = {
    UP: "╎",
    DOWN: "╎",
    UP | DOWN: "╎",
    LEFT: "╌",
    RIGHT: "╌",
    LEFT | RIGHT: "╌",
}
ROUNDED = {"┌": "╭", "┐": "╮", "└": "╰", "┘": "╯"}


@dataclass(frozen=True)
class Rect:
    """A rectangle on the canvas (columns ``x``…, rows ``y``…)."""

    x: int
    y: int
    width: int
    height: int

    def moved(self, dx: int, dy: int) -> Rect:
        """The same rectangle shifted by ``dx`` columns and ``dy`` rows."""
        return Rect(self.x + dx, self.y + dy, self.width, self.height)


class Canvas:
    """Lines and text on a grid that grows as needed."""

    def __init__(self) -> None:
        self._bits: dict[tuple[int, int], int] = {}
        self._solid: set[tuple[int, int]] = set()
        self._text: dict[tuple[int, int], str] = {}

    def _mark(self, row: int, col: int, bits: int, dashed: bool) -> None:
        self._bits[row, col] = self._bits.get((row, col), 0) | bits
        if not dashed:
            self._solid.add((row, col))

    def hline(self, row: int, x1: int, x2: int, dashed: bool = False) -> None:
        """A horizontal line on ``row`` between columns ``x1`` and ``x2`` (inclusive)."""
        left, right = min(x1, x2), max(x1, x2)
        for col in range(left, right + 1):
            bits = (RIGHT if col < right else 0) | (LEFT if col > left else 0)
            self._mark(row, col, bits or LEFT | RIGHT, dashed)

    def vline(self, col: int, y1: int, y2: int, dashed: bool = False) -> None:
        """A vertical line in ``col`` between rows ``y1`` and ``y2`` (inclusive)."""
        top, bottom = min(y1, y2), max(y1, y2)
        for row in range(top, bottom + 1):
            bits = (DOWN if row < bottom else 0) | (UP if row > top else 0)
            self._mark(row, col, bits or UP | DOWN, dashed)

    def link(self, row: int, col: int, bits: int) -> None:
        """Add line directions to one cell (e.g. a ``┬`` where an edge leaves a box)."""
        self._mark(row, col, bits, False)

    def box(self, rect: Rect, rounded: bool = False) -> None:
        """The outline of ``rect``."""
        right, bottom = rect.x + rect.width - 1, rect.y + rect.height - 1
        self.hline(rect.y, rect.x, right)
        self.hline(bottom, rect.x, right)
        self.vline(rect.x, rect.y, bottom)
        self.vline(right, rect.y, bottom)
        if rounded:
            for row, col, corner in (
                (rect.y, rect.x, "╭"),
                (rect.y, right, "╮"),
                (bottom, rect.x, "╰"),
                (bottom, right, "╯"),
            ):
                self._text[row, col] = corner

    def put(self, row: int, col: int, text: str) -> None:
        """Write ``text`` from ``col`` on ``row`` (over any lines)."""
        for offset, char in enumerate(text):
            self._text[row, col + offset] = char

    def blit(self, row: int, col: int, lines: list[str]) -> None:
        """Copy another drawing's lines here (spaces stay transparent)."""
        for dy, line in enumerate(lines):
            for dx, char in enumerate(line):
                if char != " ":
                    self._text[row + dy, col + dx] = char

    def lines(self) -> list[str]:
        """The canvas as text lines (trailing spaces removed)."""
        cells = set(self._bits) | set(self._text)
        if not cells:
            return []
        height = max(r for r, _ in cells) + 1
        width = max(c for _, c in cells) + 1
        grid = [[" "] * width for _ in range(height)]
        for (row, col), bits in self._bits.items():
            dashed = (row, col) not in self._solid
            grid[row][col] = (DASHED.get(bits) if dashed else None) or SOLID[bits]
        for (row, col), char in self._text.items():
            grid[row][col] = char
        return ["".join(line).rstrip() for line in grid]
