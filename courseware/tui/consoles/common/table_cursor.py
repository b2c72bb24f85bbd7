"""Which row of a DataTable the learner is on."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable


def key_under_cursor(table: DataTable[Any]) -> str | None:
    """The row key under ``table``'s cursor, or ``None`` when the table is empty."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return str(key) if key is not None else None
