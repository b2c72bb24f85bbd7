"""Start an execution: optional name, JSON input (checked), then the cloud call."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from courseware.tui.consoles.common.code_editor import CodeEditor
from courseware.tui.consoles.stepfunctions.asl_check import parse_json
from courseware.tui.shell.cloudcall import CloudCallError

if TYPE_CHECKING:
    from courseware.tui.shell.app import CoursewareApp

DEFAULT_INPUT = '{\n  "Comment": "Insert your JSON here"\n}\n'
NAME = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


class StartExecutionScreen(ModalScreen[str | None]):
    """The Start execution dialog; dismisses with the new execution's ARN (or ``None``)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="stepfunctions.start-cancel", tooltip="Close"),
        Binding(
            "ctrl+s",
            "start",
            "Start",
            id="stepfunctions.start-submit",
            tooltip="Check the input and start the execution",
        ),
    ]

    def __init__(self, machine_arn: str, text: str = DEFAULT_INPUT) -> None:
        super().__init__()
        self.machine_arn = machine_arn
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="sfn-start-dialog"):
            yield Label("Start execution of " + self.machine_arn.rpartition(":")[2], markup=False)
            with Horizontal(id="sfn-start-name-row"):
                yield Label("Name ")
                yield Input(placeholder="(optional: a unique id is used)", compact=True)
            yield Label("Input (JSON)")
            yield CodeEditor(self._text, language="json", id="sfn-start-input")
            yield Static("", id="sfn-start-error", markup=False)
            with Horizontal(id="sfn-start-buttons"):
                yield Button("Start", id="sfn-start-go", variant="primary", compact=True)
                yield Button("Cancel", id="sfn-start-cancel", compact=True)

    @property
    def cw(self) -> CoursewareApp:
        """The app, typed."""
        from courseware.tui.shell.app import CoursewareApp

        assert isinstance(self.app, CoursewareApp)
        return self.app

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#sfn-start-cancel")
    def action_cancel(self) -> None:
        """Close without starting."""
        self.dismiss(None)

    @on(Button.Pressed, "#sfn-start-go")
    def action_start(self) -> None:
        """Check name and input, then start."""
        name = self.query_one(Input).value.strip()
        text = self.query_one(TextArea).text
        error = self.query_one("#sfn-start-error", Static)
        if name and not NAME.match(name):
            error.update("Name: 1-80 letters, digits, - or _.")
            return
        _, problem = parse_json(text, "Input JSON")
        if problem:
            error.update(problem)
            return
        error.update("Starting…")
        self.start(name or str(uuid.uuid4()), text)

    @work(exclusive=True, group="sfn-start")
    async def start(self, name: str, text: str) -> None:
        """Call StartExecution; failures stay in the dialog with the input kept."""
        try:
            result = await self.cw.call(
                "stepfunctions",
                "start_execution",
                stateMachineArn=self.machine_arn,
                name=name,
                input=text,
            )
        except CloudCallError as exc:
            self.query_one("#sfn-start-error", Static).update(f"Not started: {exc}")
            return
        self.dismiss(str(result["executionArn"]))
