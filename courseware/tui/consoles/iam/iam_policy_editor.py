"""A role's inline policies: pick one or write a new one, validate the JSON, save or delete."""

from __future__ import annotations

import json

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Select, Static, TextArea

from courseware.tui.consoles.common.cloud_pane import CloudPane, start
from courseware.tui.consoles.common.code_editor import CodeEditor
from courseware.tui.consoles.common.iam_summary import PolicyError, pretty, validate_policy
from courseware.tui.shell.cloudcall import CloudCallError

NEW_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["logs:PutLogEvents"], "Resource": "*"}],
    },
    indent=2,
)


class InlinePolicyEditor(CloudPane):
    """Inline policies of one role."""

    class Changed(Message):
        """An inline policy was saved or deleted."""

    DEFAULT_CSS = """
    InlinePolicyEditor { height: auto; padding: 0; }
    InlinePolicyEditor #inline-editor { height: 12; }
    InlinePolicyEditor #inline-name { width: 1fr; }
    """

    def __init__(self, role_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.role_name = role_name
        self.documents: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Select[str]([], prompt="New inline policy", id="inline-select")
        with Horizontal(classes="pane-row"):
            yield Input(placeholder="Policy name", id="inline-name")
            yield Button("Save", variant="primary", id="inline-save")
            yield Button("Delete", variant="error", id="inline-delete")
        yield CodeEditor(NEW_POLICY, language="json", id="inline-editor")
        yield Static("", id="inline-status")

    def status(self, text: str, kind: str) -> None:
        """Show an outcome line."""
        widget = self.query_one("#inline-status", Static)
        widget.set_classes(f"pane-{kind}")
        widget.update(Content(text))

    def reload(self) -> None:
        """Load the inline policies (in a worker)."""
        start(self, self.load, "inline-load")

    async def load(self, select: str | None = None) -> None:
        """Read the role's inline policies."""
        names = await self.call("iam", "list_role_policies", RoleName=self.role_name)
        documents: dict[str, str] = {}
        for name in (names or {}).get("PolicyNames", []):
            got = await self.call(
                "iam", "get_role_policy", RoleName=self.role_name, PolicyName=name
            )
            if got is not None:
                documents[str(name)] = pretty(got["PolicyDocument"])
        self.documents = documents
        chooser = self.query_one("#inline-select", Select)
        chooser.set_options((n, n) for n in sorted(documents))
        if select in documents:
            chooser.value = select

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        name = event.value
        if isinstance(name, str) and name in self.documents:
            self.query_one("#inline-name", Input).value = name
            self.query_one("#inline-editor", TextArea).load_text(self.documents[name])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "inline-save":
            start(self, self.save, "inline-act")
        elif event.button.id == "inline-delete":
            start(self, self.delete, "inline-act")

    async def save(self) -> None:
        """Validate the JSON and put it as an inline policy."""
        name = self.query_one("#inline-name", Input).value.strip()
        if not name:
            self.status("Name the policy.", "error")
            return
        try:
            document = validate_policy(self.query_one("#inline-editor", TextArea).text)
        except PolicyError as exc:
            self.status(str(exc), "error")
            return
        try:
            await self.try_call(
                "iam",
                "put_role_policy",
                RoleName=self.role_name,
                PolicyName=name,
                PolicyDocument=json.dumps(document),
            )
        except CloudCallError as exc:
            self.status(f"Not saved: {exc}", "error")
            return
        self.status(f"Saved inline policy {name}.", "ok")
        self.post_message(self.Changed())

    async def delete(self) -> None:
        """Delete the inline policy named in the box."""
        name = self.query_one("#inline-name", Input).value.strip()
        if name not in self.documents:
            self.status("Choose an inline policy to delete.", "error")
            return
        try:
            await self.try_call(
                "iam", "delete_role_policy", RoleName=self.role_name, PolicyName=name
            )
        except CloudCallError as exc:
            self.status(str(exc), "error")
            return
        self.status(f"Deleted inline policy {name}.", "ok")
        self.query_one("#inline-name", Input).value = ""
        self.post_message(self.Changed())
