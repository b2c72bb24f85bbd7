"""Chapters (placeholder until the area is built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class ReaderScreen(Screen[None]):
    """Chapters."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Chapters")
        yield Footer()

    def show_chapter(self, chapter_id: str, section_id: str | None = None) -> None:
        """Show a chapter."""
