"""Editing a queue after creation: timings and the dead-letter queue change; name and type stay."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, RadioSet, Select, Static

from courseware.tui.consoles.sqs.sqs_create import SqsCreateScreen
from courseware.tui.consoles.sqs.sqs_queue import SqsQueueScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.pilot_helpers import until
from tests.tui.test_sqs_console import open_queue


def _attributes(sqs: Any, url: str) -> dict[str, str]:
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
    return dict(found["Attributes"])


def test_edit_queue_settings_and_dead_letter_queue(
    make_app: Callable[..., CoursewareApp], aws_client: Any, unique: Any
) -> None:
    sqs = aws_client("sqs")
    name, dlq = unique("edit"), unique("edit-dlq")
    dlq_url = sqs.create_queue(QueueName=dlq)["QueueUrl"]
    dlq_arn = _attributes(sqs, dlq_url)["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 4})
    url = sqs.create_queue(
        QueueName=name, Attributes={"VisibilityTimeout": "30", "RedrivePolicy": redrive}
    )["QueueUrl"]

    async def scenario() -> None:
        app = make_app(start_screen="sqs")
        async with app.run_test(size=(80, 24)) as pilot:
            queue = await open_queue(app, pilot, name)
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, SqsCreateScreen), "edit form")
            form = app.screen
            # The form shows the queue as it is; name and type cannot change.
            assert form.query_one("#sqs-create-name", Input).disabled
            assert form.query_one("#sqs-create-type", RadioSet).disabled
            assert form.query_one("#sqs-create-visibility", Input).value == "30"
            assert form.query_one("#sqs-create-dlq", Select).value == dlq_url
            assert form.query_one("#sqs-create-maxreceive", Input).value == "4"
            # A bad value is explained and nothing changes.
            form.query_one("#sqs-create-visibility", Input).value = "99999"
            form.query_one("#sqs-create-submit").press()
            error = form.query_one("#sqs-create-error", Static)
            await until(pilot, lambda: "between 0 and 43200" in str(error.render()))
            # Good values are saved; clearing the dead-letter queue removes the redrive policy.
            form.query_one("#sqs-create-visibility", Input).value = "45"
            form.query_one("#sqs-create-delay", Input).value = "5"
            form.query_one("#sqs-create-dlq", Select).clear()
            await pilot.pause()
            form.query_one("#sqs-create-submit").press()
            await until(pilot, lambda: app.screen is queue, "back on the queue")
            assert isinstance(app.screen, SqsQueueScreen)
            details = queue.query_one("#sqs-attributes", DataTable)

            def shown() -> dict[str, str]:
                rows = (details.get_row_at(i) for i in range(details.row_count))
                return {str(label): str(value) for label, value in rows}

            await until(pilot, lambda: "45" in shown().values(), "the details show the change")

    asyncio.run(scenario())
    after = _attributes(sqs, url)
    assert (after["VisibilityTimeout"], after["DelaySeconds"]) == ("45", "5")
    assert "RedrivePolicy" not in after
