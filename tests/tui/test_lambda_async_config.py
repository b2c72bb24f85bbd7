"""The Lambda console's Asynchronous invocation settings and the Test tab's Event invoke,
driven keyboard-only: every setting of the async-destinations lab can be made in the app."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, Select, TabbedContent, TextArea

from courseware.cloud.events import async_invoke
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import choose, paste, press_button, tab_to, to_row, to_tab, type_into
from tests.tui.lambda_helpers import make_function, text_of
from tests.tui.pilot_helpers import until

FAILS = "def lambda_handler(event, context):\n    raise ValueError('bad order')\n"


def _queue(sqs: Any, name: str) -> tuple[str, str]:
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    return str(url), str(attrs["QueueArn"])


def test_async_settings_and_an_event_invoke_from_the_keyboard(
    make_app: Callable[..., CoursewareApp], aws_client: Callable[[str], Any], unique: Any
) -> None:
    lam, sqs, iam = aws_client("lambda"), aws_client("sqs"), aws_client("iam")
    name = unique("asyncui")
    role = f"{name}-role"
    make_function(aws_client, name, FAILS, role=role)
    failures_url, failures = _queue(sqs, f"{name}-failures")
    dlq_url, dlq = _queue(sqs, f"{name}-dlq")
    statement = {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": [failures, dlq]}
    iam.put_role_policy(
        RoleName=role,
        PolicyName="send",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
    )
    saved = async_invoke.RETRY_DELAYS
    async_invoke.RETRY_DELAYS = (0.2, 0.4)

    async def scenario() -> None:
        app = make_app(start_screen="lambda")
        async with app.run_test(size=(100, 40)) as pilot:
            await to_row(pilot, app.screen.query_one("#lambda-functions", DataTable), name)
            await pilot.press("enter")
            page = await until(
                pilot, lambda: isinstance(app.screen, FunctionScreen) and app.screen, "the page"
            )
            tabs = page.query_one("#fn-tabs", TabbedContent)
            await to_tab(pilot, tabs, "tab-config")
            retries = page.query_one("#async-retries", Input)
            await until(pilot, lambda: retries.value == "2", "Lambda's default retries shown")
            assert page.query_one("#async-max-age", Input).value == "21600"
            await type_into(pilot, retries, "3")
            await press_button(pilot, page.query_one("#async-save"))
            status = page.query_one("#async-status")
            await until(pilot, lambda: "from 0 to 2" in text_of(status), "the range error")
            await type_into(pilot, retries, "1")
            await type_into(pilot, page.query_one("#async-max-age", Input), "3600")
            await type_into(pilot, page.query_one("#async-on-failure", Input), failures)
            await type_into(pilot, page.query_one("#async-dlq", Input), dlq)
            await press_button(pilot, page.query_one("#async-save"))
            await until(pilot, lambda: text_of(status) == "Saved.", "saved")
            config = lam.get_function_event_invoke_config(FunctionName=name)
            assert (config["MaximumRetryAttempts"], config["MaximumEventAgeInSeconds"]) == (1, 3600)
            assert config["DestinationConfig"]["OnFailure"]["Destination"] == failures
            dead = lam.get_function_configuration(FunctionName=name)["DeadLetterConfig"]
            assert dead["TargetArn"] == dlq

            await to_tab(pilot, tabs, "tab-test")
            await choose(pilot, page.query_one("#test-invocation", Select), "Event")
            event = page.query_one("#test-event", TextArea)
            await tab_to(pilot, event)
            await pilot.press("ctrl+a")
            await paste(pilot, event, '{"orderId": "ui-1"}')
            await pilot.press("ctrl+t")
            result = page.query_one("#result-status")
            await until(pilot, lambda: "202 Accepted" in text_of(result), "queued")

    try:
        asyncio.run(scenario())
    finally:
        async_invoke.RETRY_DELAYS = saved

    def arrived(url: str) -> list[dict[str, Any]]:
        return list(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5).get("Messages", []))

    record = json.loads(_wait(lambda: arrived(failures_url))[0]["Body"])
    assert record["requestContext"]["approximateInvokeCount"] == 2  # the one retry set in the app
    assert record["requestPayload"] == {"orderId": "ui-1"}
    assert json.loads(_wait(lambda: arrived(dlq_url))[0]["Body"]) == {"orderId": "ui-1"}


def _wait(look: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    for _ in range(6):
        found = look()
        if found:
            return found
    raise AssertionError("nothing arrived")
