"""SNS console: publish a message (body, subject, message attributes) to a topic."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from courseware.tui.consoles.common.code_editor import TextEditor
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.sns.sns_model import last_part, publish_request
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class SnsPublishScreen(AreaScreen):
    """Publish to the topic; the form stays filled, so the next message is one edit away."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="sns.publish.back", tooltip="Back to the topic"),
        Binding("ctrl+s", "publish", "Publish", id="sns.publish.submit", tooltip="Publish"),
    ]

    def __init__(self, topic_arn: str) -> None:
        super().__init__()
        self.topic_arn = topic_arn

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sns-publish-form"):
            yield Label("Message body")
            yield TextEditor("", id="sns-publish-body")
            yield Label("Subject (optional)")
            yield Input(id="sns-publish-subject")
            yield Label("Message attributes, one key=value per line (numbers become Number)")
            yield TextEditor("", id="sns-publish-attributes")
            if self.topic_arn.endswith(".fifo"):
                yield Label("Message group id")
                yield Input(id="sns-publish-group")
                yield Label("Deduplication id (optional with content-based deduplication)")
                yield Input(id="sns-publish-dedup")
            yield Static("", id="sns-publish-status")
            with Horizontal(classes="sns-buttons"):
                yield Button("Publish message", id="sns-publish-submit", variant="primary")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"SNS · {last_part(self.topic_arn)} · Publish"
        self.query_one("#sns-publish-body", TextEditor).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Publish."""
        event.stop()
        self.run_worker(self.action_publish(), exclusive=True, group="sns-publish")

    async def action_publish(self) -> None:
        """Publish the form's message and show its MessageId."""
        status = self.query_one("#sns-publish-status", Static)
        fifo = self.topic_arn.endswith(".fifo")
        try:
            params = publish_request(
                self.topic_arn,
                self.query_one("#sns-publish-body", TextEditor).text,
                self.query_one("#sns-publish-subject", Input).value,
                self.query_one("#sns-publish-attributes", TextEditor).text,
                self.query_one("#sns-publish-group", Input).value if fifo else "",
                self.query_one("#sns-publish-dedup", Input).value if fifo else "",
            )
            found = await self.try_call("sns", "publish", **params)
        except (FormError, CloudCallError) as exc:
            status.update(f"Not published: {exc}")
            return
        status.update(f"Published message {found.get('MessageId', '')}.")
