"""Drive forms as a learner does: Tab to a field, type into it, choose with the arrow keys."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, RadioButton, RadioSet, Select

from tests.tui.pilot_helpers import row_keys, until

TABS = 60  # a screen has fewer focusable parts than this


async def tab_to(pilot: Pilot[Any], widget: Widget) -> None:
    """Press Tab until ``widget`` has the focus."""
    await pilot.pause()
    for _ in range(TABS):
        if widget.has_focus or widget.has_focus_within:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached {widget!r} (focus: {pilot.app.focused!r})")


async def type_into(pilot: Pilot[Any], field: Input, text: str) -> None:
    """Tab to ``field``, clear it (end, ctrl+u) and type ``text`` key by key."""
    await tab_to(pilot, field)
    await pilot.press("end", "ctrl+u", *text)
    assert field.value == text, (field.value, text)


async def press_button(pilot: Pilot[Any], button: Widget) -> None:
    """Tab to ``button`` and press enter."""
    await tab_to(pilot, button)
    await pilot.press("enter")


async def choose(pilot: Pilot[Any], select: Select[Any], value: Any) -> None:
    """Tab to ``select``, open it (enter), move down to ``value``'s option and take it."""

    def listed() -> bool:
        return any(v == value for _, v in select._options)

    await until(pilot, listed, f"{value!r} among the choices")
    await tab_to(pilot, select)
    await pilot.press("enter")
    overlay = select.query_one(OptionList)
    await until(pilot, lambda: overlay.has_focus, "the open list")
    await pilot.press("home")
    for _ in range(overlay.option_count):
        index = overlay.highlighted
        if index is not None and select._options[index][1] == value:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await until(pilot, lambda: select.value == value, f"{value!r} chosen")


async def to_row(pilot: Pilot[Any], table: DataTable[Any], key: str) -> None:
    """Tab to ``table`` and move the cursor down to row ``key``."""
    await until(pilot, lambda: key in row_keys(table), f"{key} listed")
    await tab_to(pilot, table)
    await pilot.press("home")
    for _ in range(table.row_count):
        if row_keys(table)[table.cursor_row] == key:
            return
        await pilot.press("down")
    assert row_keys(table)[table.cursor_row] == key


async def paste(pilot: Pilot[Any], widget: Widget, text: str) -> None:
    """Paste ``text`` into the focused ``widget`` as the terminal does (bracketed paste)."""
    assert widget.has_focus
    widget.post_message(events.Paste(text))
    await pilot.pause()


async def choose_radio(pilot: Pilot[Any], button: RadioButton) -> None:
    """Tab to ``button``'s RadioSet, move to it with the arrow keys and press enter."""
    radios = button.parent
    assert isinstance(radios, RadioSet)
    await tab_to(pilot, radios)
    buttons = list(radios.query(RadioButton))
    for _ in buttons:
        if radios._selected == buttons.index(button):
            break
        await pilot.press("down")
    await pilot.press("enter")
    await until(pilot, lambda: button.value, f"{button.id} on")
