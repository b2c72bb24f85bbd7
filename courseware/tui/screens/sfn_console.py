"""Step Functions (placeholder until the area is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class StepFunctionsScreen(Screen[None]):
    """Step Functions."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Step Functions")
        yield Footer()
