"""API Gateway console: call a stage's URL as ``curl -i`` does (through keys, plans, throttles)."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from courseware.tui.consoles.apigateway.apigw_model import (
    VERBS,
    call_result_text,
    parse_headers,
    stage_request_url,
)
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.consoles.common.code_editor import TextEditor
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


def send(method: str, url: str, headers: dict[str, str], body: str) -> str:
    """One HTTP request to the stage (blocking); the answer as ``curl -i`` prints it."""
    data = body.encode("utf-8") if body else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
    try:
        with opener.open(request, timeout=60) as response:
            got = response.read().decode("utf-8", "replace")
            return call_result_text(int(response.status), list(response.headers.items()), got)
    except urllib.error.HTTPError as exc:
        got = exc.read().decode("utf-8", "replace")
        return call_result_text(int(exc.code), list(exc.headers.items()), got)
    except OSError as exc:
        return f"Could not connect: {exc}"


class CallStageScreen(AreaScreen):
    """Send a request to a deployed stage: method, path and query, headers, body."""

    AUTO_FOCUS = "#apigw-call-path"
    BINDINGS = [
        Binding("escape", "app.back", "Back", id="apigw.call.back", tooltip="Back to the API"),
        Binding("ctrl+t", "send", "Send", id="apigw.call.send", tooltip="Send the request"),
    ]

    def __init__(self, title: str, base_url: str, shown_url: str) -> None:
        """Call the stage at ``base_url`` (path style); ``shown_url`` is its invoke URL."""
        super().__init__()
        self.what, self.base_url, self.shown_url = title, base_url, shown_url

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="apigw-call-form"):
            yield Static(Content(f"Invoke URL: {self.shown_url}"))
            with Horizontal(classes="apigw-row"):
                yield Select[str](
                    ((v, v) for v in VERBS if v != "ANY"),
                    value="POST",
                    allow_blank=False,
                    id="apigw-call-method",
                )
                yield Input(placeholder="/hooks/github?event=push", id="apigw-call-path")
            yield Label("Headers (one Name: value per line, e.g. x-api-key: VALUE)")
            yield TextEditor(id="apigw-call-headers")
            yield Label("Body")
            yield TextEditor(id="apigw-call-body")
            with Horizontal(classes="apigw-buttons"):
                yield Button("Send", id="apigw-call-send", variant="primary")
            yield Static("", id="apigw-call-result", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"API Gateway · Call {self.what}"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Send."""
        event.stop()
        self.action_send()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path sends."""
        event.stop()
        self.action_send()

    def action_send(self) -> None:
        """Send the request in a worker."""
        start(self, self.send, "apigw-call")

    async def send(self) -> None:
        """The request, off the event loop; the answer shown like ``curl -i``."""
        result = self.query_one("#apigw-call-result", Static)
        try:
            url = stage_request_url(self.base_url, self.query_one("#apigw-call-path", Input).value)
            headers = parse_headers(self.query_one("#apigw-call-headers", TextEditor).text)
        except FormError as exc:
            result.update(Content(str(exc)))
            return
        body = self.query_one("#apigw-call-body", TextEditor).text
        method = str(self.query_one("#apigw-call-method", Select).value)
        headers.setdefault("Content-Type", "application/json")
        result.update("Calling…")
        answer = await asyncio.to_thread(send, method, url, headers, body)
        result.update(Content(answer))
        self.call_after_refresh(result.scroll_visible)
