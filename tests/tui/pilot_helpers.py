"""What every TUI test needs: let the app run until something holds, and read table rows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList


async def until(
    pilot: Pilot[Any], condition: Callable[[], Any], what: str = "", seconds: float = 20.0
) -> Any:
    """Let the app run until ``condition()`` is truthy and return its value.

    A widget that is not mounted yet counts as "not yet". Fails the test, naming
    ``what``, after ``seconds``.
    """
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        await pilot.pause()
        try:
            value = condition()
        except NoMatches:
            value = None
        if value:
            return value
        assert asyncio.get_running_loop().time() < deadline, (
            f"timed out waiting for {what or condition}"
        )
        await asyncio.sleep(0.05)


def row_keys(table: DataTable[Any]) -> list[str]:
    """The keys of a table's rows, in order."""
    return [str(key.value) for key in table.rows]


async def laid_out(pilot: Pilot[Any], table: DataTable[Any]) -> None:
    """Wait until a table's layout has caught up with its rows (columns at their final widths)."""
    await until(
        pilot,
        lambda: (
            table.virtual_size.width
            >= sum(c.get_render_width(table) for c in table.ordered_columns)
        ),
        "the table laid out",
    )
    await pilot.pause()


async def select_row(pilot: Pilot[Any], table: DataTable[Any], key: str) -> None:
    """Wait until ``table`` lists ``key``, then focus it and put the cursor on that row."""
    await until(pilot, lambda: key in row_keys(table), f"{key} listed")
    table.focus()
    table.move_cursor(row=table.get_row_index(key))


async def open_console(pilot: Pilot[Any], console_id: str) -> None:
    """Open a console as the learner does: Services (ctrl+o), type its id, enter."""
    app = pilot.app

    def picker_lists_it_first() -> bool:
        options = app.screen.query_one("#services-list", OptionList)
        return options.option_count > 0 and options.get_option_at_index(0).id == console_id

    await pilot.press("ctrl+o")
    await until(pilot, lambda: type(app.screen).__name__ == "ServicePicker", "the Services picker")
    await pilot.press(*console_id)
    await until(pilot, picker_lists_it_first, f"{console_id} first in the picker")
    await pilot.press("enter")
    await until(
        pilot,
        lambda: app.current_mode == console_id and type(app.screen).__name__ != "ServicePicker",
        f"the {console_id} console",
    )
