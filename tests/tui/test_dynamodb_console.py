"""DynamoDB console against the real embedded cloud: create tables, explore and write items."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, TextArea

from courseware.tui.consoles.dynamodb.dynamodb_console import DynamoDbScreen
from courseware.tui.consoles.dynamodb.dynamodb_create import DynamoDbCreateScreen
from courseware.tui.consoles.dynamodb.dynamodb_item import DynamoDbItemScreen
from courseware.tui.consoles.dynamodb.dynamodb_items import DynamoDbItemsScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import paste
from tests.tui.pilot_helpers import row_keys, select_row, until

MakeApp = Callable[..., CoursewareApp]
TYPED = '{"pk": {"S": "p1"}, "price": {"N": "12"}, "set": {"SS": ["a"]}}'


def make_table(dynamodb: Any, name: str, sort: str | None = None) -> None:
    """Create an on-demand table keyed by ``pk`` (S) and optionally ``sort`` (N)."""
    keys = [("pk", "S", "HASH")] + ([(sort, "N", "RANGE")] if sort else [])
    dynamodb.create_table(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t, _ in keys],
        KeySchema=[{"AttributeName": n, "KeyType": k} for n, _, k in keys],
        BillingMode="PAY_PER_REQUEST",
    )


async def open_items(app: CoursewareApp, pilot: Pilot[Any], name: str) -> DynamoDbItemsScreen:
    """From the table list, open ``name``'s items with the keyboard."""
    listing = app.screen
    assert isinstance(listing, DynamoDbScreen)
    table = listing.query_one("#dynamodb-tables", DataTable)
    await select_row(pilot, table, name)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, DynamoDbItemsScreen))
    screen = app.screen
    assert isinstance(screen, DynamoDbItemsScreen)
    return screen


def test_create_table_with_keys(make_app: MakeApp, aws_client: Any, unique: Any) -> None:
    name = unique("Visits")

    async def scenario() -> None:
        app = make_app(start_screen="dynamodb")
        async with app.run_test(size=(80, 24)) as pilot:
            listing = app.screen
            await pilot.pause()
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, DynamoDbCreateScreen))
            form = app.screen
            await pilot.press(*"x!")  # an invalid name is refused inline
            form.query_one("#dynamodb-create-pk", Input).value = "ProductVisitKey"
            await pilot.press("ctrl+s")
            error = form.query_one("#dynamodb-create-error", Static)
            await until(pilot, lambda: "Table names" in str(error.render()))
            form.query_one("#dynamodb-create-name", Input).value = name
            form.query_one("#dynamodb-create-sk", Input).value = "visitedAt"
            form.query_one("#dynamodb-create-sk-type").value = "N"  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is listing)
            table = listing.query_one("#dynamodb-tables", DataTable)
            await until(pilot, lambda: name in row_keys(table))
            assert table.get_row(name)[1:4] == [
                "ProductVisitKey (S)",
                "visitedAt (N)",
                "On-demand",
            ]

    asyncio.run(scenario())
    table = aws_client("dynamodb").describe_table(TableName=name)["Table"]
    assert {(k["AttributeName"], k["KeyType"]) for k in table["KeySchema"]} == {
        ("ProductVisitKey", "HASH"),
        ("visitedAt", "RANGE"),
    }
    types = {a["AttributeName"]: a["AttributeType"] for a in table["AttributeDefinitions"]}
    assert types == {"ProductVisitKey": "S", "visitedAt": "N"}
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"


