"""Messages the quiz screens post for the app to handle."""

from __future__ import annotations

from textual.message import Message


class OpenSection(Message):
    """Open the chapter reader at a section (handle with ``on_open_section`` in the app)."""

    def __init__(self, chapter_id: str, section_id: str) -> None:
        super().__init__()
        self.chapter_id = chapter_id
        self.section_id = section_id
