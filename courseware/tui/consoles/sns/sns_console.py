"""SNS console: the topic list (type, subscriptions); create, delete and open topics."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.sns.sns_model import last_part
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class SnsScreen(AreaScreen):
    """Every topic with its type and subscription count; Enter opens one."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="sns.back", tooltip="Leave the SNS console"),
        Binding("c", "create", "Create topic", id="sns.create", tooltip="Create a new topic"),
        Binding("r", "refresh", "Refresh", id="sns.refresh", tooltip="Reload the topic list"),
        Binding(
            "enter",
            "open",
            "Open",
            id="sns.open",
            tooltip="Subscriptions, filter policies, publish",
        ),
        Binding("delete", "delete", "Delete", id="sns.delete", tooltip="Delete (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.arns: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading topics…", id="sns-status")
        yield DataTable(id="sns-topics", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "SNS"
        table = self.query_one("#sns-topics", DataTable)
        table.focus()
        table.add_column("Name", key="name")
        table.add_column("Type", key="type")
        table.add_column("Subscriptions", key="subscriptions")
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        """Load the topics."""
        self.action_refresh()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("sns.") and self.app.screen is self:  # else: on resume
            self.action_refresh()

    def on_screen_resume(self) -> None:
        """Topics may have changed while the learner was elsewhere."""
        if self.cw.clients is not None:
            self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the topic list."""
        self.load_topics()

    @work(exclusive=True, group="sns-list")
    async def load_topics(self) -> None:
        """List the topics and their subscription counts (concurrently)."""
        status = self.query_one("#sns-status", Static)
        try:
            listing = await self.try_call("sns", "list_topics")
            arns = sorted(str(t["TopicArn"]) for t in listing.get("Topics", []))
            found = await asyncio.gather(
                *(self.try_call("sns", "get_topic_attributes", TopicArn=arn) for arn in arns),
                return_exceptions=True,
            )
        except CloudCallError as exc:
            status.update(f"Cannot list topics: {exc}")
            return
        rows: list[tuple[str, str, str]] = []
        for arn, result in zip(arns, found, strict=True):
            attrs: dict[str, Any] = result.get("Attributes", {}) if isinstance(result, dict) else {}
            kind = "FIFO" if attrs.get("FifoTopic") == "true" else "Standard"
            rows.append((last_part(arn), kind, str(attrs.get("SubscriptionsConfirmed", "?"))))
        self._show(arns, rows)
        status.update(
            f"{len(rows)} topic(s) · Enter opens · c creates"
            if rows
            else "No topics yet. Press c to create one."
        )

    def _show(self, arns: list[str], rows: list[tuple[str, str, str]]) -> None:
        table = self.query_one("#sns-topics", DataTable)
        selected = self.selected_name()
        table.clear()
        self.arns = {last_part(arn): arn for arn in arns}
        for row in rows:
            table.add_row(*row, key=row[0])
        if selected in self.arns:
            table.move_cursor(row=table.get_row_index(selected))

    def selected_name(self) -> str | None:
        """The name of the topic under the cursor."""
        return key_under_cursor(self.query_one("#sns-topics", DataTable))

    def action_create(self) -> None:
        """Open the create-topic form."""
        from courseware.tui.consoles.sns.sns_create import SnsCreateTopicScreen

        self.app.push_screen(SnsCreateTopicScreen())

    def action_delete(self) -> None:
        """Delete the topic under the cursor (asks first)."""
        name = self.selected_name()
        arn = self.arns.get(name or "")
        if name is not None and arn is not None:
            self.confirm_then(
                f"Delete topic {name} and all its subscriptions?",
                lambda: self.delete(f"Topic {name}", "sns", "delete_topic", TopicArn=arn),
            )

    def action_open(self) -> None:
        """Open the topic under the cursor."""
        name = self.selected_name()
        if name is not None:
            self.open_topic(name)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or click) on a topic opens it."""
        event.stop()
        if event.row_key.value is not None:
            self.open_topic(str(event.row_key.value))

    def open_topic(self, name: str) -> None:
        """Open the topic called ``name``."""
        from courseware.tui.consoles.sns.sns_topic import SnsTopicScreen

        arn = self.arns.get(name)
        if arn is not None:
            self.app.push_screen(SnsTopicScreen(arn))
