"""Configuration → Permissions → Add permission: a statement of the function's resource policy."""

from __future__ import annotations

import re
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

PRINCIPALS = (
    ("API Gateway (apigateway.amazonaws.com)", "apigateway.amazonaws.com"),
    ("S3 (s3.amazonaws.com)", "s3.amazonaws.com"),
    ("SNS (sns.amazonaws.com)", "sns.amazonaws.com"),
    ("EventBridge (events.amazonaws.com)", "events.amazonaws.com"),
    ("CloudWatch Logs (logs.amazonaws.com)", "logs.amazonaws.com"),
)
_STATEMENT_ID = re.compile(r"^[a-zA-Z0-9_-]{1,100}$")


def permission_request(
    function: str, statement_id: str, principal: str, action: str, source_arn: str
) -> dict[str, Any]:
    """AddPermission's parameters from the form (pure).

    Raises:
        FormError: a statement id, action or source ARN that AWS would refuse.
    """
    if not _STATEMENT_ID.match(statement_id.strip()):
        raise FormError("Statement ID: 1–100 letters, digits, - and _.")
    action = action.strip() or "lambda:InvokeFunction"
    if not action.startswith("lambda:"):
        raise FormError("Action: a Lambda action such as lambda:InvokeFunction.")
    params: dict[str, Any] = {
        "FunctionName": function,
        "StatementId": statement_id.strip(),
        "Action": action,
        "Principal": principal,
    }
    if source_arn.strip():
        if not source_arn.strip().startswith("arn:"):
            raise FormError("Source ARN: an ARN, e.g. arn:aws:execute-api:REGION:ACCOUNT:API_ID/*.")
        params["SourceArn"] = source_arn.strip()
    return params


class AddPermissionScreen(AreaScreen):
    """Let a service (API Gateway, S3, SNS…) invoke the function, scoped by a source ARN."""

    AUTO_FOCUS = "#perm-add-sid"
    BINDINGS = [
        Binding(
            "escape", "app.back", "Cancel", id="lambda.perm.cancel", tooltip="Back to the function"
        ),
        Binding("ctrl+s", "add", "Add", id="lambda.perm.submit", tooltip="Add the statement"),
    ]

    def __init__(self, function_name: str) -> None:
        super().__init__()
        self.function_name = function_name

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="perm-add-form"):
            yield Static(Content(f"Resource-based policy statement for {self.function_name}"))
            yield Label("Statement ID")
            yield Input(placeholder="e.g. webhook-api-invoke", id="perm-add-sid")
            yield Label("Principal (the AWS service that calls the function)")
            yield Select[str](
                PRINCIPALS, value=PRINCIPALS[0][1], allow_blank=False, id="perm-add-principal"
            )
            yield Label("Source ARN (scopes it to one API, bucket or topic)")
            yield Input(
                placeholder="arn:aws:execute-api:us-east-1:123456789012:API_ID/*/POST/hooks/*",
                id="perm-add-source",
            )
            yield Label("Action")
            yield Input("lambda:InvokeFunction", id="perm-add-action")
            yield Static("", id="perm-add-error")
            with Horizontal(classes="perm-add-buttons"):
                yield Button("Add permission", id="perm-add-submit", variant="primary")
                yield Button("Cancel", id="perm-add-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"Lambda · {self.function_name} · Add permission"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Add or cancel."""
        event.stop()
        if event.button.id == "perm-add-submit":
            start(self, self.action_add, "perm-add")
        else:
            self.dismiss()

    async def action_add(self) -> None:
        """AddPermission with the form's statement."""
        error = self.query_one("#perm-add-error", Static)
        try:
            params = permission_request(
                self.function_name,
                self.query_one("#perm-add-sid", Input).value,
                str(self.query_one("#perm-add-principal", Select).value),
                self.query_one("#perm-add-action", Input).value,
                self.query_one("#perm-add-source", Input).value,
            )
            await self.try_call("lambda", "add_permission", **params)
        except (FormError, CloudCallError) as exc:
            error.update(Content(str(exc)))
            return
        self.notify(f"Statement {params['StatementId']} added.", title="Lambda")
        self.dismiss()
