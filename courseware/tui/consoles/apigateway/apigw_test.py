"""API Gateway console: Test a method (TestInvokeMethod) — path, query, headers, body; the result."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from courseware.tui.consoles.apigateway.apigw_model import (
    invoke_path,
    invoke_result_text,
    parse_headers,
)
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.consoles.common.code_editor import TextEditor
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class MethodTestScreen(AreaScreen):
    """Call one method's integration as the console's Test does (no API key or authorizer)."""

    AUTO_FOCUS = "#apigw-test-path"
    BINDINGS = [
        Binding("escape", "app.back", "Back", id="apigw.test.back", tooltip="Back to the API"),
        Binding("ctrl+t", "run_test", "Test", id="apigw.test.run", tooltip="Send the test request"),
    ]

    def __init__(self, api_id: str, resource_id: str, path: str, verb: str) -> None:
        super().__init__()
        self.api_id, self.resource_id, self.path, self.verb = api_id, resource_id, path, verb

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="apigw-test-form"):
            yield Label(f"Path and query string ({self.verb} {self.path})")
            yield Input(
                placeholder=self.path.replace("{", "").replace("}", "") + "?name=value",
                id="apigw-test-path",
            )
            yield Label("Headers (one Name: value per line)")
            yield TextEditor(id="apigw-test-headers")
            yield Label("Request body")
            yield TextEditor(id="apigw-test-body")
            with Horizontal(classes="apigw-buttons"):
                yield Button("Test", id="apigw-test-submit", variant="primary")
            yield Static("", id="apigw-test-result", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"API Gateway · Test {self.verb} {self.path}"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Run the test."""
        event.stop()
        self.action_run_test()

    def action_run_test(self) -> None:
        """Send the test request in a worker."""
        start(self, self.run_test, "apigw-test")

    async def run_test(self) -> None:
        """TestInvokeMethod; show status, latency, headers, body and the execution log."""
        result = self.query_one("#apigw-test-result", Static)
        try:
            path = invoke_path(self.path, self.query_one("#apigw-test-path", Input).value)
            headers = parse_headers(self.query_one("#apigw-test-headers", TextEditor).text)
        except FormError as exc:
            result.update(Content(str(exc)))
            return
        result.update("Testing…")
        try:
            answer = await self.try_call(
                "apigateway",
                "test_invoke_method",
                restApiId=self.api_id,
                resourceId=self.resource_id,
                httpMethod=self.verb,
                pathWithQueryString=path,
                headers=headers,
                body=self.query_one("#apigw-test-body", TextEditor).text,
            )
        except CloudCallError as exc:
            result.update(Content(f"Test failed: {exc}"))
            return
        result.update(Content(invoke_result_text(answer, f"{self.verb} {path}")))
        self.call_after_refresh(result.scroll_visible)
