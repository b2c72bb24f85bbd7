"""SQS console: the create-queue form (standard or FIFO, timings, dead-letter queue)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from courseware.tui.cloudcall import CloudCallError
from courseware.tui.screens.base import AreaScreen
from courseware.tui.sqs_model import FormError, QueueForm, is_fifo, name_problem, queue_request

FIELDS = (
    # id, label, default, help
    (
        "visibility",
        "Visibility timeout (s)",
        "30",
        "0–43200: how long a received message stays hidden",
    ),
    ("delay", "Delivery delay (s)", "0", "0–900: new messages are invisible this long"),
    ("retention", "Message retention (s)", "345600", "60–1209600 (4 days by default, 14 max)"),
    ("wait", "Receive wait time (s)", "0", "0–20: default long-poll wait of ReceiveMessage"),
)


class SqsCreateScreen(AreaScreen):
    """Create a queue; the list behind refreshes when it exists."""

    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="sqs.create.cancel", tooltip="Back to the list"),
        Binding("ctrl+s", "create", "Create", id="sqs.create.submit", tooltip="Create the queue"),
    ]

    def __init__(self, queues: dict[str, str]) -> None:
        """Create the form.

        Args:
            queues: Existing queues (name → URL), offered as dead-letter queues.
        """
        super().__init__()
        self.queues = queues

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sqs-create-form"):
            yield Label("Type")
            with RadioSet(id="sqs-create-type"):
                yield RadioButton("Standard (at-least-once, best-effort order)", value=True)
                yield RadioButton("FIFO (exactly-once, ordered per message group)", id="sqs-fifo")
            yield Label("Name")
            yield Input(placeholder="e.g. orders or orders.fifo", id="sqs-create-name")
            yield Static("", id="sqs-create-name-hint")
            for field_id, label, default, help_text in FIELDS:
                with Horizontal(classes="sqs-create-row"):
                    yield Label(label, classes="sqs-create-label")
                    yield Input(default, id=f"sqs-create-{field_id}", type="integer")
                yield Static(help_text, classes="sqs-create-help")
            yield Checkbox(
                "Content-based deduplication (FIFO only)", id="sqs-create-dedup", disabled=True
            )
            yield Label("Dead-letter queue (optional)")
            yield Select[str](
                [(name, url) for name, url in sorted(self.queues.items())],
                prompt="No dead-letter queue",
                id="sqs-create-dlq",
            )
            with Horizontal(classes="sqs-create-row"):
                yield Label("Maximum receives", classes="sqs-create-label")
                yield Input("10", id="sqs-create-maxreceive", type="integer")
            yield Static(
                "1–1000: after this many receives a message moves to the dead-letter queue",
                classes="sqs-create-help",
            )
            yield Static("", id="sqs-create-error")
            with Horizontal(id="sqs-create-buttons"):
                yield Button("Create queue", id="sqs-create-submit", variant="primary")
                yield Button("Cancel", id="sqs-create-cancel")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "SQS · Create queue"
        self.query_one("#sqs-create-name", Input).focus()

    @property
    def fifo(self) -> bool:
        """Whether FIFO is chosen."""
        return self.query_one("#sqs-fifo", RadioButton).value

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """FIFO enables content-based deduplication and changes the name rule."""
        event.stop()
        self.query_one("#sqs-create-dedup", Checkbox).disabled = not self.fifo
        self._hint()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say at once whether the name fits the type."""
        if event.input.id == "sqs-create-name":
            self._hint()

    def _hint(self) -> None:
        name = self.query_one("#sqs-create-name", Input).value.strip()
        hint = self.query_one("#sqs-create-name-hint", Static)
        if self.fifo and not name:
            hint.update("FIFO queue names must end in .fifo.")
        else:
            hint.update((name_problem(name, self.fifo) or "") if name else "")

    def form(self) -> QueueForm:
        """The form's values."""

        def text(field_id: str) -> str:
            return self.query_one(f"#sqs-create-{field_id}", Input).value

        dlq = self.query_one("#sqs-create-dlq", Select).value
        return QueueForm(
            name=text("name"),
            fifo=self.fifo,
            visibility_timeout=text("visibility"),
            delay=text("delay"),
            retention=text("retention"),
            wait=text("wait"),
            content_dedup=self.fifo and self.query_one("#sqs-create-dedup", Checkbox).value,
            dlq_arn=dlq if isinstance(dlq, str) else None,
            max_receive_count=text("maxreceive"),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create or cancel."""
        event.stop()
        if event.button.id == "sqs-create-submit":
            self.run_worker(self.action_create(), exclusive=True, group="sqs-create")
        else:
            self.dismiss()

    async def action_create(self) -> None:
        """Validate, resolve the dead-letter queue's ARN, and create the queue."""
        error = self.query_one("#sqs-create-error", Static)
        form = self.form()
        try:
            if form.dlq_arn:  # the Select holds the URL; the redrive policy needs the ARN
                if is_fifo(form.dlq_arn) != form.fifo:
                    kind = "FIFO" if form.fifo else "standard"
                    raise FormError(f"The dead-letter queue of a {kind} queue must be {kind} too.")
                found = await self.try_call(
                    "sqs",
                    "get_queue_attributes",
                    QueueUrl=form.dlq_arn,
                    AttributeNames=["QueueArn"],
                )
                form.dlq_arn = found["Attributes"]["QueueArn"]
            name, attributes = queue_request(form)
            await self.try_call("sqs", "create_queue", QueueName=name, Attributes=attributes)
        except (FormError, CloudCallError) as exc:
            error.update(str(exc))
            self.call_after_refresh(error.scroll_visible)
            return
        error.update("")
        self.notify(f"Queue {name} created.", title="SQS")
        self.dismiss()
