"""SNS console widgets: a subscription's delivery settings (raw delivery, filter policy, scope)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Label, RadioButton, RadioSet

from courseware.tui.consoles.common.code_editor import CodeEditor
from courseware.tui.consoles.sns.sns_model import attribute_changes, subscription_attributes


class DeliveryFields(Vertical):
    """Raw message delivery (SQS only), the filter policy (JSON) and its scope."""

    DEFAULT_CSS = """
    DeliveryFields { height: auto; }
    DeliveryFields #sns-filter { height: 8; }
    DeliveryFields RadioSet { height: auto; }
    """

    def __init__(
        self, raw: bool = False, policy: str = "", scope: str = "MessageAttributes", **kwargs: str
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.initial = (raw, policy, scope)

    def compose(self) -> ComposeResult:
        raw, policy, scope = self.initial
        yield Checkbox(
            "Raw message delivery (the body as published, no SNS envelope)",
            value=raw,
            id="sns-raw",
        )
        yield Label(
            'Filter policy (JSON, empty: every message), e.g. {"event_type": ["order_cancelled"]}'
        )
        yield CodeEditor(policy, language="json", id="sns-filter")
        yield Label("Filter policy scope")
        with RadioSet(id="sns-scope"):
            yield RadioButton(
                "Message attributes", value=scope != "MessageBody", id="sns-scope-attributes"
            )
            yield RadioButton(
                "Message body (JSON)", value=scope == "MessageBody", id="sns-scope-body"
            )

    def show_raw(self, shown: bool) -> None:
        """Raw delivery applies to SQS (and HTTP/S, Firehose) subscriptions only."""
        self.query_one("#sns-raw", Checkbox).display = shown

    @property
    def raw(self) -> bool:
        """Whether raw delivery is ticked (and applies)."""
        box = self.query_one("#sns-raw", Checkbox)
        return bool(box.display and box.value)

    @property
    def policy_text(self) -> str:
        """The filter policy as typed."""
        return self.query_one("#sns-filter", CodeEditor).text

    @property
    def scope(self) -> str:
        """The chosen scope."""
        body = self.query_one("#sns-scope-body", RadioButton).value
        return "MessageBody" if body else "MessageAttributes"

    def attributes(self) -> dict[str, str]:
        """``subscribe`` attributes (raises FormError naming a bad policy)."""
        return subscription_attributes(self.policy_text, self.scope, self.raw)

    def changes(self, current: dict[str, str], protocol: str) -> list[tuple[str, str]]:
        """``set_subscription_attributes`` calls to apply (raises FormError)."""
        return attribute_changes(current, self.policy_text, self.scope, self.raw, protocol)
