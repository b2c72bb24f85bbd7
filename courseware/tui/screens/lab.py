"""Lab (placeholder until the area is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class LabScreen(Screen[None]):
    """Lab."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Lab")
        yield Footer()

    def show_lab(self, lab_id: str) -> None:
        """Show ``lab_id``."""
