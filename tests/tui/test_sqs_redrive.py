"""The SQS console's DLQ redrive and partial-batch switch, driven with the keyboard only."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from textual.widgets import Button, DataTable, Static, TabbedContent

from courseware.tui.consoles.sqs.sqs_redrive import RedrivePanel
from courseware.tui.shell.app import CoursewareApp
from tests.functional.lambda_helpers import allow_sqs_trigger, make_function
from tests.tui.keyboard import press_button, to_row, to_tab
from tests.tui.pilot_helpers import row_keys, until
from tests.tui.test_sqs_console import open_queue


def _arn(sqs: Any, url: str) -> str:
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    return str(found["QueueArn"])


def _depth(sqs: Any, url: str) -> int:
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(found["Attributes"]["ApproximateNumberOfMessages"])


def test_start_a_dlq_redrive_and_see_the_task_complete(
    make_app: Callable[..., CoursewareApp], aws_client: Any, unique: Any
) -> None:
    sqs = aws_client("sqs")
    name = unique("tui-src")
    dlq_url = sqs.create_queue(QueueName=name + "-dlq")["QueueUrl"]
    redrive = json.dumps({"deadLetterTargetArn": _arn(sqs, dlq_url), "maxReceiveCount": 1})
    url = sqs.create_queue(
        QueueName=name, Attributes={"RedrivePolicy": redrive, "VisibilityTimeout": "0"}
    )["QueueUrl"]
    for body in ("a", "b"):
        sqs.send_message(QueueUrl=url, MessageBody=body)
    while sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        pass  # the second receive dead-letters each message (maxReceiveCount 1)
    assert _depth(sqs, dlq_url) == 2

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(100, 30)) as pilot:
            # The source queue is no DLQ: the console shows SQS's refusal.
            queue = await open_queue(app, pilot, name)
            tabs = queue.query_one("#sqs-queue-tabs", TabbedContent)
            await to_tab(pilot, tabs, "sqs-tab-redrive")
            panel = queue.query_one("#sqs-redrive-panel", RedrivePanel)
            await until(pilot, lambda: panel.queue_arn is not None, "the queue's ARN")
            await press_button(pilot, panel.query_one("#sqs-redrive-start", Button))
            status = panel.query_one("#sqs-redrive-status", Static)
            await until(
                pilot,
                lambda: "must be configured as a Dead Letter Queue" in str(status.render()),
                "the refusal",
            )
            await pilot.press("escape")
            dlq = await open_queue(app, pilot, name + "-dlq")
            tabs = dlq.query_one("#sqs-queue-tabs", TabbedContent)
            await to_tab(pilot, tabs, "sqs-tab-redrive")
            panel = dlq.query_one("#sqs-redrive-panel", RedrivePanel)
            sources = panel.query_one("#sqs-redrive-sources", Static)
            await until(pilot, lambda: name in str(sources.render()), "its source queue")
            await press_button(pilot, panel.query_one("#sqs-redrive-start", Button))
            table = panel.query_one("#sqs-move-tasks", DataTable)

            def completed() -> bool:
                return bool(row_keys(table)) and str(table.get_row_at(0)[0]) == "COMPLETED"

            for _ in range(100):
                if completed():
                    break
                await press_button(pilot, panel.query_one("#sqs-redrive-refresh", Button))
                await until(pilot, lambda: bool(row_keys(table)), "a task row")
            assert completed()
            assert str(table.get_row_at(0)[1]) == "2 of 2"

    asyncio.run(scenario())
    assert _depth(sqs, dlq_url) == 0
    assert _depth(sqs, url) == 2


def test_turn_report_batch_item_failures_on_for_a_trigger(
    make_app: Callable[..., CoursewareApp], aws_client: Any, unique: Any
) -> None:
    sqs, lam, iam = aws_client("sqs"), aws_client("lambda"), aws_client("iam")
    name = unique("tui-partial")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    make_function(lam, iam, name, "def handler(e, c):\n    return {}\n")
    allow_sqs_trigger(iam, name)
    uuid = lam.create_event_source_mapping(FunctionName=name, EventSourceArn=_arn(sqs, url))["UUID"]

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(100, 30)) as pilot:
            queue = await open_queue(app, pilot, name)
            await to_tab(
                pilot, queue.query_one("#sqs-queue-tabs", TabbedContent), "sqs-tab-triggers"
            )
            table = queue.query_one("#sqs-triggers", DataTable)
            await to_row(pilot, table, uuid)
            await press_button(pilot, queue.query_one("#sqs-trigger-partial", Button))
            await until(
                pilot,
                lambda: uuid in row_keys(table) and str(table.get_row(uuid)[3]) == "yes",
                "the trigger reports failures",
            )

    asyncio.run(scenario())
    mapping = lam.get_event_source_mapping(UUID=uuid)
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
