"""SQS console: the queue list (type, visible and in-flight messages); create and open queues."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.sqs.sqs_model import QUEUE_LIST_ATTRIBUTES, queue_row
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class SqsScreen(AreaScreen):
    """Every queue with its type and message counts; Enter opens one."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="sqs.back", tooltip="Leave the SQS console"),
        Binding("c", "create", "Create queue", id="sqs.create", tooltip="Create a new queue"),
        Binding("r", "refresh", "Refresh", id="sqs.refresh", tooltip="Reload the queue list"),
        Binding(
            "enter", "open", "Open", id="sqs.open", tooltip="Details, send and receive, triggers"
        ),
        Binding("/", "filter", "Filter", id="sqs.filter", tooltip="Show queues by name prefix"),
        Binding("delete", "delete", "Delete", id="sqs.delete", tooltip="Delete (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.urls: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter by name prefix ( / )", id="sqs-filter")
        yield Static("Loading queues…", id="sqs-status")
        yield DataTable(id="sqs-queues", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "SQS"
        self.query_one("#sqs-queues", DataTable).focus()
        table = self.query_one("#sqs-queues", DataTable)
        table.add_column("Name", key="name")
        table.add_column("Type", key="type")
        table.add_column("Available", key="visible")
        table.add_column("In flight", key="inflight")
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        """Load the queues."""
        self.action_refresh()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("sqs.") and self.app.screen is self:  # else: on resume
            self.action_refresh()

    def on_screen_resume(self) -> None:
        """Counts may have changed while the learner was elsewhere."""
        if self.cw.clients is not None:
            self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the queue list."""
        self.load_queues()

    @work(exclusive=True, group="sqs-list")
    async def load_queues(self) -> None:
        """List the queues and their counts (one attributes call per queue, concurrently)."""
        status = self.query_one("#sqs-status", Static)
        try:
            prefix = self.query_one("#sqs-filter", Input).value.strip()
            params: dict[str, Any] = {"MaxResults": 1000}
            if prefix:
                params["QueueNamePrefix"] = prefix
            listing = await self.try_call("sqs", "list_queues", **params)
            urls: list[str] = sorted(listing.get("QueueUrls", []))
            found = await asyncio.gather(
                *(
                    self.try_call(
                        "sqs",
                        "get_queue_attributes",
                        QueueUrl=url,
                        AttributeNames=QUEUE_LIST_ATTRIBUTES,
                    )
                    for url in urls
                ),
                return_exceptions=True,
            )
        except CloudCallError as exc:
            status.update(f"Cannot list queues: {exc}")
            return
        rows: list[tuple[str, tuple[str, str, str, str]]] = []
        for url, result in zip(urls, found, strict=True):
            attributes: dict[str, Any] = (
                result.get("Attributes", {}) if isinstance(result, dict) else {}
            )
            if isinstance(result, BaseException) and "NonExistentQueue" in str(result):
                continue  # deleted meanwhile
            rows.append((url, queue_row(url, attributes)))
        self._show(rows)
        status.update(
            f"{len(rows)} queue(s) · Enter opens · c creates"
            if rows
            else (
                "No queue matches the filter."
                if prefix
                else "No queues yet. Press c to create one."
            )
        )

    def _show(self, rows: list[tuple[str, tuple[str, str, str, str]]]) -> None:
        table = self.query_one("#sqs-queues", DataTable)
        selected = self.selected_name()
        table.clear()
        self.urls = {}
        for url, row in rows:
            self.urls[row[0]] = url
            table.add_row(*row, key=row[0])
        if selected in self.urls:
            table.move_cursor(row=table.get_row_index(selected))

    def selected_name(self) -> str | None:
        """The name of the queue under the cursor."""
        return key_under_cursor(self.query_one("#sqs-queues", DataTable))

    def action_filter(self) -> None:
        """Focus the name-prefix filter."""
        self.query_one("#sqs-filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The list follows the prefix as it is typed."""
        event.stop()
        self.action_refresh()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter goes to the list."""
        event.stop()
        self.query_one("#sqs-queues", DataTable).focus()

    def action_create(self) -> None:
        """Open the create-queue form."""
        from courseware.tui.consoles.sqs.sqs_create import SqsCreateScreen

        self.app.push_screen(SqsCreateScreen(dict(self.urls)))

    def action_delete(self) -> None:
        """Delete the queue under the cursor (asks first)."""
        name = self.selected_name()
        url = self.urls.get(name or "")
        if name is not None and url is not None:
            self.confirm_then(
                f"Delete queue {name} and every message in it?",
                lambda: self.delete(f"Queue {name}", "sqs", "delete_queue", QueueUrl=url),
            )

    def action_open(self) -> None:
        """Open the queue under the cursor."""
        name = self.selected_name()
        if name is not None:
            self.open_queue(name)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or click) on a queue opens it."""
        event.stop()
        if event.row_key.value is not None:
            self.open_queue(str(event.row_key.value))

    def open_queue(self, name: str) -> None:
        """Open the queue called ``name``."""
        from courseware.tui.consoles.sqs.sqs_queue import SqsQueueScreen

        url = self.urls.get(name)
        if url is not None:
            self.app.push_screen(SqsQueueScreen(name, url))
