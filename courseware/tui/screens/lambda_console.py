"""Lambda (placeholder until the area is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class LambdaScreen(Screen[None]):
    """Lambda."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Lambda")
        yield Footer()
