"""The SNS console on its own: delete asks first, a subscription is deleted from the topic's
page, the forms name what is wrong (a FIFO name, an attribute line), publish says its id."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, RadioButton, Static

from courseware.tui.consoles.common.code_editor import TextEditor
from courseware.tui.consoles.sns.sns_create import SnsCreateTopicScreen
from courseware.tui.consoles.sns.sns_publish import SnsPublishScreen
from courseware.tui.consoles.sns.sns_topic import SnsTopicScreen
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.confirm_dialog import ConfirmDialog
from tests.tui.keyboard import choose_radio, paste, tab_to, type_into
from tests.tui.pilot_helpers import row_keys, select_row, until

Client = Callable[[str], Any]


def _text(widget: Static) -> str:
    return str(widget.render())


def test_topics_are_created_deleted_and_subscriptions_removed(
    make_app: Callable[..., CoursewareApp], aws_client: Client, unique: Any
) -> None:
    sns, sqs = aws_client("sns"), aws_client("sqs")
    name, doomed = unique("topic"), unique("gone")
    arn = sns.create_topic(Name=name)["TopicArn"]
    sns.create_topic(Name=doomed)
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    queue = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    sub = sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=queue["QueueArn"])

    async def scenario() -> None:
        app = make_app(start_screen="sns")
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            table = screen.query_one("#sns-topics", DataTable)
            await select_row(pilot, table, doomed)
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
            await pilot.press("y")
            await until(pilot, lambda: doomed not in row_keys(table), "topic gone")

            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, SnsCreateTopicScreen) and app.screen, "form"
            )
            await choose_radio(pilot, form.query_one("#sns-fifo", RadioButton))
            await type_into(pilot, form.query_one("#sns-create-name", Input), "orders")
            await pilot.press("ctrl+s")
            error = form.query_one("#sns-create-error", Static)
            await until(pilot, lambda: ".fifo" in _text(error), "the FIFO name rule")
            await pilot.press("escape")

            await select_row(pilot, table, name)
            await pilot.press("enter")
            page = await until(
                pilot, lambda: isinstance(app.screen, SnsTopicScreen) and app.screen, "topic page"
            )
            subs = page.query_one("#sns-subscriptions", DataTable)
            await select_row(pilot, subs, sub["SubscriptionArn"])
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked")
            await pilot.press("y")
            await until(pilot, lambda: subs.row_count == 0, "subscription gone")

            await pilot.press("p")
            publish = await until(
                pilot, lambda: isinstance(app.screen, SnsPublishScreen) and app.screen, "publish"
            )
            body = publish.query_one("#sns-publish-body", TextEditor)
            await tab_to(pilot, body)
            await paste(pilot, body, "hello")
            attrs = publish.query_one("#sns-publish-attributes", TextEditor)
            await tab_to(pilot, attrs)
            await paste(pilot, attrs, "event_type")
            await pilot.press("ctrl+s")
            status = publish.query_one("#sns-publish-status", Static)
            await until(pilot, lambda: "line 1 must look like key=value" in _text(status), "err")
            await pilot.press("ctrl+a")
            await paste(pilot, attrs, "event_type=order_placed")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Published message" in _text(status), "published")

    asyncio.run(scenario())
    topics = {t["TopicArn"].rsplit(":", 1)[-1] for t in sns.list_topics()["Topics"]}
    assert doomed not in topics and name in topics
    assert sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"] == []
