"""The queue's "Lambda triggers" panel: its event source mappings, and configuring a new one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from courseware.tui.consoles.common.cloud_widget import CloudWidget
from courseware.tui.consoles.common.form_fields import FormError, parse_int
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.confirm_dialog import ConfirmDialog


def reports_failures(mapping: dict[str, Any]) -> bool:
    """Whether the mapping takes partial batch responses (ReportBatchItemFailures)."""
    return "ReportBatchItemFailures" in (mapping.get("FunctionResponseTypes") or [])


class TriggersPanel(Vertical, CloudWidget):
    """Event source mappings whose source is this queue (Lambda polls the queue for them)."""

    DEFAULT_CSS = """
    TriggersPanel { height: 1fr; padding: 0 1; }
    TriggersPanel #sqs-triggers { height: 1fr; min-height: 4; }
    TriggersPanel .sqs-row { height: auto; }
    TriggersPanel .sqs-row Label { padding: 1 1 0 0; }
    TriggersPanel .sqs-row Button { margin-right: 1; }
    TriggersPanel #sqs-trigger-function { width: 1fr; }
    TriggersPanel #sqs-trigger-batch { width: 8; }
    TriggersPanel #sqs-trigger-status { color: $text-muted; height: auto; }
    TriggersPanel #sqs-trigger-status.-error { color: $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.queue_arn: str | None = None
        self.mappings: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield DataTable(id="sqs-triggers", cursor_type="row")
        with Horizontal(classes="sqs-row"):
            yield Button("Enable/disable", id="sqs-trigger-toggle")
            yield Button("Report failures on/off", id="sqs-trigger-partial")
            yield Button("Delete…", id="sqs-trigger-delete", variant="error")
            yield Button("Refresh", id="sqs-trigger-refresh")
        yield Label("Configure Lambda function trigger")
        with Horizontal(classes="sqs-row"):
            yield Select[str]([], prompt="Lambda function", id="sqs-trigger-function")
            yield Label("Batch")
            yield Input("10", id="sqs-trigger-batch", type="integer")
            yield Button("Configure", id="sqs-trigger-create", variant="primary")
        yield Static("", id="sqs-trigger-status", markup=False)

    def on_mount(self) -> None:
        """Columns of the mappings table."""
        table = self.query_one("#sqs-triggers", DataTable)
        table.add_column("Function", key="function")
        table.add_column("State", key="state")
        table.add_column("Batch", key="batch")
        table.add_column("Report failures", key="partial")
        table.add_column("UUID", key="uuid")

    def status(self, text: str, error: bool = False) -> None:
        """Show an outcome line."""
        static = self.query_one("#sqs-trigger-status", Static)
        static.update(text)
        static.set_class(error, "-error")

    def show_queue(self, queue_arn: str) -> None:
        """Load the mappings of the queue with this ARN."""
        self.queue_arn = queue_arn
        self.reload()

    @work(exclusive=True, group="sqs-triggers")
    async def reload(self) -> None:
        """List the queue's mappings and the functions that could be triggered."""
        if self.queue_arn is None:
            return
        try:
            found = await self.try_call(
                "lambda", "list_event_source_mappings", EventSourceArn=self.queue_arn
            )
            functions = await self.try_call("lambda", "list_functions")
        except CloudCallError as exc:
            self.status(f"Cannot list triggers: {exc}", error=True)
            return
        table = self.query_one("#sqs-triggers", DataTable)
        table.clear()
        self.mappings = {}
        for mapping in found.get("EventSourceMappings", []):
            uuid = str(mapping.get("UUID", ""))
            self.mappings[uuid] = mapping
            function = str(mapping.get("FunctionArn", "")).rpartition(":function:")[2]
            table.add_row(
                function,
                mapping.get("State", "?"),
                str(mapping.get("BatchSize", "")),
                "yes" if reports_failures(mapping) else "no",
                uuid,
                key=uuid,
            )
        names = sorted(f["FunctionName"] for f in functions.get("Functions", []))
        select = self.query_one("#sqs-trigger-function", Select)
        current = select.value
        select.set_options([(name, name) for name in names])
        if isinstance(current, str) and current in names:
            select.value = current
        if not self.mappings:
            self.status("No triggers yet: pick a function and Configure.")

    @work(exclusive=True, group="sqs-trigger-change")
    async def create(self) -> None:
        """Create an event source mapping from this queue to the chosen function."""
        function = self.query_one("#sqs-trigger-function", Select).value
        try:
            if not isinstance(function, str):
                raise FormError("Pick the Lambda function to trigger.")
            batch = self.query_one("#sqs-trigger-batch", Input).value
            size = parse_int("Batch size", batch, 1, 10, unit="messages")
            await self.try_call(
                "lambda",
                "create_event_source_mapping",
                FunctionName=function,
                EventSourceArn=self.queue_arn,
                BatchSize=size,
                Enabled=True,
            )
        except (FormError, CloudCallError) as exc:
            self.status(str(exc), error=True)
            return
        self.status(f"Trigger configured: {function} now receives this queue's messages.")
        self.reload()

    def selected(self) -> str | None:
        """The UUID of the highlighted mapping."""
        return key_under_cursor(self.query_one("#sqs-triggers", DataTable))

    @work(exclusive=True, group="sqs-trigger-change")
    async def toggle(self) -> None:
        """Enable a disabled mapping, or disable an enabled one."""
        uuid = self.selected()
        if uuid is None:
            self.status("No trigger selected.", error=True)
            return
        enabled = self.mappings[uuid].get("State") in {"Enabled", "Enabling"}
        try:
            await self.try_call(
                "lambda", "update_event_source_mapping", UUID=uuid, Enabled=not enabled
            )
        except CloudCallError as exc:
            self.status(str(exc), error=True)
            return
        self.status(f"Trigger {'disabled' if enabled else 'enabled'}.")
        self.reload()

    @work(exclusive=True, group="sqs-trigger-change")
    async def toggle_partial(self) -> None:
        """Turn ReportBatchItemFailures on (only failed messages retried) or off."""
        uuid = self.selected()
        if uuid is None:
            self.status("No trigger selected.", error=True)
            return
        on = reports_failures(self.mappings[uuid])
        types = [] if on else ["ReportBatchItemFailures"]
        try:
            await self.try_call(
                "lambda", "update_event_source_mapping", UUID=uuid, FunctionResponseTypes=types
            )
        except CloudCallError as exc:
            self.status(str(exc), error=True)
            return
        self.status(
            "Report batch item failures off: a failed batch returns whole."
            if on
            else "Report batch item failures on: only the messages the function names are retried."
        )
        self.reload()

    def delete(self) -> None:
        """Ask, then delete the highlighted mapping."""
        uuid = self.selected()
        if uuid is None:
            self.status("No trigger selected.", error=True)
            return
        self.app.push_screen(
            ConfirmDialog("Delete this trigger? Lambda stops polling the queue.", yes="Delete"),
            lambda yes: self._confirmed_delete(uuid, yes),
        )

    def _confirmed_delete(self, uuid: str, yes: bool | None) -> None:
        if yes:
            self._delete(uuid)

    @work(exclusive=True, group="sqs-trigger-change")
    async def _delete(self, uuid: str) -> None:
        try:
            await self.try_call("lambda", "delete_event_source_mapping", UUID=uuid)
        except CloudCallError as exc:
            self.status(str(exc), error=True)
            return
        self.status("Trigger deleted.")
        self.reload()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The panel's buttons."""
        event.stop()
        actions: dict[str, Callable[[], object]] = {
            "sqs-trigger-create": self.create,
            "sqs-trigger-toggle": self.toggle,
            "sqs-trigger-partial": self.toggle_partial,
            "sqs-trigger-delete": self.delete,
            "sqs-trigger-refresh": self.reload,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()
