"""The whole s3-pipeline lab done inside the app, keyboard only, watching every step turn passed.

Every action is a key press, typed text or a paste, as a learner does: the lab opened from the
runner's picker (F4); both buckets created in the S3 console; the queue and the table in the
SQS and DynamoDB consoles; the two roles by pasting the lab's printed commands into the AWS CLI
pane (F6); `transform` created in the Lambda console from the starter folder's printed
``$LABS`` path, its TODO fixed in the editor and deployed; S3's permission, the notification
(Lambda, prefix incoming/, suffix .txt) and an upload done in the bucket's tabs; `recorder`
created from the lab's starter (ctrl+g); the trigger configured on the queue; the transformed
object read in the S3 console; the knowledge answer typed into the runner. Only the runner's
own re-checks turn the steps green.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.pilot import Pilot
from textual.widgets import (
    Button,
    DataTable,
    Input,
    RadioButton,
    Select,
    Static,
    TabbedContent,
    TextArea,
)

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.tui.consoles.awslambda.lambda_console import LambdaScreen
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.dynamodb.dynamodb_create import DynamoDbCreateScreen
from courseware.tui.consoles.s3.s3_bucket import S3BucketScreen
from courseware.tui.consoles.s3.s3_console import S3Screen
from courseware.tui.consoles.s3.s3_view import S3ViewScreen
from courseware.tui.consoles.sqs.sqs_console import SqsScreen
from courseware.tui.consoles.sqs.sqs_create import SqsCreateScreen
from courseware.tui.consoles.sqs.sqs_queue import SqsQueueScreen
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import (
    answer,
    choose,
    choose_radio,
    open_lab,
    press_button,
    printed_block,
    run_in_pane,
    tab_to,
    to_row,
    to_tab,
    type_into,
)
from tests.tui.pilot_helpers import open_console, row_keys, until

LAB_ID = "s3-pipeline"
UPLOADS, RESULTS = "pipeline-uploads", "pipeline-results"


def _has_rows(table: DataTable[Any], count: int) -> bool:
    return table.row_count == count


async def _console_home(pilot: Pilot[Any], console: str, home: type) -> None:
    """Open ``console`` and press Esc until its first screen shows (it stays as it was left)."""
    await open_console(pilot, console)
    for _ in range(5):
        if isinstance(pilot.app.screen, home):
            return
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(pilot.app.screen, home), pilot.app.screen


async def _create_function(
    pilot: Pilot[Any], app: CoursewareApp, name: str, handler: str, role: str
) -> FunctionScreen:
    """Lambda → Create function (Python 3.12, the handler, an existing role)."""
    await _console_home(pilot, "lambda", LambdaScreen)
    await pilot.press("c")
    form = await until(
        pilot, lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen, "function form"
    )
    await type_into(pilot, form.query_one("#create-name", Input), name)
    await choose(pilot, form.query_one("#create-runtime", Select), "python3.12")
    await type_into(pilot, form.query_one("#create-handler", Input), handler)
    await choose_radio(pilot, form.query_one("#existing", RadioButton))
    await choose(pilot, form.query_one("#role-select", Select), role)
    await pilot.press("ctrl+s")
    page = await until(
        pilot, lambda: isinstance(app.screen, FunctionScreen) and app.screen, "function page"
    )
    assert isinstance(page, FunctionScreen)
    return page


def test_the_whole_s3_pipeline_lab_inside_the_app(
    make_app: Callable[..., CoursewareApp], cloud: Endpoint
) -> None:
    lab = load_course().lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 32)) as pilot:
            runner = await open_lab(pilot, LAB_ID)
            state = await until(
                pilot, lambda: runner.state and runner.state.checked and runner.state, "first check"
            )
            assert state.passed_count() == 0

            def passed(step: str) -> bool:
                return bool(state.status(step) == "passed")

            async def step_passes(step: str, seconds: float = 20.0) -> None:
                try:
                    await until(pilot, lambda: passed(step), f"step {step}", seconds=seconds)
                except AssertionError:
                    shown = state.results.get(step)
                    raise AssertionError(f"step {step}: {shown and shown.message}") from None

            # 1. S3 → c, type the name, enter; twice.
            await open_console(pilot, "s3")
            buckets = app.screen.query_one("#s3-buckets", DataTable)
            field = app.screen.query_one("#s3-new-bucket", Input)
            for count, name in enumerate((UPLOADS, RESULTS), start=1):
                await pilot.press("c")
                await until(pilot, lambda: field.has_focus, "the name field")
                await pilot.press(*name, "enter")
                await until(pilot, partial(_has_rows, buckets, count), f"{count} bucket(s)")
            assert set(row_keys(buckets)) == {UPLOADS, RESULTS}
            await step_passes("buckets")

            # 2. SQS → Create queue; DynamoDB → Create table.
            await open_console(pilot, "sqs")
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, SqsCreateScreen) and app.screen, "queue form"
            )
            await type_into(pilot, form.query_one("#sqs-create-name", Input), "processed-files")
            await type_into(pilot, form.query_one("#sqs-create-visibility", Input), "20")
            await pilot.press("ctrl+s")
            await open_console(pilot, "dynamodb")
            await pilot.press("c")
            form = await until(
                pilot,
                lambda: isinstance(app.screen, DynamoDbCreateScreen) and app.screen,
                "table form",
            )
            await type_into(pilot, form.query_one("#dynamodb-create-name", Input), "ProcessedFiles")
            await type_into(pilot, form.query_one("#dynamodb-create-pk", Input), "FileKey")
            await pilot.press("ctrl+s")
            await step_passes("downstream")

            # 3. The roles: the lab's printed commands pasted into the CLI pane.
            said = await run_in_pane(pilot, printed_block(lab, "roles"))
            assert "exit code 0" in said, said
            await step_passes("roles")

            # 4. Lambda → Create transform, Upload the starter, fix the TODO line, Deploy.
            page = await _create_function(
                pilot, app, "transform", "transform.lambda_handler", "transform-role"
            )
            await type_into(
                pilot,
                page.query_one("#code-upload-path", Input),
                "$LABS/s3-pipeline/starter/python",
            )
            await press_button(pilot, page.query_one("#code-upload", Button))
            editor = page.query_one("#code-editor", TextArea)
            await until(pilot, lambda: "TODO" in editor.text, "the starter in the editor")
            line = next(
                i
                for i, text in enumerate(editor.text.splitlines())
                if text.strip().startswith("key = ")
            )
            await tab_to(pilot, editor)
            await pilot.press("ctrl+home", *(["down"] * line), "end", *'.replace("+", " ")')
            assert '["key"].replace("+", " ")' in editor.text
            await pilot.press("ctrl+s")
            await step_passes("transform", 40)

            # 5.–6. S3 → pipeline-uploads → Event notifications: allow S3 (p), then add the
            # notification; Objects → upload incoming/notes.txt.
            await _console_home(pilot, "s3", S3Screen)
            await to_row(pilot, app.screen.query_one("#s3-buckets", DataTable), UPLOADS)
            await pilot.press("enter")
            bucket = await until(
                pilot, lambda: isinstance(app.screen, S3BucketScreen) and app.screen, "bucket page"
            )
            tabs = bucket.query_one("#s3-bucket-tabs", TabbedContent)
            await to_tab(pilot, tabs, "s3-tab-events")
            await choose(pilot, bucket.query_one("#s3-notify-target", Select), "transform")
            await pilot.press("p")
            await step_passes("permission")
            await type_into(pilot, bucket.query_one("#s3-notify-prefix", Input), "incoming/")
            await type_into(pilot, bucket.query_one("#s3-notify-suffix", Input), ".txt")
            await press_button(pilot, bucket.query_one("#s3-notify-add", Button))
            rows = bucket.query_one("#s3-notifications", DataTable)
            await until(pilot, lambda: rows.row_count == 1, "the notification listed")
            await to_tab(pilot, tabs, "s3-tab-objects")
            await type_into(
                pilot, bucket.query_one("#s3-upload-path", Input), "$LABS/s3-pipeline/notes.txt"
            )
            await type_into(pilot, bucket.query_one("#s3-upload-key", Input), "incoming/notes.txt")
            await pilot.press("enter")
            await step_passes("notify", 60)

            # 7. Lambda → Create recorder, deploy the lab's starter (ctrl+g).
            page = await _create_function(
                pilot, app, "recorder", "recorder.lambda_handler", "recorder-role"
            )
            await pilot.press("ctrl+g")
            await step_passes("recorder", 40)

            # 8. SQS → processed-files → Lambda triggers → recorder → Configure.
            await _console_home(pilot, "sqs", SqsScreen)
            await to_row(pilot, app.screen.query_one("#sqs-queues", DataTable), "processed-files")
            await pilot.press("enter")
            queue = await until(
                pilot, lambda: isinstance(app.screen, SqsQueueScreen) and app.screen, "queue page"
            )
            await to_tab(
                pilot, queue.query_one("#sqs-queue-tabs", TabbedContent), "sqs-tab-triggers"
            )
            await choose(pilot, queue.query_one("#sqs-trigger-function", Select), "recorder")
            await press_button(pilot, queue.query_one("#sqs-trigger-create", Button))
            await step_passes("trigger", 60)

            # The transformed file, read in the S3 console: pipeline-results → incoming/ → notes.txt.
            await _console_home(pilot, "s3", S3Screen)
            await to_row(pilot, app.screen.query_one("#s3-buckets", DataTable), RESULTS)
            await pilot.press("enter")
            results = await until(
                pilot,
                lambda: (
                    isinstance(app.screen, S3BucketScreen)
                    and app.screen.bucket == RESULTS
                    and app.screen
                ),
                "results bucket",
            )
            objects = results.query_one("#s3-objects", DataTable)
            await to_row(pilot, objects, "incoming/")
            await pilot.press("enter")
            await to_row(pilot, objects, "incoming/notes.txt")
            await pilot.press("enter")
            view = await until(
                pilot, lambda: isinstance(app.screen, S3ViewScreen) and app.screen, "the object"
            )
            assert view.query_one("#s3-view-text", TextArea).text == "HELLO SERVERLESS PIPELINE\n"
            await pilot.press("escape")

            # 9. Break it: upload incoming/report.csv (no event), then answer in the runner.
            await _console_home(pilot, "s3", S3Screen)
            await to_row(pilot, app.screen.query_one("#s3-buckets", DataTable), UPLOADS)
            await pilot.press("enter")
            bucket = await until(
                pilot,
                lambda: (
                    isinstance(app.screen, S3BucketScreen)
                    and app.screen.bucket == UPLOADS
                    and app.screen
                ),
                "uploads bucket",
            )
            await to_tab(
                pilot, bucket.query_one("#s3-bucket-tabs", TabbedContent), "s3-tab-objects"
            )
            await type_into(
                pilot, bucket.query_one("#s3-upload-path", Input), "$LABS/s3-pipeline/notes.txt"
            )
            await type_into(pilot, bucket.query_one("#s3-upload-key", Input), "incoming/report.csv")
            await pilot.press("enter")
            said = bucket.query_one("#s3-objects-status", Static)
            await until(pilot, lambda: "as incoming/report.csv" in str(said.render()), "uploaded")
            await pilot.press("f4")
            assert app.screen is runner
            await answer(pilot, runner, "break", "0")
            await step_passes("break")
            await pilot.press("escape")

            await until(pilot, lambda: state.passed_count() == len(lab.steps), "every step passed")
            assert not any(state.help.get(s.id) for s in lab.steps), "no hint or solution was used"

    asyncio.run(scenario())
