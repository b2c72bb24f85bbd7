"""Home (placeholder until the area is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class HomeScreen(Screen[None]):
    """Home."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Home")
        yield Footer()
