"""The keyboard helpers the in-app lab tests stand on reach what they say they reach."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input

from tests.tui.keyboard import to_row


class _Rows(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="before")
        yield DataTable(id="rows", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("name")
        for name in ("first", "second", "third"):
            table.add_row(name, key=name)


def test_to_row_walks_up_from_a_cursor_left_on_the_last_row() -> None:
    async def scenario() -> None:
        app = _Rows()
        async with app.run_test() as pilot:
            table = app.query_one(DataTable)
            table.move_cursor(row=2)  # a list remembers where the learner left it
            await pilot.pause()
            await to_row(pilot, table, "first")
            assert table.cursor_row == 0
            assert table.has_focus
            await to_row(pilot, table, "third")
            assert table.cursor_row == 2

    asyncio.run(scenario())
