"""The function page's Triggers tab: SQS event source mappings (list, add, enable, delete)."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Select, Static

from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.shell.cloudcall import CloudCallError


def source_name(arn: str) -> str:
    """The last part of an event source ARN (e.g. the queue name)."""
    return arn.rpartition(":")[2] or arn


class TriggersPane(CloudPane):
    """Event source mappings of one function."""

    def __init__(self, function_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.function_name = function_name
        self.queues: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield DataTable(id="triggers-table", cursor_type="row")
        with Horizontal(classes="pane-row"):
            yield Button("Enable", id="triggers-enable")
            yield Button("Disable", id="triggers-disable")
            yield Button("Delete", variant="error", id="triggers-delete")
            yield Button("Refresh", id="triggers-refresh")
        yield Static("Add trigger: SQS", classes="pane-heading")
        yield Select[str]([], prompt="SQS queue", id="triggers-queue")
        with Horizontal(classes="pane-row", id="triggers-add-row"):
            yield Label("Batch size")
            yield Input("10", id="triggers-batch", type="integer")
            yield Checkbox("Activate trigger", value=True, id="triggers-enabled")
        with Horizontal(classes="pane-row"):
            yield Button("Add", variant="primary", id="triggers-add")
        yield Static("", id="triggers-status")

    def on_mount(self) -> None:
        table = self.query_one("#triggers-table", DataTable)
        table.add_column("Source", key="source")
        table.add_column("State", key="state")
        table.add_column("Batch", key="batch")
        table.add_column("UUID", key="uuid")

    def status(self, text: str, kind: str = "note") -> None:
        """Show an outcome line."""
        widget = self.query_one("#triggers-status", Static)
        widget.set_classes(f"pane-{kind}")
        widget.update(Content(text))

    def reload(self) -> None:
        """Load mappings and queues (in a worker)."""
        start(self, self.load, "triggers-load")

    async def load(self) -> None:
        """List this function's mappings and the queues that could trigger it."""
        found = await self.call(
            "lambda", "list_event_source_mappings", FunctionName=self.function_name
        )
        table = self.query_one("#triggers-table", DataTable)
        table.clear()
        for mapping in (found or {}).get("EventSourceMappings", []):
            table.add_row(
                source_name(str(mapping.get("EventSourceArn", ""))),
                str(mapping.get("State", "")),
                str(mapping.get("BatchSize", "")),
                str(mapping["UUID"]),
                key=str(mapping["UUID"]),
            )
        queues = await self.call("sqs", "list_queues")
        urls = [str(u) for u in (queues or {}).get("QueueUrls", [])]
        self.queues = {url.rstrip("/").rpartition("/")[2]: url for url in urls}
        self.query_one("#triggers-queue", Select).set_options(
            (name, name) for name in sorted(self.queues)
        )

    def selected(self) -> str | None:
        """The UUID of the mapping under the cursor."""
        return key_under_cursor(self.query_one("#triggers-table", DataTable))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions: dict[str, Any] = {
            "triggers-add": self.add,
            "triggers-enable": partial(self.change, {"Enabled": True}),
            "triggers-disable": partial(self.change, {"Enabled": False}),
            "triggers-delete": partial(self.change, None),
            "triggers-refresh": self.load,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            start(self, action, "triggers-act")

    async def add(self) -> None:
        """Create an SQS event source mapping from the form."""
        name = self.query_one("#triggers-queue", Select).value
        if not isinstance(name, str) or name not in self.queues:
            self.status("Choose a queue.", "error")
            return
        try:
            batch = int(self.query_one("#triggers-batch", Input).value)
        except ValueError:
            batch = 0
        if not 1 <= batch <= 10000:
            self.status("Batch size: a whole number from 1 to 10000.", "error")
            return
        try:
            attrs = await self.try_call(
                "sqs",
                "get_queue_attributes",
                QueueUrl=self.queues[name],
                AttributeNames=["QueueArn"],
            )
            await self.try_call(
                "lambda",
                "create_event_source_mapping",
                FunctionName=self.function_name,
                EventSourceArn=attrs["Attributes"]["QueueArn"],
                BatchSize=batch,
                Enabled=self.query_one("#triggers-enabled", Checkbox).value,
            )
        except CloudCallError as exc:
            self.status(f"Trigger not added: {exc}", "error")
            return
        self.status(f"Added trigger: SQS {name}.", "ok")
        await self.load()

    async def change(self, update: dict[str, Any] | None) -> None:
        """Enable/disable (``update``) or delete (``None``) the selected mapping."""
        uuid = self.selected()
        if uuid is None:
            self.status("Select a trigger first.", "error")
            return
        try:
            if update is None:
                await self.try_call("lambda", "delete_event_source_mapping", UUID=uuid)
            else:
                await self.try_call("lambda", "update_event_source_mapping", UUID=uuid, **update)
        except CloudCallError as exc:
            self.status(str(exc), "error")
            return
        self.status("Trigger deleted." if update is None else "Trigger updated.", "ok")
        await self.load()
