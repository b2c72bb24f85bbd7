"""The whole event-driven lab done inside the app, watching every step turn passed.

Table, queue and role are created in the DynamoDB, SQS and IAM consoles; the function in the
Lambda console with the starter uploaded as a .zip; the first message is sent with the AWS CLI
pane and polled back in the SQS console; the trigger is configured on the queue; the items are
seen in the DynamoDB console and the log line in CloudWatch Logs; the two knowledge answers are
typed into the lab runner. Nothing is arranged outside the app: only the runner's own automatic
re-checks turn the steps green.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input, RadioButton, Select, SelectionList, Static, TextArea

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.course.packaging import zip_bytes
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.dynamodb.dynamodb_console import DynamoDbScreen
from courseware.tui.consoles.dynamodb.dynamodb_create import DynamoDbCreateScreen
from courseware.tui.consoles.dynamodb.dynamodb_items import DynamoDbItemsScreen
from courseware.tui.consoles.iam.iam_create_role import CreateRoleScreen
from courseware.tui.consoles.iam.iam_role import RoleScreen
from courseware.tui.consoles.logs.live_tail import LiveTail
from courseware.tui.consoles.logs.logs_console import LogsScreen
from courseware.tui.consoles.logs.logs_group import LogsGroupScreen
from courseware.tui.consoles.sqs.sqs_console import SqsScreen
from courseware.tui.consoles.sqs.sqs_create import SqsCreateScreen
from courseware.tui.consoles.sqs.sqs_queue import SqsQueueScreen
from courseware.tui.consoles.sqs.sqs_send_receive import SendReceivePanel
from courseware.tui.lab.lab import LabScreen
from courseware.tui.lab.lab_steps import LabStepList
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.cli_pane import CliScreen
from tests.tui.pilot_helpers import open_console, row_keys, until

LAB_ID = "event-driven"
TABLE, QUEUE = "ProductVisits", "ProductVisitsDataQueue"
ROLE, FUNCTION = "lambdaRoleForSQSPermissions", "productVisitsDataHandler"


def test_the_whole_event_driven_lab_inside_the_app(
    make_app: Callable[..., CoursewareApp], cloud: Endpoint, tmp_path: Path
) -> None:
    course = load_course()
    lab = course.lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)
    starter = tmp_path / "handler.zip"
    starter.write_bytes(zip_bytes(course.root / "labs" / LAB_ID / "starter" / "python"))
    message = course.root / "labs" / LAB_ID / "message.json"

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await app.open_lab(LAB_ID)
            runner = app.screen
            assert isinstance(runner, LabScreen)
            state = await until(
                pilot, lambda: runner.state and runner.state.checked and runner.state, "first check"
            )
            assert state.passed_count() == 0

            def passed(step: str) -> bool:
                return state.status(step) == "passed"

            # 1. DynamoDB → Create table.
            await open_console(pilot, "dynamodb")
            assert isinstance(app.screen, DynamoDbScreen)
            await pilot.press("c")
            form = await until(
                pilot,
                lambda: isinstance(app.screen, DynamoDbCreateScreen) and app.screen,
                "table form",
            )
            form.query_one("#dynamodb-create-name", Input).value = TABLE
            form.query_one("#dynamodb-create-pk", Input).value = "ProductVisitKey"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("table"), "step table")

            # 2. SQS → Create queue (standard; a short visibility timeout keeps the test quick).
            await open_console(pilot, "sqs")
            assert isinstance(app.screen, SqsScreen)
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, SqsCreateScreen) and app.screen, "queue form"
            )
            form.query_one("#sqs-create-name", Input).value = QUEUE
            form.query_one("#sqs-create-visibility", Input).value = "5"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("queue"), "step queue")

            # 3. IAM → Create role from the two policy templates.
            await open_console(pilot, "iam")
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, CreateRoleScreen) and app.screen, "role form"
            )
            form.query_one("#iam-create-name", Input).value = ROLE
            templates = form.query_one("#iam-create-templates", SelectionList)
            templates.select("Simple microservice permissions")
            templates.select("Amazon SQS poller permissions")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, RoleScreen), "role page")
            await until(pilot, lambda: passed("role"), "step role")

            # 4. Lambda → Create function with the existing role, then upload the starter .zip.
            await open_console(pilot, "lambda")
            await pilot.press("c")
            form = await until(
                pilot,
                lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen,
                "function form",
            )
            form.query_one("#create-name", Input).value = FUNCTION
            form.query_one("#create-runtime", Select).value = "python3.12"
            await pilot.pause()
            form.query_one("#create-handler", Input).value = "lambda_function.lambda_handler"
            form.query_one("#existing", RadioButton).value = True
            roles = form.query_one("#role-select", Select)
            await until(pilot, lambda: any(v == ROLE for _, v in roles._options), "role choices")
            roles.value = ROLE
            await pilot.press("ctrl+s")
            page = await until(
                pilot,
                lambda: isinstance(app.screen, FunctionScreen) and app.screen,
                "function page",
            )
            page.query_one("#code-upload-path", Input).value = str(starter)
            await pilot.pause()
            page.query_one("#code-upload").press()
            await until(
                pilot,
                lambda: "Stored visit" in page.query_one("#code-editor", TextArea).text,
                "uploaded code",
            )
            await until(pilot, lambda: passed("function"), "step function")

            # 5. Send the message with the AWS CLI pane.
            await pilot.press("f6")  # the AWS CLI pane
            cli = app.screen
            assert isinstance(cli, CliScreen)
            box = cli.query_one("#cli-input", Input)
            box.value = (
                f"sqs send-message --queue-url {cloud.url}/123456789012/{QUEUE} "
                f"--message-body file://{message}"
            )
            await pilot.press("enter")
            await until(pilot, lambda: passed("send-message"), "step send-message")

            # 6. SQS → the queue → Send and receive → Poll for messages; note the MessageId.
            await open_console(pilot, "sqs")
            listing = app.screen
            assert isinstance(listing, SqsScreen)
            queues = listing.query_one("#sqs-queues", DataTable)
            await until(pilot, lambda: QUEUE in row_keys(queues), "the queue row")
            queues.focus()
            queues.move_cursor(row=queues.get_row_index(QUEUE))
            await pilot.press("enter")
            queue = await until(
                pilot, lambda: isinstance(app.screen, SqsQueueScreen) and app.screen, "queue page"
            )
            queue.query_one("#sqs-queue-tabs").active = "sqs-tab-send"  # type: ignore[attr-defined]
            await pilot.pause()
            panel = queue.query_one(SendReceivePanel)
            await pilot.press("ctrl+r")
            polled = panel.query_one("#sqs-messages", DataTable)
            await until(pilot, lambda: polled.row_count == 1, "the polled message")
            message_id = row_keys(polled)[0]
            await pilot.press("ctrl+r")
            await until(pilot, lambda: not panel.polling, "poll stopped")

            # 7. The queue's Lambda triggers tab → configure the function.
            queue.query_one("#sqs-queue-tabs").active = "sqs-tab-triggers"  # type: ignore[attr-defined]
            functions = queue.query_one("#sqs-trigger-function", Select)
            await until(
                pilot, lambda: any(v == FUNCTION for _, v in functions._options), "function choices"
            )
            functions.value = FUNCTION
            queue.query_one("#sqs-trigger-create").press()
            await until(pilot, lambda: passed("trigger"), "step trigger")

            # 8. Send a second message from the console; both become items.
            queue.query_one("#sqs-queue-tabs").active = "sqs-tab-send"  # type: ignore[attr-defined]
            await pilot.pause()
            panel.query_one("#sqs-body", TextArea).text = (
                message.parent / "message-2.json"
            ).read_text()
            await pilot.press("ctrl+s")
            await until(
                pilot,
                lambda: "Sent message" in str(panel.query_one("#sqs-send-status", Static).render()),
                "sent",
            )
            await until(pilot, lambda: passed("item"), "step item", seconds=60)

            # ... and the items are there in DynamoDB → Explore items.
            await open_console(pilot, "dynamodb")
            tables = app.screen.query_one("#dynamodb-tables", DataTable)
            await until(pilot, lambda: TABLE in row_keys(tables), "the table row")
            tables.focus()
            tables.move_cursor(row=tables.get_row_index(TABLE))
            await pilot.press("enter")
            items = await until(
                pilot, lambda: isinstance(app.screen, DynamoDbItemsScreen) and app.screen, "items"
            )
            grid = items.query_one(DataTable)
            await until(pilot, lambda: grid.row_count >= 2, "two items")
            keys = [str(grid.get_row_at(r)[0]).rstrip("…") for r in range(grid.row_count)]
            assert any(message_id.startswith(k) for k in keys), (message_id, keys)

            # 9. CloudWatch Logs → the function's group → search for "Stored visit".
            await open_console(pilot, "logs")
            logs = app.screen_stack[0]
            assert isinstance(logs, LogsScreen)
            logs.show_group(f"/aws/lambda/{FUNCTION}")
            group = await until(
                pilot, lambda: isinstance(app.screen, LogsGroupScreen) and app.screen, "log group"
            )
            await until(pilot, lambda: group.query("#logs-pattern"), "the group screen")
            group.query_one("#logs-pattern", Input).value = '"Stored visit"'
            group.query_one("#logs-search").press()
            tail = group.query_one(LiveTail)
            line = await until(
                pilot,
                lambda: next(
                    (ln for ln in tail.lines if "Stored visit" in ln and "P-1042" in ln), None
                ),
                "the Stored visit line",
            )
            product = re.search(r"P-\d+", line)
            assert product is not None

            # 10. The two knowledge answers, typed in the lab runner.
            await pilot.press("f4")
            assert app.screen is runner
            steps = runner.query_one(LabStepList)
            for step_id, answer in (("poll", message_id), ("logs", product.group(0))):
                steps.select_step(step_id)
                await pilot.pause()
                await pilot.press("a")
                runner.query_one("#lab-answer", Input).value = answer
                await pilot.press("enter")
                await until(pilot, lambda s=step_id: passed(s), f"step {step_id}")
                await pilot.press("escape")

            await until(pilot, lambda: state.passed_count() == len(lab.steps), "every step passed")
            assert all(state.status(s.id) == "passed" for s in lab.steps)
            assert not any(state.help.get(s.id) for s in lab.steps), "no hint or solution was used"

    asyncio.run(scenario())
