"""One results table for ``make bench``: each module contributes rows with the goal beside the figure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: A goal check: given the figure, is it met?
Goal = Callable[[float], bool]


@dataclass(frozen=True)
class Row:
    """One figure with its goal.

    Attributes:
        name: What was measured, e.g. ``"cloud ready vs moto_server"``.
        figure: The measured value (a ratio, a count, milliseconds...).
        unit: How to read ``figure`` (``"x"``, ``"ms"``, ``"MB"``, ``"msgs"``).
        goal: The goal as printed, e.g. ``"<= 1.5x"``.
        ok: Whether the goal is met.
        ratio: The paired ratio behind the figure, when there is one.
        audit: When True, a failed row fails the run (lost or misplaced work).
    """

    name: str
    figure: float
    unit: str
    goal: str
    ok: bool
    ratio: float | None = None
    audit: bool = False


def at_most(limit: float) -> tuple[str, Goal]:
    """A ``<= limit`` goal."""
    return f"<= {limit:g}", lambda value: value <= limit


def at_least(limit: float) -> tuple[str, Goal]:
    """A ``>= limit`` goal."""
    return f">= {limit:g}", lambda value: value >= limit


def exactly(value: float) -> tuple[str, Goal]:
    """An ``== value`` goal (audits: nothing lost, duplicated or misplaced)."""
    return f"== {value:g}", lambda figure: figure == value


def row(
    name: str,
    figure: float,
    unit: str,
    goal: tuple[str, Goal],
    *,
    ratio: float | None = None,
    audit: bool = False,
) -> Row:
    """A row whose ``ok`` is the goal applied to ``figure``."""
    text, check = goal
    shown = f"{text}{unit if unit in ('x', '') else ' ' + unit}"
    return Row(name, figure, unit, shown, check(figure), ratio=ratio, audit=audit)


def info(name: str, figure: float, unit: str) -> Row:
    """A row with no goal (a reference figure, e.g. the peer's own time)."""
    return Row(name, figure, unit, "-", True)


def render(rows: list[Row]) -> str:
    """The table: figure, goal, ratio, ok — one line per row."""
    width = max([len(r.name) for r in rows] + [6])
    lines = [f"{'figure':<{width}}  {'value':>12}  {'goal':>10}  {'ratio':>7}  ok"]
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        shown = f"{r.figure:g}" if r.figure == int(r.figure) and not r.unit else f"{r.figure:.2f}"
        value = f"{shown} {r.unit}".strip()
        mark = "ok" if r.ok else ("FAIL" if r.audit else "miss")
        lines.append(f"{r.name:<{width}}  {value:>12}  {r.goal:>10}  {ratio:>7}  {mark}")
    return "\n".join(lines)


def failed_audit(rows: list[Row]) -> bool:
    """Whether any audit row failed (the run must exit non-zero)."""
    return any(r.audit and not r.ok for r in rows)
