"""SNS console: edit one subscription's raw delivery, filter policy and its scope."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.sns.sns_model import pretty_policy
from courseware.tui.consoles.sns.sns_widgets import DeliveryFields
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class SnsSubscriptionScreen(AreaScreen):
    """One subscription's delivery settings; saving sets only what changed."""

    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="sns.edit.cancel", tooltip="Back to the topic"),
        Binding("ctrl+s", "save", "Save", id="sns.edit.save", tooltip="Save the changes"),
    ]

    def __init__(self, arn: str, protocol: str, attributes: dict[str, str]) -> None:
        super().__init__()
        self.arn, self.protocol, self.current = arn, protocol, attributes

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sns-edit-form"):
            yield Static(f"{self.protocol} → {self.current.get('Endpoint', '')}", markup=False)
            yield DeliveryFields(
                raw=self.current.get("RawMessageDelivery") == "true",
                policy=pretty_policy(self.current),
                scope=self.current.get("FilterPolicyScope", "MessageAttributes"),
                id="sns-edit-delivery",
            )
            yield Static("", id="sns-edit-error")
            with Horizontal(classes="sns-buttons"):
                yield Button("Save changes", id="sns-edit-submit", variant="primary")
                yield Button("Cancel", id="sns-edit-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "SNS · Edit subscription"
        fields = self.query_one(DeliveryFields)
        fields.show_raw(self.protocol == "sqs")
        fields.query_one("#sns-filter").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "sns-edit-submit":
            self.run_worker(self.action_save(), exclusive=True, group="sns-edit")
        else:
            self.dismiss()

    async def action_save(self) -> None:
        """Validate the policy and set each changed attribute (scope before policy)."""
        error = self.query_one("#sns-edit-error", Static)
        try:
            changes = self.query_one(DeliveryFields).changes(self.current, self.protocol)
            for name, value in changes:
                await self.try_call(
                    "sns",
                    "set_subscription_attributes",
                    SubscriptionArn=self.arn,
                    AttributeName=name,
                    AttributeValue=value,
                )
                self.current = {**self.current, name: value}
        except (FormError, CloudCallError) as exc:
            error.update(str(exc))
            self.call_after_refresh(error.scroll_visible)
            return
        error.update("")
        said = ", ".join(name for name, _ in changes) or "nothing changed"
        self.notify(f"Subscription saved ({said}).", title="SNS")
        self.dismiss()
