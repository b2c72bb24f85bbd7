"""SQS console against the real embedded cloud: create queues, send, poll, triggers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    RadioButton,
    Select,
    Static,
    TextArea,
)

from courseware.tui.consoles.sqs.sqs_console import SqsScreen
from courseware.tui.consoles.sqs.sqs_create import SqsCreateScreen
from courseware.tui.consoles.sqs.sqs_queue import SqsQueueScreen
from courseware.tui.consoles.sqs.sqs_send_receive import SendReceivePanel
from courseware.tui.shell.app import CoursewareApp
from tests.functional.lambda_helpers import allow_sqs_trigger, make_function
from tests.tui.pilot_helpers import open_console, row_keys, select_row, until

MakeApp = Callable[..., CoursewareApp]


async def open_queue(app: CoursewareApp, pilot: Pilot[Any], name: str) -> SqsQueueScreen:
    """From the queue list, open ``name`` with the keyboard."""
    listing = app.screen
    assert isinstance(listing, SqsScreen)
    table = listing.query_one("#sqs-queues", DataTable)
    await select_row(pilot, table, name)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, SqsQueueScreen))
    screen = app.screen
    assert isinstance(screen, SqsQueueScreen)
    return screen


async def fill_create_form(app: CoursewareApp, pilot: Pilot[Any], **values: str) -> SqsCreateScreen:
    """Open the create form with ``c`` and type ``values`` into its inputs."""
    await pilot.press("c")
    await until(pilot, lambda: isinstance(app.screen, SqsCreateScreen))
    form = app.screen
    assert isinstance(form, SqsCreateScreen)
    for field, value in values.items():
        form.query_one(f"#sqs-create-{field}", Input).value = value
    await pilot.pause()
    return form


@pytest.fixture
def lambda_function(aws_client: Any) -> Callable[[str], str]:
    """Factory: create a small Python function called ``name``; returns the name."""

    def create(name: str) -> str:
        source = "def handler(event, context):\n    return len(event.get('Records', []))\n"
        make_function(aws_client("lambda"), aws_client("iam"), name, source)
        allow_sqs_trigger(aws_client("iam"), name)  # a trigger needs the SQS poller permissions
        return name

    return create


def test_create_standard_queue_with_dlq(make_app: MakeApp, aws_client: Any, unique: Any) -> None:
    sqs = aws_client("sqs")
    dlq_name, name = unique("dlq"), unique("orders")
    dlq_url = sqs.create_queue(QueueName=dlq_name)["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(80, 24)) as pilot:
            listing = app.screen
            await until(
                pilot, lambda: dlq_name in row_keys(listing.query_one("#sqs-queues", DataTable))
            )
            form = await fill_create_form(
                app, pilot, name=name, visibility="45", delay="5", wait="10", maxreceive="3"
            )
            form.query_one("#sqs-create-dlq", Select).value = dlq_url
            await pilot.pause()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is listing)
            table = listing.query_one("#sqs-queues", DataTable)
            await until(pilot, lambda: name in row_keys(table))
            assert table.get_row(name)[:2] == [name, "Standard"]

    asyncio.run(scenario())
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "45"
    assert attributes["DelaySeconds"] == "5"
    assert attributes["ReceiveMessageWaitTimeSeconds"] == "10"
    assert "FifoQueue" not in attributes or attributes["FifoQueue"] == "false"
    redrive = json.loads(attributes["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == dlq_arn
    assert int(redrive["maxReceiveCount"]) == 3


def test_create_fifo_queue_requires_suffix_and_sets_dedup(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    sqs = aws_client("sqs")
    dlq_name = unique("dlq") + ".fifo"
    dlq_url = sqs.create_queue(QueueName=dlq_name, Attributes={"FifoQueue": "true"})["QueueUrl"]
    base = unique("jobs")

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(80, 24)) as pilot:
            listing = app.screen
            await until(
                pilot, lambda: dlq_name in row_keys(listing.query_one("#sqs-queues", DataTable))
            )
            form = await fill_create_form(app, pilot, name=base)
            form.query_one("#sqs-fifo", RadioButton).value = True
            await pilot.pause()
            hint = form.query_one("#sqs-create-name-hint", Static)
            assert ".fifo" in str(hint.render())
            await pilot.press("ctrl+s")  # refused: the name lacks .fifo
            await until(
                pilot, lambda: ".fifo" in str(form.query_one("#sqs-create-error", Static).render())
            )
            assert app.screen is form
            form.query_one("#sqs-create-name", Input).value = base + ".fifo"
            form.query_one("#sqs-create-dedup", Checkbox).value = True
            form.query_one("#sqs-create-dlq", Select).value = dlq_url
            await pilot.pause()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is listing)
            table = listing.query_one("#sqs-queues", DataTable)
            await until(pilot, lambda: base + ".fifo" in row_keys(table))
            assert table.get_row(base + ".fifo")[1] == "FIFO"

    asyncio.run(scenario())
    url = sqs.get_queue_url(QueueName=base + ".fifo")["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["FifoQueue"] == "true"
    assert attributes["ContentBasedDeduplication"] == "true"
    assert json.loads(attributes["RedrivePolicy"])["deadLetterTargetArn"].endswith(dlq_name)


def test_send_in_ui_and_poll_it_back(make_app: MakeApp, aws_client: Any, unique: Any) -> None:
    sqs = aws_client("sqs")
    name = unique("visits")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_queue(app, pilot, name)
            panel = screen.query_one(SendReceivePanel)
            screen.query_one("#sqs-queue-tabs").active = "sqs-tab-send"  # type: ignore[attr-defined]
            await pilot.pause()
            panel.query_one("#sqs-body", TextArea).text = '{"ProductId": "P-1042"}'
            await pilot.press("ctrl+s")
            status = panel.query_one("#sqs-send-status", Static)
            await until(pilot, lambda: "Sent message" in str(status.render()))
            sent_id = str(status.render()).split()[-1].rstrip(".")
            assert panel.query_one("#sqs-body", TextArea).text == '{"ProductId": "P-1042"}'
            await pilot.press("ctrl+r")
            table = panel.query_one("#sqs-messages", DataTable)
            await until(pilot, lambda: sent_id in row_keys(table))
            row = table.get_row(sent_id)
            assert row[3] == '{"ProductId": "P-1042"}'
            assert row[1] == "1"
            detail = str(panel.query_one("#sqs-message-detail", Static).render())
            assert sent_id in detail and "P-1042" in detail
            await pilot.press("ctrl+r")  # stop
            await until(pilot, lambda: not panel.polling)
            table.focus()
            await pilot.press("delete")
            await until(pilot, lambda: sent_id not in row_keys(table))

    asyncio.run(scenario())
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "0"
    assert attributes["ApproximateNumberOfMessagesNotVisible"] == "0"


def test_fifo_send_needs_a_group_and_keeps_it(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    sqs = aws_client("sqs")
    name = unique("fifo") + ".fifo"
    url = sqs.create_queue(QueueName=name, Attributes={"FifoQueue": "true"})["QueueUrl"]

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_queue(app, pilot, name)
            panel = screen.query_one(SendReceivePanel)
            assert not panel.query("#sqs-delay")  # FIFO queues have no per-message delay
            panel.query_one("#sqs-body", TextArea).text = "first"
            await pilot.press("ctrl+s")
            status = panel.query_one("#sqs-send-status", Static)
            await until(pilot, lambda: "group id" in str(status.render()))
            panel.query_one("#sqs-group", Input).value = "g1"
            panel.query_one("#sqs-dedup", Input).value = "d1"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Sent message" in str(status.render()))

    asyncio.run(scenario())
    got = sqs.receive_message(QueueUrl=url, AttributeNames=["All"])["Messages"]
    assert got[0]["Body"] == "first"
    assert got[0]["Attributes"]["MessageGroupId"] == "g1"
    assert got[0]["Attributes"]["MessageDeduplicationId"] == "d1"


def test_long_poll_gets_a_later_message_while_ui_stays_responsive(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    sqs = aws_client("sqs")
    name = unique("later")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_queue(app, pilot, name)
            panel = screen.query_one(SendReceivePanel)
            await pilot.press("ctrl+r")
            await until(pilot, lambda: panel.polling)
            await asyncio.sleep(0.5)
            # The UI answers while the poll waits (a 20 s poll): switch tab, area and back.
            screen.query_one("#sqs-attributes", DataTable).focus()
            await pilot.press("r")  # reload details
            await open_console(pilot, "dynamodb")
            await until(pilot, lambda: app.current_mode == "dynamodb", seconds=5)
            await open_console(pilot, "sqs")
            await until(pilot, lambda: app.current_mode == "sqs", seconds=5)
            assert panel.polling  # navigation finished while the poll was still waiting
            status = str(panel.query_one("#sqs-poll-status", Static).render())
            assert status.startswith("polling…")
            sent = await asyncio.to_thread(sqs.send_message, QueueUrl=url, MessageBody="late")
            table = panel.query_one("#sqs-messages", DataTable)
            await until(pilot, lambda: sent["MessageId"] in row_keys(table))
            assert table.get_row(sent["MessageId"])[3] == "late"
            await pilot.press("ctrl+r")
            await until(pilot, lambda: not panel.polling)

    asyncio.run(scenario())


def test_purge_asks_then_empties_the_queue(make_app: MakeApp, aws_client: Any, unique: Any) -> None:
    sqs = aws_client("sqs")
    name = unique("purge")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    for body in ("a", "b"):
        sqs.send_message(QueueUrl=url, MessageBody=body)

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(80, 24)) as pilot:
            listing = app.screen
            table = listing.query_one("#sqs-queues", DataTable)
            await until(pilot, lambda: name in row_keys(table))
            assert table.get_row(name)[2] == "2"
            screen = await open_queue(app, pilot, name)
            screen.query_one("#sqs-attributes", DataTable).focus()
            await pilot.press("P")
            await pilot.pause()
            await pilot.press("y")
            panel = screen.query_one(SendReceivePanel)
            status = panel.query_one("#sqs-poll-status", Static)
            await until(pilot, lambda: "purged" in str(status.render()))

    asyncio.run(scenario())
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "0"


def test_lambda_triggers_tab_lists_and_configures_mappings(
    make_app: MakeApp, aws_client: Any, unique: Any, lambda_function: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    name = unique("trig")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    function = lambda_function(unique("fn"))
    lam = aws_client("lambda")

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_queue(app, pilot, name)
            screen.query_one("#sqs-queue-tabs").active = "sqs-tab-triggers"  # type: ignore[attr-defined]
            select = screen.query_one("#sqs-trigger-function", Select)
            await until(pilot, lambda: any(v == function for _, v in select._options))
            select.value = function
            screen.query_one("#sqs-trigger-batch", Input).value = "5"
            screen.query_one("#sqs-trigger-create", Button).focus()
            await pilot.press("enter")
            table = screen.query_one("#sqs-triggers", DataTable)
            status = screen.query_one("#sqs-trigger-status", Static)
            await until(pilot, lambda: table.row_count == 1 or "rror" in str(status.render()))
            assert table.row_count == 1, (str(status.render()), app.screen)
            assert table.get_row_at(0)[0] == function

    asyncio.run(scenario())
    mappings = lam.list_event_source_mappings(EventSourceArn=arn)["EventSourceMappings"]
    assert len(mappings) == 1
    assert mappings[0]["BatchSize"] == 5
    assert mappings[0]["FunctionArn"].endswith(":function:" + function)
    lam.delete_event_source_mapping(UUID=mappings[0]["UUID"])
