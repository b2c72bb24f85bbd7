"""Drive forms as a learner does: Tab to a field, type into it, choose with the arrow keys."""

from __future__ import annotations

import re
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    TabbedContent,
    Tabs,
)

from courseware.course.model import Lab
from courseware.tui.lab.lab import LabScreen
from courseware.tui.lab.lab_picker import LabPicker
from courseware.tui.lab.lab_picker_screen import LabPickerScreen
from courseware.tui.lab.lab_steps import LabStepList
from courseware.tui.shell.cli_pane import CliScreen
from courseware.tui.shell.history_input import HistoryInput
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
    # In a row-cursor DataTable, Home scrolls sideways; ctrl+home is what moves to the first row.
    await pilot.press("ctrl+home")
    # The list may refresh under the cursor (a change elsewhere reloads it): keep walking, as a
    # learner would, up or down towards the row until the cursor rests on it.
    for _ in range(4 * table.row_count + 20):
        keys = row_keys(table)
        if 0 <= table.cursor_row < len(keys) and keys[table.cursor_row] == key:
            return
        if not table.has_focus:
            await tab_to(pilot, table)
        if key in keys:
            await pilot.press("up" if table.cursor_row > keys.index(key) else "down")
        await pilot.pause()
    raise AssertionError(f"the cursor never rested on row {key!r}: {row_keys(table)}")


async def paste(pilot: Pilot[Any], widget: Widget, text: str) -> None:
    """Paste ``text`` as the terminal does (bracketed paste): the app hands it to ``widget``.

    The paste goes to the app, which forwards it to the focused widget once (posting it to
    the widget itself would bubble up to the app and be forwarded a second time).
    """
    assert widget.has_focus, f"{widget!r} has not the focus ({pilot.app.focused!r} has)"
    pilot.app.post_message(events.Paste(text))
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


async def toggle(pilot: Pilot[Any], choices: SelectionList[Any], value: Any) -> None:
    """Tab to ``choices``, move to ``value``'s option with the arrow keys and press space."""
    await tab_to(pilot, choices)
    await pilot.press("home")
    for _ in range(choices.option_count):
        index = choices.highlighted
        if index is not None and choices.get_option_at_index(index).value == value:
            break
        await pilot.press("down")
    await pilot.press("space")
    await until(pilot, lambda: value in choices.selected, f"{value!r} ticked")


async def to_tab(pilot: Pilot[Any], tabbed: TabbedContent, pane_id: str) -> None:
    """Tab to ``tabbed``'s tab bar and move along it with the arrow keys to ``pane_id``."""
    bar = tabbed.query_one(Tabs)
    await tab_to(pilot, bar)
    for _ in range(bar.tab_count):
        if tabbed.active == pane_id:
            break
        await pilot.press("right")
    await until(pilot, lambda: tabbed.active == pane_id, f"the {pane_id} tab")


async def open_lab(pilot: Pilot[Any], lab_id: str) -> LabScreen:
    """Open the lab runner (F4), its lab picker (l) if another lab shows, and choose ``lab_id``."""
    app = pilot.app
    await pilot.press("f4")
    await until(pilot, lambda: isinstance(app.screen, (LabScreen, LabPickerScreen)), "the lab")
    screen = app.screen
    if isinstance(screen, LabScreen) and (screen.lab is None or screen.lab.id != lab_id):
        await pilot.press("l")
    if not isinstance(screen, LabScreen) or screen.lab is None or screen.lab.id != lab_id:
        picker = await until(
            pilot, lambda: isinstance(app.screen, LabPickerScreen) and app.screen, "lab picker"
        )
        labs = picker.query_one(LabPicker)
        await tab_to(pilot, labs)
        await pilot.press("home")
        for _ in range(labs.option_count):
            index = labs.highlighted
            if index is not None and labs.get_option_at_index(index).id == lab_id:
                break
            await pilot.press("down")
        await pilot.press("enter")
    runner = await until(
        pilot,
        lambda: (
            isinstance(app.screen, LabScreen)
            and app.screen.lab is not None
            and app.screen.lab.id == lab_id
            and app.screen
        ),
        f"the {lab_id} lab",
    )
    assert isinstance(runner, LabScreen)
    return runner


async def answer(pilot: Pilot[Any], runner: LabScreen, step_id: str, text: str) -> None:
    """In the lab runner: Tab to the steps, arrow down to ``step_id``, ``a``, type, enter."""
    steps = runner.query_one(LabStepList)
    await tab_to(pilot, steps)
    await pilot.press("home")
    for _ in range(steps.option_count):
        if steps.step_id == step_id:
            break
        await pilot.press("down")
    assert steps.step_id == step_id
    await pilot.press("a")
    box = runner.query_one("#lab-answer", Input)
    await until(pilot, lambda: box.has_focus, "answer box")
    await pilot.press(*text)
    await pilot.press("enter")


def printed_block(lab: Lab, step_id: str, index: int = 0) -> str:
    """The ``index``-th fenced ``sh`` block of a step's instructions, exactly as printed."""
    step = next(s for s in lab.steps if s.id == step_id)
    blocks: list[str] = re.findall(r"```sh\n(.*?)```", step.instructions, re.S)
    return blocks[index]


def printed_upload(lab: Lab, step_id: str) -> str:
    """The ``$LABS/…`` path a step tells the learner to type into Code → Upload."""
    step = next(s for s in lab.steps if s.id == step_id)
    found = re.search(r"Upload\s+`(\$LABS/[^`]+)`", step.instructions)
    assert found is not None, f"{step_id}: no Upload `$LABS/…` path printed"
    return found.group(1)


def printed_inline(lab: Lab, step_id: str) -> str:
    """The first inline `` `courseware aws …` `` command of a step's instructions, as printed."""
    step = next(s for s in lab.steps if s.id == step_id)
    found = re.search(r"`(courseware aws [^`]*)`", step.instructions)
    assert found is not None, f"{step_id}: no inline courseware aws command printed"
    return found.group(1)


async def run_in_pane(pilot: Pilot[Any], text: str) -> str:
    """Open the AWS CLI pane (F6), paste ``text`` (enter after a bare line); the output it gave."""
    app = pilot.app
    await pilot.press("f6")
    pane = await until(pilot, lambda: isinstance(app.screen, CliScreen) and app.screen, "CLI")
    box = pane.query_one("#cli-input", HistoryInput)
    await until(pilot, lambda: box.has_focus, "the command line")
    before = len(pane.log_widget.lines)
    await paste(pilot, box, text)
    if "\n" not in text:
        assert box.value == text, (box.value, text)
        await pilot.press("enter")

    def output() -> str:
        return "\n".join(strip.text for strip in pane.log_widget.lines[before:])

    await until(pilot, lambda: pane.running is None and "exit code" in output(), "the command", 120)
    return output()
