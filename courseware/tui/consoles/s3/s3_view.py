"""One small text object, shown read-only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TextArea

from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class S3ViewScreen(AreaScreen):
    """The text of an object; Esc goes back to the bucket."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="s3.view.back", tooltip="Back to the bucket"),
    ]

    def __init__(self, bucket: str, key: str, text: str) -> None:
        super().__init__()
        self.bucket, self.key, self.text = bucket, key, text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"s3://{self.bucket}/{self.key}", id="s3-view-title", markup=False)
        yield TextArea(self.text, read_only=True, id="s3-view-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"S3 · {self.key}"
        self.query_one("#s3-view-text", TextArea).focus()
