"""SNS console: one topic — its subscriptions (protocol, endpoint, raw delivery, filter)."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.sns.sns_model import last_part, subscription_row
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class SnsTopicScreen(AreaScreen):
    """A topic's subscriptions, like the AWS console's topic page."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="sns.topic.back", tooltip="Back to the topics"),
        Binding(
            "n",
            "subscribe",
            "New subscription",
            id="sns.topic.subscribe",
            tooltip="Subscribe an SQS queue or a Lambda function",
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            id="sns.topic.edit",
            tooltip="Raw delivery and filter policy of the highlighted subscription",
        ),
        Binding("p", "publish", "Publish", id="sns.topic.publish", tooltip="Publish a message"),
        Binding(
            "delete",
            "unsubscribe",
            "Delete",
            id="sns.topic.delete",
            tooltip="Delete the highlighted subscription (asks first)",
        ),
        Binding("r", "refresh", "Refresh", id="sns.topic.refresh", tooltip="Reload"),
    ]

    def __init__(self, topic_arn: str) -> None:
        """Open the topic ``topic_arn``."""
        super().__init__()
        self.topic_arn = topic_arn
        self.subscriptions: dict[str, tuple[dict[str, Any], dict[str, str]]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.topic_arn, id="sns-topic-arn", markup=False)
        yield Static("Loading subscriptions…", id="sns-topic-status")
        yield DataTable(id="sns-subscriptions", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"SNS · {last_part(self.topic_arn)}"
        table = self.query_one("#sns-subscriptions", DataTable)
        table.focus()
        for label, key in (
            ("Protocol", "protocol"),
            ("Endpoint", "endpoint"),
            ("Raw", "raw"),
            ("Filter policy", "filter"),
        ):
            table.add_column(label, key=key)
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        """Load the subscriptions."""
        self.action_refresh()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("sns.") and self.app.screen is self:
            self.action_refresh()

    def on_screen_resume(self) -> None:
        """A subscription may have been added or edited."""
        if self.cw.clients is not None:
            self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the subscriptions."""
        self.load()

    @work(exclusive=True, group="sns-subscriptions")
    async def load(self) -> None:
        """Each subscription with its attributes."""
        status = self.query_one("#sns-topic-status", Static)
        try:
            listing = await self.try_call(
                "sns", "list_subscriptions_by_topic", TopicArn=self.topic_arn
            )
            subs = list(listing.get("Subscriptions", []))
            found = await asyncio.gather(
                *(
                    self.try_call(
                        "sns", "get_subscription_attributes", SubscriptionArn=s["SubscriptionArn"]
                    )
                    for s in subs
                ),
                return_exceptions=True,
            )
        except CloudCallError as exc:
            status.update(f"Cannot list subscriptions: {exc}")
            return
        table = self.query_one("#sns-subscriptions", DataTable)
        selected = key_under_cursor(table)
        table.clear()
        self.subscriptions = {}
        for sub, result in zip(subs, found, strict=True):
            attrs = result.get("Attributes", {}) if isinstance(result, dict) else {}
            arn = str(sub["SubscriptionArn"])
            self.subscriptions[arn] = (sub, attrs)
            table.add_row(*subscription_row(sub, attrs), key=arn)
        if selected in self.subscriptions:
            table.move_cursor(row=table.get_row_index(selected))
        status.update(
            f"{len(subs)} subscription(s) · n subscribes · e edits · p publishes"
            if subs
            else "No subscriptions yet. Press n to subscribe a queue or a function."
        )

    def selected(self) -> str | None:
        """The ARN of the highlighted subscription."""
        return key_under_cursor(self.query_one("#sns-subscriptions", DataTable))

    def action_subscribe(self) -> None:
        """Open the new-subscription form."""
        from courseware.tui.consoles.sns.sns_subscribe import SnsSubscribeScreen

        self.app.push_screen(SnsSubscribeScreen(self.topic_arn))

    def action_edit(self) -> None:
        """Edit the highlighted subscription's raw delivery and filter policy."""
        from courseware.tui.consoles.sns.sns_subscription import SnsSubscriptionScreen

        arn = self.selected()
        if arn in self.subscriptions:
            sub, attrs = self.subscriptions[arn]
            self.app.push_screen(SnsSubscriptionScreen(arn, str(sub["Protocol"]), attrs))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a subscription edits it."""
        event.stop()
        self.action_edit()

    def action_publish(self) -> None:
        """Open the publish form."""
        from courseware.tui.consoles.sns.sns_publish import SnsPublishScreen

        self.app.push_screen(SnsPublishScreen(self.topic_arn))

    def action_unsubscribe(self) -> None:
        """Delete the highlighted subscription (asks first)."""
        arn = self.selected()
        if arn in self.subscriptions:
            sub = self.subscriptions[arn][0]
            self.confirm_then(
                f"Delete the {sub['Protocol']} subscription of {last_part(str(sub['Endpoint']))}?",
                lambda: self.delete("Subscription", "sns", "unsubscribe", SubscriptionArn=arn),
            )
