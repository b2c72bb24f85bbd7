"""The bucket's Event notifications tab: list, add (Lambda, SQS or SNS; events; prefix and
suffix), remove, and let S3 invoke a function (the function's resource policy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from courseware.cloud.endpoint import REGION
from courseware.tui.consoles.common.cloud_widget import CloudWidget
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.s3.s3_model import (
    NotificationForm,
    notification_entry,
    notification_rows,
    s3_permission,
    with_notification,
    without_notification,
)
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.confirm_dialog import ConfirmDialog

KINDS = [("Lambda function", "lambda"), ("SQS queue", "sqs"), ("SNS topic", "sns")]


class NotificationsPanel(Vertical, CloudWidget):
    """The bucket's notification configuration, one row per destination."""

    def __init__(self, bucket: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bucket = bucket
        self.found: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield DataTable(id="s3-notifications", cursor_type="row")
        yield Label("Add an event notification")
        with Horizontal(classes="s3-row"):
            yield Select[str](KINDS, value="lambda", allow_blank=False, id="s3-notify-kind")
            yield Select[str]([], prompt="Destination", id="s3-notify-target")
        with Horizontal(classes="s3-row"):
            yield Input(
                "s3:ObjectCreated:*", placeholder="Events, comma-separated", id="s3-notify-events"
            )
            yield Input(placeholder="Prefix, e.g. incoming/", id="s3-notify-prefix")
            yield Input(placeholder="Suffix, e.g. .txt", id="s3-notify-suffix")
        with Horizontal(classes="s3-row"):
            yield Input(placeholder="Name (optional)", id="s3-notify-name")
            yield Button("Add", id="s3-notify-add", variant="primary")
            yield Button("Allow S3 to invoke", id="s3-notify-allow")
            yield Button("Remove…", id="s3-notify-remove", variant="error")
        yield Static("", id="s3-notify-status", markup=False)

    def on_mount(self) -> None:
        """The table's columns."""
        table = self.query_one("#s3-notifications", DataTable)
        for label in ("Name", "Type", "Destination", "Events", "Filter"):
            table.add_column(label, key=label.lower())

    def status(self, text: str, error: bool = False) -> None:
        """Show an outcome line."""
        static = self.query_one("#s3-notify-status", Static)
        static.update(text)
        static.set_class(error, "-error")

    @work(exclusive=True, group="s3-notifications")
    async def reload(self) -> None:
        """Read the configuration and the destinations of the chosen type."""
        try:
            self.found = await self.try_call(
                "s3", "get_bucket_notification_configuration", Bucket=self.bucket
            )
        except CloudCallError as exc:
            self.status(f"Cannot read notifications: {exc}", error=True)
            return
        table = self.query_one("#s3-notifications", DataTable)
        table.clear()
        rows = notification_rows(self.found)
        for key, row in rows:
            table.add_row(*row, key=key)
        self.status(
            f"{len(rows)} notification(s)" if rows else "No event notifications yet: add one below."
        )
        await self._load_targets()

    async def _load_targets(self) -> None:
        kind = self.query_one("#s3-notify-kind", Select).value
        try:
            if kind == "lambda":
                found = await self.try_call("lambda", "list_functions")
                names = [str(f["FunctionName"]) for f in found.get("Functions", [])]
            elif kind == "sqs":
                found = await self.try_call("sqs", "list_queues")
                names = [str(u).rsplit("/", 1)[-1] for u in found.get("QueueUrls", [])]
            else:
                found = await self.try_call("sns", "list_topics")
                names = [str(t["TopicArn"]) for t in found.get("Topics", [])]
        except CloudCallError as exc:
            self.status(f"Cannot list destinations: {exc}", error=True)
            return
        select = self.query_one("#s3-notify-target", Select)
        current = select.value
        select.set_options([(n.rsplit(":", 1)[-1], n) for n in sorted(names)])
        if isinstance(current, str) and current in names:
            select.value = current

    def on_select_changed(self, event: Select.Changed) -> None:
        """Another destination type lists its destinations."""
        if event.select.id == "s3-notify-kind":
            event.stop()
            self.run_worker(self._load_targets(), group="s3-notify-targets", exclusive=True)

    def form(self) -> NotificationForm:
        """What the form says."""
        target = self.query_one("#s3-notify-target", Select).value
        events = self.query_one("#s3-notify-events", Input).value
        return NotificationForm(
            kind=str(self.query_one("#s3-notify-kind", Select).value),
            target=target if isinstance(target, str) else "",
            events=[e.strip() for e in events.split(",") if e.strip()],
            prefix=self.query_one("#s3-notify-prefix", Input).value,
            suffix=self.query_one("#s3-notify-suffix", Input).value,
            name=self.query_one("#s3-notify-name", Input).value,
        )

    async def _account(self) -> str:
        return str((await self.try_call("sts", "get_caller_identity"))["Account"])

    @work(exclusive=True, group="s3-notify-change")
    async def add(self) -> None:
        """Add the form's notification to the bucket's configuration (S3 replaces all of it)."""
        try:
            listed, entry = notification_entry(self.form(), REGION, await self._account())
            config = with_notification(self.found, listed, entry)
            await self.try_call(
                "s3",
                "put_bucket_notification_configuration",
                Bucket=self.bucket,
                NotificationConfiguration=config,
            )
        except (FormError, CloudCallError) as exc:
            self.status(f"Not added: {exc}", error=True)
            return
        self.status("Notification added.")
        self.reload()

    @work(exclusive=True, group="s3-notify-change")
    async def allow(self) -> None:
        """Let S3 invoke the chosen function for this bucket (SourceArn and SourceAccount)."""
        form = self.form()
        try:
            if form.kind != "lambda" or not form.target:
                raise FormError("Choose a Lambda function as the destination first.")
            request = s3_permission(form.target, self.bucket, await self._account())
            await self.try_call("lambda", "add_permission", **request)
        except (FormError, CloudCallError) as exc:
            self.status(f"Permission not added: {exc}", error=True)
            return
        self.status(
            f"S3 may now invoke {form.target} for {self.bucket} "
            f"(SourceArn {request['SourceArn']}, SourceAccount {request['SourceAccount']})."
        )

    def remove_selected(self) -> None:
        """Ask, then remove the highlighted notification."""
        key = key_under_cursor(self.query_one("#s3-notifications", DataTable))
        if key is None:
            self.status("Highlight a notification to remove.", error=True)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(key)

        self.app.push_screen(
            ConfirmDialog("Remove this event notification?", yes="Remove"), answered
        )

    @work(exclusive=True, group="s3-notify-change")
    async def _remove(self, key: str) -> None:
        try:
            await self.try_call(
                "s3",
                "put_bucket_notification_configuration",
                Bucket=self.bucket,
                NotificationConfiguration=without_notification(self.found, key),
            )
        except CloudCallError as exc:
            self.status(str(exc), error=True)
            return
        self.status("Notification removed.")
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field adds the notification."""
        event.stop()
        self.add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The panel's buttons."""
        event.stop()
        actions: dict[str, Callable[[], object]] = {
            "s3-notify-add": self.add,
            "s3-notify-allow": self.allow,
            "s3-notify-remove": self.remove_selected,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()
