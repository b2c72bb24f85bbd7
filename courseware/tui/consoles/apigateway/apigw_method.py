"""API Gateway console: create or edit a method (authorization, API key, Lambda proxy integration)."""

from __future__ import annotations

import uuid
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Label, Select, Static

from courseware.tui.consoles.apigateway.apigw_model import (
    AUTHORIZATIONS,
    REGION,
    VERBS,
    execute_api_arn,
    function_of,
    function_uri,
)
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

INTEGRATIONS = (
    ("Lambda proxy integration (AWS_PROXY)", "AWS_PROXY"),
    ("Lambda, non-proxy (AWS)", "AWS"),
    ("Mock (MOCK)", "MOCK"),
)


class MethodScreen(AreaScreen):
    """A method on one resource: verb, authorization, API key required, integration."""

    BINDINGS = [
        Binding(
            "escape", "app.back", "Cancel", id="apigw.method.cancel", tooltip="Back to the API"
        ),
        Binding("ctrl+s", "save", "Save", id="apigw.method.submit", tooltip="Save the method"),
    ]

    def __init__(self, api_id: str, resource_id: str, path: str, verb: str | None) -> None:
        """Create a method on ``path`` (``verb`` None) or edit its ``verb`` method."""
        super().__init__()
        self.api_id, self.resource_id, self.path, self.verb = api_id, resource_id, path, verb
        self.current: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="apigw-method-form"):
            yield Static(Content(f"Resource: {self.path}"))
            yield Label("Method type")
            yield Select[str](
                ((v, v) for v in VERBS),
                value=self.verb or "POST",
                allow_blank=False,
                disabled=self.verb is not None,
                id="apigw-method-verb",
            )
            yield Label("Integration type")
            yield Select[str](
                INTEGRATIONS, value="AWS_PROXY", allow_blank=False, id="apigw-method-type"
            )
            yield Label("Lambda function")
            yield Select[str]([], prompt="Choose a function", id="apigw-method-function")
            yield Checkbox(
                "Grant API Gateway permission to invoke the function (adds a statement with "
                "this method's execute-api ARN to its resource-based policy)",
                id="apigw-method-grant",
            )
            yield Static(
                "A Lambda proxy integration passes the whole request (path and query parameters, "
                "headers, body) as the event, and maps the function's answer to the response.",
                classes="apigw-help",
            )
            yield Label("Authorization")
            yield Select[str](
                ((a, a) for a in AUTHORIZATIONS),
                value="NONE",
                allow_blank=False,
                id="apigw-method-auth",
            )
            yield Checkbox("API key required", id="apigw-method-key")
            yield Static("", id="apigw-method-error")
            with Horizontal(classes="apigw-buttons"):
                yield Button("Save method", id="apigw-method-submit", variant="primary")
                yield Button("Cancel", id="apigw-method-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        what = f"{self.verb} {self.path}" if self.verb else f"Create method on {self.path}"
        self.title = f"API Gateway · {what}"
        self.query_one("#apigw-method-verb" if self.verb is None else "#apigw-method-type").focus()

    def cloud_ready(self) -> None:
        """Offer the functions; fill the form from the method when editing."""
        start(self, self.load, "apigw-method-load")

    async def load(self) -> None:
        """ListFunctions (and GetMethod when editing)."""
        functions = await self.call("lambda", "list_functions")
        choices = sorted(
            (str(f["FunctionName"]), str(f["FunctionArn"]))
            for f in (functions or {}).get("Functions", [])
        )
        select = self.query_one("#apigw-method-function", Select)
        select.set_options(choices)
        if self.verb is None:
            return
        found = await self.call(
            "apigateway",
            "get_method",
            restApiId=self.api_id,
            resourceId=self.resource_id,
            httpMethod=self.verb,
        )
        self.current = found or {}
        self.query_one("#apigw-method-auth", Select).value = str(
            self.current.get("authorizationType") or "NONE"
        )
        self.query_one("#apigw-method-key", Checkbox).value = bool(
            self.current.get("apiKeyRequired")
        )
        integration = self.current.get("methodIntegration") or {}
        if integration.get("type") in {v for _, v in INTEGRATIONS}:
            self.query_one("#apigw-method-type", Select).value = str(integration["type"])
        name = function_of(str(integration.get("uri", "")))
        arn = next((a for n, a in choices if n == name), None)
        if arn is not None:
            select.value = arn

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "apigw-method-submit":
            start(self, self.action_save, "apigw-method")
        else:
            self.dismiss()

    async def grant(self, function_arn: str, verb: str) -> None:
        """AddPermission: API Gateway may invoke the function for this method (every stage)."""
        who = await self.try_call("sts", "get_caller_identity")
        source = execute_api_arn(REGION, str(who["Account"]), self.api_id, verb, self.path)
        await self.try_call(
            "lambda",
            "add_permission",
            FunctionName=function_arn,
            StatementId=f"apigateway-{self.api_id}-{verb}-{uuid.uuid4().hex[:8]}",
            Action="lambda:InvokeFunction",
            Principal="apigateway.amazonaws.com",
            SourceArn=source,
        )

    async def action_save(self) -> None:
        """PutMethod (or UpdateMethod when editing) and PutIntegration."""
        error = self.query_one("#apigw-method-error", Static)
        verb = str(self.query_one("#apigw-method-verb", Select).value)
        kind = str(self.query_one("#apigw-method-type", Select).value)
        function = self.query_one("#apigw-method-function", Select).value
        auth = str(self.query_one("#apigw-method-auth", Select).value)
        key = self.query_one("#apigw-method-key", Checkbox).value
        if kind != "MOCK" and not isinstance(function, str):
            error.update("Choose the Lambda function the integration calls.")
            return
        where = {"restApiId": self.api_id, "resourceId": self.resource_id, "httpMethod": verb}
        integration: dict[str, Any] = {"type": kind}
        if kind == "MOCK":
            integration["requestTemplates"] = {"application/json": '{"statusCode": 200}'}
        else:
            integration.update(
                integrationHttpMethod="POST", uri=function_uri(REGION, str(function))
            )
        try:
            if self.verb is None:
                await self.try_call(
                    "apigateway", "put_method", **where, authorizationType=auth, apiKeyRequired=key
                )
            else:
                await self.try_call(
                    "apigateway",
                    "update_method",
                    **where,
                    patchOperations=[
                        {"op": "replace", "path": "/authorizationType", "value": auth},
                        {"op": "replace", "path": "/apiKeyRequired", "value": str(key).lower()},
                    ],
                )
            await self.try_call("apigateway", "put_integration", **where, **integration)
            if kind != "MOCK" and self.query_one("#apigw-method-grant", Checkbox).value:
                await self.grant(str(function), verb)
        except CloudCallError as exc:
            error.update(Content(str(exc)))
            return
        self.notify(
            f"Method {verb} {self.path} saved: deploy the API for a stage to serve it.",
            title="API Gateway",
        )
        self.dismiss()
