"""DynamoDB (placeholder until the area is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class DynamoDbScreen(Screen[None]):
    """DynamoDB."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("DynamoDB")
        yield Footer()
