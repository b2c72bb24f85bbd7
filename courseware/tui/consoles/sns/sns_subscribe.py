"""SNS console: subscribe an SQS queue or a Lambda function, and let the topic reach it."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Label, RadioButton, RadioSet, Select, Static

from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.sns.sns_model import (
    function_of,
    invoke_permission,
    last_part,
    queue_policy_with_topic,
)
from courseware.tui.consoles.sns.sns_widgets import DeliveryFields
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

ALLOW_LABELS = {
    "sqs": "Allow this topic in the queue's access policy (sqs:SendMessage for sns.amazonaws.com)",
    "lambda": "Allow the topic to invoke the function (add-permission for sns.amazonaws.com)",
}


class SnsSubscribeScreen(AreaScreen):
    """A new subscription of the topic: protocol, endpoint, delivery settings, access."""

    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="sns.sub.cancel", tooltip="Back to the topic"),
        Binding("ctrl+s", "subscribe", "Subscribe", id="sns.sub.submit", tooltip="Subscribe"),
    ]

    def __init__(self, topic_arn: str) -> None:
        super().__init__()
        self.topic_arn = topic_arn
        self.queues: dict[str, str] = {}  # queue ARN -> URL

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sns-sub-form"):
            yield Label("Protocol")
            with RadioSet(id="sns-sub-protocol"):
                yield RadioButton("Amazon SQS", value=True, id="sns-sub-sqs")
                yield RadioButton("AWS Lambda", id="sns-sub-lambda")
            yield Label("Endpoint")
            yield Select[str]([], prompt="Choose the queue", id="sns-sub-endpoint")
            yield Checkbox(ALLOW_LABELS["sqs"], value=True, id="sns-sub-allow")
            yield DeliveryFields(id="sns-sub-delivery")
            yield Static("", id="sns-sub-error")
            with Horizontal(classes="sns-buttons"):
                yield Button("Create subscription", id="sns-sub-submit", variant="primary")
                yield Button("Cancel", id="sns-sub-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"SNS · {last_part(self.topic_arn)} · Subscribe"
        self.query_one("#sns-sub-protocol", RadioSet).focus()

    def cloud_ready(self) -> None:
        """Offer the endpoints of the chosen protocol."""
        self.load_endpoints()

    @property
    def protocol(self) -> str:
        """``sqs`` or ``lambda``."""
        return "lambda" if self.query_one("#sns-sub-lambda", RadioButton).value else "sqs"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """The endpoints, the access box and raw delivery follow the protocol."""
        if event.radio_set.id != "sns-sub-protocol":
            return
        event.stop()
        self.query_one("#sns-sub-allow", Checkbox).label = ALLOW_LABELS[self.protocol]
        self.query_one(DeliveryFields).show_raw(self.protocol == "sqs")
        self.load_endpoints()

    @work(exclusive=True, group="sns-endpoints")
    async def load_endpoints(self) -> None:
        """Queues (by ARN) or functions (by ARN) to choose from."""
        select = self.query_one("#sns-sub-endpoint", Select)
        options: list[tuple[str, str]] = []
        try:
            if self.protocol == "sqs":
                listing = await self.try_call("sqs", "list_queues", MaxResults=1000)
                for url in sorted(listing.get("QueueUrls", [])):
                    found = await self.try_call(
                        "sqs", "get_queue_attributes", QueueUrl=url, AttributeNames=["QueueArn"]
                    )
                    arn = str(found["Attributes"]["QueueArn"])
                    self.queues[arn] = url
                    options.append((last_part(arn), arn))
                select.prompt = "Choose the queue"
            else:
                listing = await self.try_call("lambda", "list_functions")
                options = sorted(
                    (str(f["FunctionName"]), str(f["FunctionArn"]))
                    for f in listing.get("Functions", [])
                )
                select.prompt = "Choose the function"
        except CloudCallError as exc:
            self.query_one("#sns-sub-error", Static).update(f"Cannot list endpoints: {exc}")
            return
        select.set_options(options)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Subscribe or cancel."""
        event.stop()
        if event.button.id == "sns-sub-submit":
            self.run_worker(self.action_subscribe(), exclusive=True, group="sns-sub")
        else:
            self.dismiss()

    async def _allow(self, endpoint: str) -> str:
        """Write the statement that lets the topic reach ``endpoint``; say what was done."""
        if self.protocol == "sqs":
            url = self.queues[endpoint]
            found = await self.try_call(
                "sqs", "get_queue_attributes", QueueUrl=url, AttributeNames=["Policy"]
            )
            policy = queue_policy_with_topic(
                found.get("Attributes", {}).get("Policy"), endpoint, self.topic_arn
            )
            if policy is None:
                return "the queue's access policy already allows the topic"
            await self.try_call(
                "sqs", "set_queue_attributes", QueueUrl=url, Attributes={"Policy": policy}
            )
            return "the queue's access policy now allows the topic"
        params = invoke_permission(function_of(endpoint), self.topic_arn)
        try:
            await self.try_call("lambda", "add_permission", **params)
        except CloudCallError as exc:
            if "ResourceConflict" not in str(exc):
                raise
            return "the function's resource policy already has the statement"
        return "the function's resource policy now allows the topic"

    async def action_subscribe(self) -> None:
        """Validate, allow the topic (if ticked), and subscribe."""
        error = self.query_one("#sns-sub-error", Static)
        endpoint = self.query_one("#sns-sub-endpoint", Select).value
        try:
            if not isinstance(endpoint, str):
                raise FormError(f"Choose the {'queue' if self.protocol == 'sqs' else 'function'}.")
            attributes = self.query_one(DeliveryFields).attributes()
            done = ""
            if self.query_one("#sns-sub-allow", Checkbox).value:
                done = "; " + await self._allow(endpoint)
            params: dict[str, Any] = {
                "TopicArn": self.topic_arn,
                "Protocol": self.protocol,
                "Endpoint": endpoint,
                "ReturnSubscriptionArn": True,
            }
            if attributes:
                params["Attributes"] = attributes
            await self.try_call("sns", "subscribe", **params)
        except (FormError, CloudCallError) as exc:
            error.update(str(exc))
            self.call_after_refresh(error.scroll_visible)
            return
        error.update("")
        self.notify(f"Subscribed {last_part(endpoint)}{done}.", title="SNS")
        self.dismiss()
