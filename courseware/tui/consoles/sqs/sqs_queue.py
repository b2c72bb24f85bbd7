"""SQS console: one queue — details, send and receive messages, Lambda triggers, DLQ redrive."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from courseware.tui.consoles.sqs.sqs_model import attribute_rows, is_fifo, queue_name
from courseware.tui.consoles.sqs.sqs_redrive import RedrivePanel
from courseware.tui.consoles.sqs.sqs_send_receive import SendReceivePanel
from courseware.tui.consoles.sqs.sqs_triggers import TriggersPanel
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class SqsQueueScreen(AreaScreen):
    """One queue, in tabs like the AWS console's queue page."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="sqs.queue.back", tooltip="Back to the queues"),
        Binding("ctrl+s", "send", "Send", id="sqs.queue.send", tooltip="Send the message body"),
        Binding(
            "ctrl+r",
            "poll",
            "Poll/stop",
            id="sqs.queue.poll",
            tooltip="Poll for messages in the background (again: stop)",
        ),
        Binding(
            "delete",
            "delete_message",
            "Delete message",
            id="sqs.queue.delete",
            tooltip="Delete the highlighted received message",
        ),
        Binding(
            "P", "purge", "Purge", id="sqs.queue.purge", tooltip="Delete every message (asks first)"
        ),
        Binding("r", "refresh", "Refresh", id="sqs.queue.refresh", tooltip="Reload the details"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="sqs.queue.edit",
            tooltip="Change timeouts, delay, retention, wait time and dead-letter queue",
        ),
    ]

    def __init__(self, queue_name: str, queue_url: str) -> None:
        """Open the queue ``queue_name`` at ``queue_url``."""
        super().__init__()
        self.queue_name = queue_name
        self.queue_url = queue_url

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.queue_url, id="sqs-queue-url", markup=False)
        with TabbedContent(id="sqs-queue-tabs"):
            with TabPane("Details", id="sqs-tab-details"):
                yield DataTable(id="sqs-attributes", cursor_type="row", show_header=False)
            with TabPane("Send and receive", id="sqs-tab-send"):
                yield SendReceivePanel(
                    self.queue_url, is_fifo(self.queue_name), id="sqs-send-panel"
                )
            with TabPane("Lambda triggers", id="sqs-tab-triggers"):
                yield TriggersPanel(id="sqs-triggers-panel")
            with TabPane("Dead-letter redrive", id="sqs-tab-redrive"):
                yield RedrivePanel(id="sqs-redrive-panel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"SQS · {self.queue_name}"
        table = self.query_one("#sqs-attributes", DataTable)
        table.add_column("Attribute", key="name")
        table.add_column("Value", key="value")

    def cloud_ready(self) -> None:
        """Load the attributes (and then the triggers, which need the ARN)."""
        self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the queue's attributes."""
        self.load_attributes()

    @work(exclusive=True, group="sqs-attributes")
    async def load_attributes(self) -> None:
        """Show every attribute; hand the ARN to the triggers tab."""
        table = self.query_one("#sqs-attributes", DataTable)
        try:
            found = await self.try_call(
                "sqs", "get_queue_attributes", QueueUrl=self.queue_url, AttributeNames=["All"]
            )
        except CloudCallError as exc:
            table.clear()
            table.add_row("Error", str(exc))
            return
        attributes = found.get("Attributes", {})
        table.clear()
        table.add_row("URL", self.queue_url)
        for label, value in attribute_rows(attributes):
            table.add_row(label, value)
        panel = self.query_one("#sqs-triggers-panel", TriggersPanel)
        if "QueueArn" in attributes and panel.queue_arn is None:
            panel.show_queue(attributes["QueueArn"])
        redrive = self.query_one("#sqs-redrive-panel", RedrivePanel)
        if "QueueArn" in attributes and redrive.queue_arn is None:
            redrive.show_queue(self.queue_url, attributes["QueueArn"])

    def on_screen_resume(self) -> None:
        """The queue may have been edited."""
        if self.cw.clients is not None:
            self.action_refresh()

    async def action_edit(self) -> None:
        """Open the queue's settings in the create form, in edit mode."""
        from courseware.tui.consoles.sqs.sqs_create import SqsCreateScreen

        try:
            found = await self.try_call(
                "sqs", "get_queue_attributes", QueueUrl=self.queue_url, AttributeNames=["All"]
            )
            listing = await self.try_call("sqs", "list_queues", MaxResults=1000)
        except CloudCallError as exc:
            self.cw.report(exc, title="SQS")
            return
        queues = {queue_name(url): url for url in listing.get("QueueUrls", [])}
        editing = (self.queue_url, found.get("Attributes", {}))
        self.app.push_screen(SqsCreateScreen(queues, editing=editing))

    MESSAGE_ACTIONS = frozenset({"send", "poll", "delete_message", "purge"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The message keys (Send, Poll, Delete, Purge) are not the triggers or redrive tab's."""
        if action in self.MESSAGE_ACTIONS and self.is_mounted:
            tabs = self.query("#sqs-queue-tabs")
            if tabs and tabs.first(TabbedContent).active in {"sqs-tab-triggers", "sqs-tab-redrive"}:
                return False
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Fresh data when a tab opens; the footer shows that tab's keys."""
        self.refresh_bindings()
        if event.pane.id == "sqs-tab-details":
            self.action_refresh()
        elif event.pane.id == "sqs-tab-triggers":
            self.query_one("#sqs-triggers-panel", TriggersPanel).reload()
        elif event.pane.id == "sqs-tab-redrive":
            self.query_one("#sqs-redrive-panel", RedrivePanel).reload()

    @property
    def panel(self) -> SendReceivePanel:
        """The send-and-receive panel."""
        return self.query_one("#sqs-send-panel", SendReceivePanel)

    def _show_send_tab(self) -> None:
        self.query_one("#sqs-queue-tabs", TabbedContent).active = "sqs-tab-send"

    def action_send(self) -> None:
        """Send the message body."""
        self._show_send_tab()
        self.panel.send()

    def action_poll(self) -> None:
        """Start (or stop) polling for messages."""
        self._show_send_tab()
        self.panel.toggle_poll()

    def action_delete_message(self) -> None:
        """Delete the highlighted received message."""
        self.panel.delete_selected()

    def action_purge(self) -> None:
        """Purge the queue (asks first)."""
        self.panel.purge()
