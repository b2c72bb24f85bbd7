"""SQS console: the create-queue form (standard or FIFO, timings, dead-letter queue), also to edit one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.sqs.sqs_model import (
    QueueForm,
    form_from_attributes,
    is_fifo,
    name_problem,
    queue_name,
    queue_request,
    update_request,
)
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

FIELDS = (
    # id, form field, label, help
    (
        "visibility",
        "visibility_timeout",
        "Visibility timeout (s)",
        "0–43200: how long a received message stays hidden",
    ),
    ("delay", "delay", "Delivery delay (s)", "0–900: new messages are invisible this long"),
    (
        "retention",
        "retention",
        "Message retention (s)",
        "60–1209600 (4 days by default, 14 max)",
    ),
    ("wait", "wait", "Receive wait time (s)", "0–20: default long-poll wait of ReceiveMessage"),
)


class SqsCreateScreen(AreaScreen):
    """Create a queue (or edit one); the screen behind refreshes when it is saved."""

    BINDINGS = [
        Binding("escape", "app.back", "Cancel", id="sqs.create.cancel", tooltip="Back to the list"),
        Binding("ctrl+s", "create", "Create", id="sqs.create.submit", tooltip="Create the queue"),
    ]

    def __init__(
        self, queues: dict[str, str], editing: tuple[str, dict[str, str]] | None = None
    ) -> None:
        """Create the form.

        Args:
            queues: Existing queues (name → URL), offered as dead-letter queues.
            editing: ``(url, attributes)`` of a queue to edit instead of creating one: its
                type and name are fixed, everything else can change.
        """
        super().__init__()
        self.editing = editing
        if editing is None:
            self.queues, self.initial = queues, QueueForm(name="")
        else:
            name = queue_name(editing[0])
            self.queues = {n: u for n, u in queues.items() if n != name}
            self.initial = form_from_attributes(name, editing[1], queues)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sqs-create-form"):
            yield Label("Type")
            fixed, form = self.editing is not None, self.initial
            with RadioSet(id="sqs-create-type", disabled=fixed):
                yield RadioButton(
                    "Standard (at-least-once, best-effort order)", value=not form.fifo
                )
                yield RadioButton(
                    "FIFO (exactly-once, ordered per message group)",
                    value=form.fifo,
                    id="sqs-fifo",
                )
            yield Label("Name" + (" (fixed once created)" if fixed else ""))
            yield Input(
                form.name,
                placeholder="e.g. orders or orders.fifo",
                id="sqs-create-name",
                disabled=fixed,
            )
            yield Static("", id="sqs-create-name-hint")
            for field_id, attribute, label, help_text in FIELDS:
                with Horizontal(classes="sqs-create-row"):
                    yield Label(label, classes="sqs-create-label")
                    value = str(getattr(form, attribute))
                    yield Input(value, id=f"sqs-create-{field_id}", type="integer")
                yield Static(help_text, classes="sqs-create-help")
            yield Checkbox(
                "Content-based deduplication (FIFO only)",
                value=form.content_dedup,
                id="sqs-create-dedup",
                disabled=not form.fifo,
            )
            yield Label("Dead-letter queue (optional)")
            yield Select[str](
                [(name, url) for name, url in sorted(self.queues.items())],
                prompt="No dead-letter queue",
                value=form.dlq_arn or Select.NULL,
                id="sqs-create-dlq",
            )
            with Horizontal(classes="sqs-create-row"):
                yield Label("Maximum receives", classes="sqs-create-label")
                yield Input(form.max_receive_count, id="sqs-create-maxreceive", type="integer")
            yield Static(
                "1–1000: after this many receives a message moves to the dead-letter queue",
                classes="sqs-create-help",
            )
            yield Static("", id="sqs-create-error")
            with Horizontal(id="sqs-create-buttons"):
                label = "Save changes" if self.editing else "Create queue"
                yield Button(label, id="sqs-create-submit", variant="primary")
                yield Button("Cancel", id="sqs-create-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        if self.editing is None:
            self.title = "SQS · Create queue"
            self.query_one("#sqs-create-name", Input).focus()
        else:
            self.title = f"SQS · Edit {self.initial.name}"
            self.query_one("#sqs-create-visibility", Input).focus()

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
            if self.editing is None:
                name, attributes = queue_request(form)
                await self.try_call("sqs", "create_queue", QueueName=name, Attributes=attributes)
            else:
                url, current = self.editing
                name, attributes = form.name, update_request(form, current)
                await self.try_call(
                    "sqs", "set_queue_attributes", QueueUrl=url, Attributes=attributes
                )
        except (FormError, CloudCallError) as exc:
            error.update(str(exc))
            self.call_after_refresh(error.scroll_visible)
            return
        error.update("")
        self.notify(f"Queue {name} {'saved' if self.editing else 'created'}.", title="SQS")
        self.dismiss()
