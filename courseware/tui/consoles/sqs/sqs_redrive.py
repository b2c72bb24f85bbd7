"""The queue's "Dead-letter redrive" panel: start a DLQ redrive, list and cancel move tasks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from courseware.tui.consoles.common.cloud_widget import CloudWidget
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.sqs.sqs_model import queue_name
from courseware.tui.consoles.sqs.sqs_redrive_model import redrive_request, running_handle, task_row
from courseware.tui.shell.cloudcall import CloudCallError


class RedrivePanel(Vertical, CloudWidget):
    """StartMessageMoveTask from this queue (a DLQ) and its ListMessageMoveTasks."""

    DEFAULT_CSS = """
    RedrivePanel { height: 1fr; padding: 0 1; }
    RedrivePanel #sqs-redrive-sources { height: auto; color: $text-muted; }
    RedrivePanel #sqs-move-tasks { height: 1fr; min-height: 4; }
    RedrivePanel .sqs-row { height: auto; }
    RedrivePanel .sqs-row Label { padding: 1 1 0 0; }
    RedrivePanel .sqs-row Button { margin-right: 1; }
    RedrivePanel #sqs-redrive-destination { width: 1fr; }
    RedrivePanel #sqs-redrive-rate { width: 10; }
    RedrivePanel #sqs-redrive-status { color: $text-muted; height: auto; }
    RedrivePanel #sqs-redrive-status.-error { color: $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.queue_arn: str | None = None
        self.queue_url: str | None = None
        self.tasks: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="sqs-redrive-sources", markup=False)
        with Horizontal(classes="sqs-row"):
            yield Select[str]([], prompt="Source queues (default)", id="sqs-redrive-destination")
            yield Label("Msgs/s")
            yield Input("", id="sqs-redrive-rate", type="integer", placeholder="auto")
            yield Button("Start DLQ redrive", id="sqs-redrive-start", variant="primary")
        yield Label("Move tasks (newest first)")
        yield DataTable(id="sqs-move-tasks", cursor_type="row")
        with Horizontal(classes="sqs-row"):
            yield Button("Cancel task", id="sqs-redrive-cancel", variant="error")
            yield Button("Refresh", id="sqs-redrive-refresh")
        yield Static("", id="sqs-redrive-status", markup=False)

    def on_mount(self) -> None:
        """Columns of the tasks table."""
        table = self.query_one("#sqs-move-tasks", DataTable)
        for label in ("Status", "Moved", "Rate", "Destination", "Started"):
            table.add_column(label, key=label.lower())

    def status(self, text: str, error: bool = False) -> None:
        """Show an outcome line."""
        static = self.query_one("#sqs-redrive-status", Static)
        static.update(text)
        static.set_class(error, "-error")

    def show_queue(self, queue_url: str, queue_arn: str) -> None:
        """Load the sources and move tasks of the queue at ``queue_url``."""
        self.queue_url, self.queue_arn = queue_url, queue_arn
        self.reload()

    @work(exclusive=True, group="sqs-redrive")
    async def reload(self) -> None:
        """Which queues use this one as their DLQ, the destinations, and its move tasks."""
        if self.queue_arn is None:
            return
        try:
            sources = await self.try_call(
                "sqs", "list_dead_letter_source_queues", QueueUrl=self.queue_url
            )
            listing = await self.try_call("sqs", "list_queues", MaxResults=1000)
        except CloudCallError as exc:
            self.status(f"Cannot read the queue: {exc}", error=True)
            return
        names = [queue_name(u) for u in sources.get("queueUrls", [])]
        text = (
            f"Dead-letter queue of: {', '.join(names)}"
            if names
            else "No queue uses this one as its dead-letter queue: SQS refuses a redrive from it."
        )
        self.query_one("#sqs-redrive-sources", Static).update(text)
        await self._destinations(listing.get("QueueUrls", []))
        self.tasks = []
        if names:
            try:
                found = await self.try_call(
                    "sqs", "list_message_move_tasks", SourceArn=self.queue_arn, MaxResults=10
                )
            except CloudCallError as exc:
                self.status(f"Cannot list move tasks: {exc}", error=True)
                return
            self.tasks = list(found.get("Results", []))
        table = self.query_one("#sqs-move-tasks", DataTable)
        table.clear()
        for number, task in enumerate(self.tasks):
            table.add_row(*task_row(task), key=str(number))

    async def _destinations(self, urls: list[str]) -> None:
        """Every other queue as a destination, by ARN (its account and Region are this one's)."""
        assert self.queue_arn is not None
        prefix = self.queue_arn.rsplit(":", 1)[0]
        own = self.queue_arn.rsplit(":", 1)[1]
        choices = [(queue_name(u), f"{prefix}:{queue_name(u)}") for u in urls]
        select = self.query_one("#sqs-redrive-destination", Select)
        current = select.value
        select.set_options([(n, arn) for n, arn in choices if n != own])
        if isinstance(current, str) and any(arn == current for _, arn in choices):
            select.value = current

    @work(exclusive=True, group="sqs-redrive-change")
    async def start(self) -> None:
        """StartMessageMoveTask with the chosen destination and rate."""
        if self.queue_arn is None:
            return
        destination = self.query_one("#sqs-redrive-destination", Select).value
        rate = self.query_one("#sqs-redrive-rate", Input).value
        try:
            params = redrive_request(
                self.queue_arn, destination if isinstance(destination, str) else None, rate
            )
            await self.try_call("sqs", "start_message_move_task", **params)
        except (FormError, CloudCallError) as exc:
            self.status(str(exc), error=True)
            return
        self.status("Redrive started: the messages move in the background.")
        self.reload()

    @work(exclusive=True, group="sqs-redrive-change")
    async def cancel(self) -> None:
        """CancelMessageMoveTask on the running task."""
        handle = running_handle(self.tasks)
        if handle is None:
            self.status("No running move task to cancel.", error=True)
            return
        try:
            done = await self.try_call("sqs", "cancel_message_move_task", TaskHandle=handle)
        except CloudCallError as exc:
            self.status(str(exc), error=True)
            return
        moved = done.get("ApproximateNumberOfMessagesMoved", 0)
        self.status(f"Cancelling: {moved} message(s) moved stay moved.")
        self.reload()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The panel's buttons."""
        event.stop()
        actions: dict[str, Callable[[], object]] = {
            "sqs-redrive-start": self.start,
            "sqs-redrive-cancel": self.cancel,
            "sqs-redrive-refresh": self.reload,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()
