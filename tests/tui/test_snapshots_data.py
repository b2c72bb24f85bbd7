"""Snapshots of the data consoles (fixed resource names, no timestamps in view)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from courseware.tui.consoles.dynamodb.dynamodb_console import DynamoDbScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.pilot_helpers import laid_out, until

MakeApp = Callable[..., CoursewareApp]
FIXED_STATUS = "cloud ready at 127.0.0.1:4566"


def test_sqs_queue_list(snap_compare: Any, make_app: MakeApp, aws_client: Any) -> None:
    sqs = aws_client("sqs")
    orders = sqs.create_queue(QueueName="snap-orders")["QueueUrl"]
    sqs.create_queue(QueueName="snap-orders-dlq")
    sqs.create_queue(QueueName="snap-jobs.fifo", Attributes={"FifoQueue": "true"})
    for body in ("one", "two"):
        sqs.send_message(QueueUrl=orders, MessageBody=body)
    app = make_app(start_screen="sqs")

    async def run_before(pilot: Pilot[Any]) -> None:
        app.theme = "textual-dark"
        app.sub_title = FIXED_STATUS
        app.screen.query_one("#sqs-filter", Input).value = "snap-"
        table = app.screen.query_one("#sqs-queues", DataTable)
        await until(pilot, lambda: table.row_count == 3)
        table.focus()
        await laid_out(pilot, table)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_dynamodb_items_view(snap_compare: Any, make_app: MakeApp, aws_client: Any) -> None:
    dynamodb = aws_client("dynamodb")
    name = "SnapshotVisits"
    dynamodb.create_table(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": "ProductVisitKey", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "ProductVisitKey", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    for key, product, count in (("v-1", "P-1042", 1), ("v-2", "P-7", 3), ("v-3", "P-1042", 2)):
        dynamodb.put_item(
            TableName=name,
            Item={
                "ProductId": {"S": product},
                "ProductVisitKey": {"S": key},
                "Visits": {"N": str(count)},
                "Tags": {"SS": ["web"]},
            },
        )
    app = make_app(start_screen="dynamodb")

    async def run_before(pilot: Pilot[Any]) -> None:
        app.theme = "textual-dark"
        app.sub_title = FIXED_STATUS
        listing = app.screen
        assert isinstance(listing, DynamoDbScreen)
        await until(pilot, lambda: name in listing.tables)
        listing.open_table(name)
        await until(pilot, lambda: bool(app.screen.query("#dynamodb-items")))
        table = app.screen.query_one("#dynamodb-items", DataTable)
        await until(pilot, lambda: table.row_count == 3)
        await laid_out(pilot, table)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# No CloudWatch Logs snapshot: every events view shows timestamps, and CloudWatch (like
# moto) refuses events older than 14 days, so a fixed timestamp cannot be used.
