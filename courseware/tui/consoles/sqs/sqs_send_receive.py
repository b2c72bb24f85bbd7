"""The queue's "Send and receive messages" panel: send, poll in the background, delete, purge."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from courseware.tui.consoles.common.cloud_widget import CloudWidget
from courseware.tui.consoles.common.code_editor import TextEditor
from courseware.tui.consoles.common.form_fields import FormError, parse_int
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.sqs.sqs_model import (
    MAX_DELAY,
    message_detail,
    message_row,
)
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.confirm_dialog import ConfirmDialog

# Each ReceiveMessage long-polls at most this long, so Stop (and quitting) act within seconds;
# the poll as a whole runs for the learner's duration (20 s by default, as in the AWS console).
POLL_CHUNK_SECONDS = 2


class SendReceivePanel(VerticalScroll, CloudWidget):
    """Send messages to one queue and poll for them like the console's page of that name."""

    DEFAULT_CSS = """
    SendReceivePanel { height: 1fr; padding: 0 1; }
    SendReceivePanel #sqs-body { height: 5; }
    SendReceivePanel .sqs-row { height: auto; }
    SendReceivePanel .sqs-row Input { width: 1fr; }
    SendReceivePanel .sqs-row .sqs-small { width: 10; }
    SendReceivePanel .sqs-row Label { padding: 1 1 0 0; }
    SendReceivePanel .sqs-row Button { margin-right: 1; }
    SendReceivePanel #sqs-poll-status { width: 1fr; padding: 1 0 0 1; }
    SendReceivePanel #sqs-messages { height: 8; }
    SendReceivePanel .sqs-feedback { color: $text-muted; }
    SendReceivePanel .sqs-feedback.-error { color: $error; }
    """

    polling: reactive[bool] = reactive(False)

    def __init__(self, queue_url: str, fifo: bool, *, id: str | None = None) -> None:
        """Create the panel for the queue at ``queue_url``."""
        super().__init__(id=id)
        self.queue_url = queue_url
        self.fifo = fifo
        self.messages: dict[str, dict[str, Any]] = {}
        self._deadline = 0.0
        self._received = 0

    def compose(self) -> ComposeResult:
        yield Label("Message body")
        yield TextEditor(id="sqs-body", soft_wrap=True)
        with Horizontal(classes="sqs-row"):
            if self.fifo:
                yield Input(placeholder="Message group id (required)", id="sqs-group")
                yield Input(placeholder="Deduplication id", id="sqs-dedup")
            else:
                yield Label("Delay (s)")
                yield Input("0", id="sqs-delay", type="integer", classes="sqs-small")
            yield Button("Send (ctrl+s)", id="sqs-send", variant="primary")
        yield Static("", id="sqs-send-status", classes="sqs-feedback", markup=False)
        with Horizontal(classes="sqs-row"):
            yield Button("Poll for messages (ctrl+r)", id="sqs-poll", variant="success")
            yield Label("Seconds")
            yield Input("20", id="sqs-poll-duration", type="integer", classes="sqs-small")
            yield Label("Max")
            yield Input("10", id="sqs-poll-max", type="integer", classes="sqs-small")
        yield Static("Not polling.", id="sqs-poll-status", classes="sqs-feedback", markup=False)
        yield DataTable(id="sqs-messages", cursor_type="row")
        yield Static("", id="sqs-message-detail", markup=False)
        with Horizontal(classes="sqs-row"):
            yield Button("Delete message (del)", id="sqs-delete", variant="warning")
            yield Button("Purge queue… (P)", id="sqs-purge", variant="error")

    def on_mount(self) -> None:
        """Columns of the received-messages table."""
        table = self.query_one("#sqs-messages", DataTable)
        table.add_column("Message id", key="id")
        table.add_column("Receives", key="count")
        table.add_column("Sent (UTC)", key="sent")
        table.add_column("Body", key="body")
        self.set_interval(0.5, self._tick)

    # --- sending ---------------------------------------------------------------------------
    def feedback(self, widget_id: str, text: str, error: bool = False) -> None:
        """Show an outcome line (errors in the error colour)."""
        static = self.query_one(widget_id, Static)
        static.update(text)
        static.set_class(error, "-error")

    @work(exclusive=True, group="sqs-send")
    async def send(self) -> None:
        """Send the body (the editor keeps its text, so nothing is lost)."""
        body = self.query_one("#sqs-body", TextArea).text
        params: dict[str, Any] = {"QueueUrl": self.queue_url, "MessageBody": body}
        try:
            if not body:
                raise FormError("Type a message body first.")
            if self.fifo:
                group = self.query_one("#sqs-group", Input).value.strip()
                dedup = self.query_one("#sqs-dedup", Input).value.strip()
                if not group:
                    raise FormError("A FIFO queue needs a message group id.")
                params["MessageGroupId"] = group
                if dedup:
                    params["MessageDeduplicationId"] = dedup
            else:
                delay = self.query_one("#sqs-delay", Input).value or "0"
                params["DelaySeconds"] = parse_int("Delay", delay, 0, MAX_DELAY)
            sent = await self.try_call("sqs", "send_message", **params)
        except (FormError, CloudCallError) as exc:
            self.feedback("#sqs-send-status", str(exc), error=True)
            return
        self.feedback("#sqs-send-status", f"Sent message {sent.get('MessageId', '')}.")

    # --- polling ---------------------------------------------------------------------------
    def toggle_poll(self) -> None:
        """Start polling, or stop a poll that is running."""
        if self.polling:
            self.stop_poll()
            return
        try:
            duration = parse_int(
                "Seconds", self.query_one("#sqs-poll-duration", Input).value, 1, 60
            )
            most = parse_int(
                "Max", self.query_one("#sqs-poll-max", Input).value, 1, 10, unit="messages"
            )
        except FormError as exc:
            self.feedback("#sqs-poll-status", str(exc), error=True)
            return
        self.polling = True
        self._deadline = time.monotonic() + duration
        self._received = 0
        self.poll(most)

    def stop_poll(self) -> None:
        """Stop the poll (messages already received stay listed)."""
        self.workers.cancel_group(self, "sqs-poll")
        self.polling = False
        self.feedback("#sqs-poll-status", f"Stopped; {self._received} message(s) received.")

    @work(exclusive=True, group="sqs-poll")
    async def poll(self, most: int) -> None:
        """Receive until ``most`` messages arrived or the time is up; rows appear as they come."""
        try:
            while self._received < most:
                remaining = self._deadline - time.monotonic()
                if remaining <= 0:
                    break
                result = await self.try_call(
                    "sqs",
                    "receive_message",
                    QueueUrl=self.queue_url,
                    MaxNumberOfMessages=min(10, most - self._received),
                    WaitTimeSeconds=min(POLL_CHUNK_SECONDS, math.ceil(remaining)),
                    AttributeNames=["All"],
                    MessageAttributeNames=["All"],
                )
                for message in result.get("Messages", []):
                    self.add_message(message)
                    self._received += 1
        except CloudCallError as exc:
            self.polling = False
            self.feedback("#sqs-poll-status", f"Poll failed: {exc}", error=True)
            return
        if self.polling:
            self.polling = False
            self.feedback("#sqs-poll-status", f"Poll done; {self._received} message(s) received.")

    def _tick(self) -> None:
        if self.polling:
            left = max(0, math.ceil(self._deadline - time.monotonic()))
            self.feedback(
                "#sqs-poll-status",
                f"polling… {left} s left · {self._received} received · ctrl+r stops",
            )

    def watch_polling(self, polling: bool) -> None:
        """The poll button becomes Stop while polling."""
        button = self.query_one("#sqs-poll", Button)
        button.label = "Stop polling (ctrl+r)" if polling else "Poll for messages (ctrl+r)"
        button.variant = "warning" if polling else "success"

    def add_message(self, message: dict[str, Any]) -> None:
        """List a received message (a message received again updates its row)."""
        table = self.query_one("#sqs-messages", DataTable)
        message_id = str(message.get("MessageId", ""))
        row = message_row(message)
        if message_id in self.messages:
            for column, value in zip(("id", "count", "sent", "body"), row, strict=True):
                table.update_cell(message_id, column, value)
        else:
            table.add_row(*row, key=message_id)
        self.messages[message_id] = message
        if table.row_count == 1:
            self.show_detail(message_id)

    # --- one message -----------------------------------------------------------------------
    @on(DataTable.RowHighlighted, "#sqs-messages")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_detail(str(event.row_key.value))

    def show_detail(self, message_id: str) -> None:
        """Show one received message in full."""
        message = self.messages.get(message_id)
        if message is None:
            self.query_one("#sqs-message-detail", Static).update("")
            return
        self.query_one("#sqs-message-detail", Static).update(message_detail(message))

    def selected_message(self) -> str | None:
        """The id of the highlighted received message."""
        return key_under_cursor(self.query_one("#sqs-messages", DataTable))

    @work(exclusive=True, group="sqs-delete")
    async def delete_selected(self) -> None:
        """Delete the highlighted message with its latest receipt handle."""
        message_id = self.selected_message()
        if message_id is None:
            self.feedback("#sqs-poll-status", "Poll, then pick a message to delete.", error=True)
            return
        handle = self.messages[message_id].get("ReceiptHandle", "")
        try:
            await self.try_call(
                "sqs", "delete_message", QueueUrl=self.queue_url, ReceiptHandle=handle
            )
        except CloudCallError as exc:
            self.feedback("#sqs-poll-status", f"Delete failed: {exc}", error=True)
            return
        self.query_one("#sqs-messages", DataTable).remove_row(message_id)
        del self.messages[message_id]
        self.show_detail(self.selected_message() or "")
        self.feedback("#sqs-poll-status", f"Deleted message {message_id}.")

    def purge(self) -> None:
        """Ask, then delete every message in the queue."""
        self.app.push_screen(
            ConfirmDialog(
                "Purge the queue? Every message in it is deleted; this cannot be undone.",
                yes="Purge",
            ),
            self._purge_confirmed,
        )

    def _purge_confirmed(self, yes: bool | None) -> None:
        if yes:
            self._purge()

    @work(exclusive=True, group="sqs-purge")
    async def _purge(self) -> None:
        try:
            await self.try_call("sqs", "purge_queue", QueueUrl=self.queue_url)
        except CloudCallError as exc:
            self.feedback("#sqs-poll-status", f"Purge failed: {exc}", error=True)
            return
        self.query_one("#sqs-messages", DataTable).clear()
        self.messages.clear()
        self.show_detail("")
        self.feedback("#sqs-poll-status", "Queue purged.")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The panel's buttons."""
        event.stop()
        actions: dict[str, Callable[[], object]] = {
            "sqs-send": self.send,
            "sqs-poll": self.toggle_poll,
            "sqs-delete": self.delete_selected,
            "sqs-purge": self.purge,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()