def test_items_put_outside_show_key_first_and_query(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    dynamodb = aws_client("dynamodb")
    name = unique("Items")
    make_table(dynamodb, name, sort="n")
    for pk, n in (("a", 1), ("a", 2), ("b", 1)):
        dynamodb.put_item(
            TableName=name,
            Item={"zeta": {"S": f"{pk}{n}"}, "pk": {"S": pk}, "n": {"N": str(n)}},
        )

    async def scenario() -> None:
        app = make_app(start_screen="dynamodb")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_items(app, pilot, name)
            table = screen.query_one("#dynamodb-items", DataTable)
            await until(pilot, lambda: table.row_count == 3)
            assert [str(c.label) for c in table.ordered_columns] == ["pk", "n", "zeta"]
            assert sorted(tuple(table.get_row_at(i)) for i in range(3)) == [
                ("a", "1", "a1"),
                ("a", "2", "a2"),
                ("b", "1", "b1"),
            ]
            screen.query_one("#dynamodb-pk", Input).focus()
            await pilot.press("a", "enter")
            await until(
                pilot,
                lambda: "Query" in str(screen.query_one("#dynamodb-items-status", Static).render()),
            )
            await until(pilot, lambda: table.row_count == 2)
            assert {table.get_row_at(i)[2] for i in range(2)} == {"a1", "a2"}
            # A sort-key condition narrows the query, as in the console.
            status = screen.query_one("#dynamodb-items-status", Static)
            screen.query_one("#dynamodb-sk-op", Select).value = ">"
            screen.query_one("#dynamodb-sk", Input).focus()
            await pilot.press("1", "enter")
            await until(pilot, lambda: "n > 1" in str(status.render()))
            await until(pilot, lambda: table.row_count == 1)
            assert table.get_row_at(0)[2] == "a2"
            screen.query_one("#dynamodb-sk-op", Select).value = "begins_with"
            await pilot.press("enter")
            await until(pilot, lambda: "n is a number" in str(status.render()))

    asyncio.run(scenario())


def test_create_item_from_json_then_edit_and_delete(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    dynamodb = aws_client("dynamodb")
    name = unique("New")
    make_table(dynamodb, name)

    async def scenario() -> None:
        app = make_app(start_screen="dynamodb")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_items(app, pilot, name)
            table = screen.query_one("#dynamodb-items", DataTable)
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, DynamoDbItemScreen))
            editor = app.screen.query_one("#dynamodb-item-json", TextArea)
            editor.text = '{"pk": "p1", "price": 9.5, "tags": ["x"], "ok": true'  # broken JSON
            await pilot.press("ctrl+s")
            error = app.screen.query_one("#dynamodb-item-error", Static)
            await until(pilot, lambda: "Not valid JSON" in str(error.render()))
            assert editor.text.startswith('{"pk": "p1"')  # the learner's text is kept
            editor.text += "}"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen)
            await until(pilot, lambda: table.row_count == 1)
            # Edit it as DynamoDB JSON: e, then replace the text.
            table.focus()
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, DynamoDbItemScreen))
            item_screen = app.screen
            await until(pilot, lambda: item_screen.editing)  # type: ignore[attr-defined]
            item_editor = item_screen.query_one("#dynamodb-item-json", TextArea)
            # As a learner replaces it: select all (ctrl+a), then paste the new item over it.
            assert item_editor.has_focus
            await pilot.press("ctrl+a")
            await paste(pilot, item_editor, TYPED)
            assert item_editor.text == TYPED
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen)
            await until(pilot, lambda: "12" in table.get_row_at(0))

    asyncio.run(scenario())
    item = dynamodb.get_item(TableName=name, Key={"pk": {"S": "p1"}})["Item"]
    assert item == {"pk": {"S": "p1"}, "price": {"N": "12"}, "set": {"SS": ["a"]}}

    async def delete() -> None:
        app = make_app(start_screen="dynamodb")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_items(app, pilot, name)
            table = screen.query_one("#dynamodb-items", DataTable)
            await until(pilot, lambda: table.row_count == 1)
            table.focus()
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("y")
            await until(pilot, lambda: table.row_count == 0)

    asyncio.run(delete())
    assert "Item" not in dynamodb.get_item(TableName=name, Key={"pk": {"S": "p1"}})


def test_first_created_item_matches_plain_json_types(
    make_app: MakeApp, aws_client: Any, unique: Any
) -> None:
    dynamodb = aws_client("dynamodb")
    name = unique("Types")
    make_table(dynamodb, name)

    async def scenario() -> None:
        app = make_app(start_screen="dynamodb")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_items(app, pilot, name)
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, DynamoDbItemScreen))
            app.screen.query_one(
                "#dynamodb-item-json", TextArea
            ).text = (
                '{"pk": "p", "price": 9.5, "tags": ["x", 1], "meta": {"ok": true, "none": null}}'
            )
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen)

    asyncio.run(scenario())
    item = dynamodb.get_item(TableName=name, Key={"pk": {"S": "p"}})["Item"]
    assert item == {
        "pk": {"S": "p"},
        "price": {"N": "9.5"},
        "tags": {"L": [{"S": "x"}, {"N": "1"}]},
        "meta": {"M": {"ok": {"BOOL": True}, "none": {"NULL": True}}},
    }
