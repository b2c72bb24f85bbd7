"""The instructor's grid: both learners' steps turn green; a reset touches one learner only."""

from __future__ import annotations

import asyncio
from typing import Any

import botocore.exceptions
import pytest
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from courseware.cloud.endpoint import Endpoint
from courseware.course.classroom.notes import notes
from courseware.tui.classroom.app import ClassroomApp
from tests.functional.classroom_helpers import as_learner, join, learner_env, new_room
from tests.functional.conftest import courseware_cli
from tests.tui.pilot_helpers import until

COLUMN = "event-driven/table"


def _make_table(clients: Any) -> None:
    clients("dynamodb").create_table(
        TableName="ProductVisits",
        KeySchema=[{"AttributeName": "ProductVisitKey", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "ProductVisitKey", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def test_grid_turns_green_and_resets_one_learner(cloud: Endpoint) -> None:
    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")

    async def scenario() -> None:
        app = ClassroomApp(room, cloud)
        async with app.run_test(size=(220, 40)) as pilot:
            table: DataTable[Any] = app.screen.query_one("#class-grid", DataTable)

            def cells() -> list[str]:
                return [str(table.get_cell(who.id, COLUMN)) for who in (ada, bob)]

            await until(pilot, lambda: table.row_count == 2 and cells(), "two learners")
            assert cells() == ["○", "○"]
            for learner in (ada, bob):
                _make_table(as_learner(learner, cloud))
                env = learner_env(room, learner, cloud)
                done = await asyncio.to_thread(
                    courseware_cli, "lab", "check", "event-driven", "--step", "table", env=env
                )
                assert done.returncode == 0, done.stdout + done.stderr
            await until(pilot, lambda: cells() == ["✔", "✔"], "both turned green", 60)

            table.focus()
            column = [str(c.key.value) for c in table.ordered_columns].index(COLUMN)
            table.cursor_coordinate = Coordinate(table.get_row_index(ada.id), column)
            await pilot.press("r")
            await until(pilot, lambda: cells() == ["✘", "✔"], "Ada's lab reset", 60)

            await pilot.press("n")
            await pilot.press(*"Break", "enter")
            await until(pilot, lambda: notes(room.folder), "the note saved")

    asyncio.run(scenario())
    with pytest.raises(botocore.exceptions.ClientError, match="ResourceNotFoundException"):
        as_learner(ada, cloud)("dynamodb").describe_table(TableName="ProductVisits")
    assert as_learner(bob, cloud)("dynamodb").describe_table(TableName="ProductVisits")
    assert [n["text"] for n in notes(room.folder)] == ["Break"]
