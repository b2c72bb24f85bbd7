"""SNS console: the create-topic form (standard or FIFO)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.sns.sns_model import topic_name_problem, topic_request
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class SnsCreateTopicScreen(AreaScreen):
    """Create a topic; the list behind refreshes when it is created."""

    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="sns.create.cancel", tooltip="Back to the list"),
        Binding("ctrl+s", "create", "Create", id="sns.create.submit", tooltip="Create the topic"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sns-create-form"):
            yield Label("Type")
            with RadioSet(id="sns-create-type"):
                yield RadioButton(
                    "Standard (every protocol, best-effort order)", value=True, id="sns-standard"
                )
                yield RadioButton("FIFO (ordered per group, SQS subscribers only)", id="sns-fifo")
            yield Label("Name")
            yield Input(placeholder="e.g. orders or orders.fifo", id="sns-create-name")
            yield Static("", id="sns-create-hint")
            yield Checkbox(
                "Content-based deduplication (FIFO only: a SHA-256 of the body is the id)",
                id="sns-create-dedup",
                disabled=True,
            )
            yield Static("", id="sns-create-error")
            with Horizontal(classes="sns-buttons"):
                yield Button("Create topic", id="sns-create-submit", variant="primary")
                yield Button("Cancel", id="sns-create-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "SNS · Create topic"
        self.query_one("#sns-create-name", Input).focus()

    @property
    def fifo(self) -> bool:
        """Whether FIFO is chosen."""
        return self.query_one("#sns-fifo", RadioButton).value

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """The name rule follows the type."""
        event.stop()
        self.query_one("#sns-create-dedup", Checkbox).disabled = not self.fifo
        self._hint()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say at once whether the name fits the type."""
        event.stop()
        self._hint()

    def _hint(self) -> None:
        name = self.query_one("#sns-create-name", Input).value.strip()
        hint = self.query_one("#sns-create-hint", Static)
        hint.update((topic_name_problem(name, self.fifo) or "") if name else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name box creates the topic."""
        event.stop()
        self.run_worker(self.action_create(), exclusive=True, group="sns-create")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create or cancel."""
        event.stop()
        if event.button.id == "sns-create-submit":
            self.run_worker(self.action_create(), exclusive=True, group="sns-create")
        else:
            self.dismiss()

    async def action_create(self) -> None:
        """Validate the name and create the topic."""
        error = self.query_one("#sns-create-error", Static)
        name = self.query_one("#sns-create-name", Input).value.strip()
        try:
            dedup = self.fifo and self.query_one("#sns-create-dedup", Checkbox).value
            await self.try_call("sns", "create_topic", **topic_request(name, self.fifo, dedup))
        except (FormError, CloudCallError) as exc:
            error.update(str(exc))
            return
        error.update("")
        self.notify(f"Topic {name} created.", title="SNS")
        self.dismiss()
