"""The whole event-driven lab done inside the app, keyboard only, watching every step turn passed.

Every action is a key press, typed text or a paste into the focused widget, as a learner does:
the lab opened from the runner's picker (F4); table, queue and role created in the DynamoDB,
SQS and IAM consoles (Tab between fields, arrows and space to tick the role's templates); the
function in the Lambda console with the starter folder uploaded by its printed ``$LABS`` path;
the first message sent by pasting the lab's printed command into the AWS CLI pane (F6) and
polled back in the SQS console (tabs reached with Tab and the arrow keys); the trigger
configured on the queue; the items seen in the DynamoDB console and the log line in CloudWatch
Logs; the two knowledge answers typed into the lab runner; then "break it and see": the
role's DynamoDB writes taken out in the IAM console's policy editor, a third message sent,
AWS's AccessDeniedException read in CloudWatch Logs, the writes restored and the retried
message seen stored. Nothing is arranged outside the app:
only the runner's own automatic re-checks turn the steps green.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from textual.widgets import (
    Button,
    DataTable,
    Input,
    RadioButton,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TextArea,
)

from courseware.cloud.endpoint import Endpoint
from courseware.course.loader import load_course
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.dynamodb.dynamodb_create import DynamoDbCreateScreen
from courseware.tui.consoles.dynamodb.dynamodb_items import DynamoDbItemsScreen
from courseware.tui.consoles.iam.iam_create_role import CreateRoleScreen
from courseware.tui.consoles.iam.iam_role import RoleScreen
from courseware.tui.consoles.logs.live_tail import LiveTail
from courseware.tui.consoles.logs.logs_group import LogsGroupScreen
from courseware.tui.consoles.sqs.sqs_create import SqsCreateScreen
from courseware.tui.consoles.sqs.sqs_queue import SqsQueueScreen
from courseware.tui.consoles.sqs.sqs_send_receive import SendReceivePanel
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import (
    answer,
    choose,
    choose_radio,
    open_lab,
    paste,
    press_button,
    printed_block,
    printed_upload,
    run_in_pane,
    tab_to,
    to_row,
    to_tab,
    toggle,
    type_into,
)
from tests.tui.lambda_helpers import text_of
from tests.tui.pilot_helpers import open_console, row_keys, until

LAB_ID = "event-driven"
TABLE, QUEUE = "ProductVisits", "ProductVisitsDataQueue"
ROLE, FUNCTION = "lambdaRoleForSQSPermissions", "productVisitsDataHandler"


def test_the_whole_event_driven_lab_inside_the_app(
    make_app: Callable[..., CoursewareApp], cloud: Endpoint
) -> None:
    course = load_course()
    lab = course.lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)
    folder = course.root / "labs" / LAB_ID
    second = (folder / "message-2.json").read_text()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            runner = await open_lab(pilot, LAB_ID)
            state = await until(
                pilot, lambda: runner.state and runner.state.checked and runner.state, "first check"
            )
            assert state.passed_count() == 0

            def passed(step: str) -> bool:
                return state.status(step) == "passed"

            # 1. DynamoDB → Create table.
            await open_console(pilot, "dynamodb")
            await pilot.press("c")
            form = await until(
                pilot,
                lambda: isinstance(app.screen, DynamoDbCreateScreen) and app.screen,
                "table form",
            )
            await type_into(pilot, form.query_one("#dynamodb-create-name", Input), TABLE)
            await type_into(pilot, form.query_one("#dynamodb-create-pk", Input), "ProductVisitKey")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("table"), "step table")

            # 2. SQS → Create queue (standard; a short visibility timeout keeps the test quick).
            await open_console(pilot, "sqs")
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, SqsCreateScreen) and app.screen, "queue form"
            )
            await type_into(pilot, form.query_one("#sqs-create-name", Input), QUEUE)
            await type_into(pilot, form.query_one("#sqs-create-visibility", Input), "5")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("queue"), "step queue")

            # 3. IAM → Create role from the two policy templates.
            await open_console(pilot, "iam")
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, CreateRoleScreen) and app.screen, "role form"
            )
            await type_into(pilot, form.query_one("#iam-create-name", Input), ROLE)
            templates = form.query_one("#iam-create-templates", SelectionList)
            await toggle(pilot, templates, "Simple microservice permissions")
            await toggle(pilot, templates, "Amazon SQS poller permissions")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, RoleScreen), "role page")
            await until(pilot, lambda: passed("role"), "step role")

            # 4. Lambda → Create function with the existing role, then Upload the starter folder.
            await open_console(pilot, "lambda")
            await pilot.press("c")
            form = await until(
                pilot,
                lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen,
                "function form",
            )
            await type_into(pilot, form.query_one("#create-name", Input), FUNCTION)
            await choose(pilot, form.query_one("#create-runtime", Select), "python3.12")
            await type_into(
                pilot, form.query_one("#create-handler", Input), "lambda_function.lambda_handler"
            )
            await choose_radio(pilot, form.query_one("#existing", RadioButton))
            await choose(pilot, form.query_one("#role-select", Select), ROLE)
            await pilot.press("ctrl+s")
            page = await until(
                pilot,
                lambda: isinstance(app.screen, FunctionScreen) and app.screen,
                "function page",
            )
            upload = printed_upload(lab, "function")
            await type_into(pilot, page.query_one("#code-upload-path", Input), upload)
            await press_button(pilot, page.query_one("#code-upload", Button))
            await until(
                pilot,
                lambda: "Stored visit" in page.query_one("#code-editor", TextArea).text,
                "uploaded code",
            )
            await until(pilot, lambda: passed("function"), "step function")

            # 5. Send the message: paste the lab's command, as printed, into the AWS CLI pane.
            said = await run_in_pane(pilot, printed_block(lab, "send-message"))
            assert "exit code 0" in said and "MessageId" in said, said
            await until(pilot, lambda: passed("send-message"), "step send-message")

            # 6. SQS → the queue → Send and receive → Poll for messages; note the MessageId.
            await open_console(pilot, "sqs")
            await to_row(pilot, app.screen.query_one("#sqs-queues", DataTable), QUEUE)
            await pilot.press("enter")
            queue = await until(
                pilot, lambda: isinstance(app.screen, SqsQueueScreen) and app.screen, "queue page"
            )
            tabs = queue.query_one("#sqs-queue-tabs", TabbedContent)
            await to_tab(pilot, tabs, "sqs-tab-send")
            panel = queue.query_one(SendReceivePanel)
            await pilot.press("ctrl+r")
            polled = panel.query_one("#sqs-messages", DataTable)
            await until(pilot, lambda: polled.row_count == 1, "the polled message")
            message_id = row_keys(polled)[0]
            await pilot.press("ctrl+r")
            await until(pilot, lambda: not panel.polling, "poll stopped")

            # 7. The queue's Lambda triggers tab → configure the function.
            await to_tab(pilot, tabs, "sqs-tab-triggers")
            await choose(pilot, queue.query_one("#sqs-trigger-function", Select), FUNCTION)
            await press_button(pilot, queue.query_one("#sqs-trigger-create", Button))
            await until(pilot, lambda: passed("trigger"), "step trigger")

            # 8. Send a second message from the console (its body pasted); both become items.
            await to_tab(pilot, tabs, "sqs-tab-send")
            body = panel.query_one("#sqs-body", TextArea)
            await tab_to(pilot, body)
            assert not body.text, "the body starts empty"
            await paste(pilot, body, second)
            assert body.text.strip() == second.strip()
            await pilot.press("ctrl+s")
            await until(
                pilot,
                lambda: "Sent message" in str(panel.query_one("#sqs-send-status", Static).render()),
                "sent",
            )
            await until(pilot, lambda: passed("item"), "step item", seconds=60)

            # ... and the items are there in DynamoDB → Explore items.
            await open_console(pilot, "dynamodb")
            await to_row(pilot, app.screen.query_one("#dynamodb-tables", DataTable), TABLE)
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
            await to_row(
                pilot, app.screen.query_one("#logs-groups", DataTable), f"/aws/lambda/{FUNCTION}"
            )
            await pilot.press("enter")
            group = await until(
                pilot, lambda: isinstance(app.screen, LogsGroupScreen) and app.screen, "log group"
            )
            await type_into(pilot, group.query_one("#logs-pattern", Input), '"Stored visit"')
            await press_button(pilot, group.query_one("#logs-search", Button))
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
            for step_id, text in (("poll", message_id), ("logs", product.group(0))):
                await answer(pilot, runner, step_id, text)
                await until(pilot, lambda s=step_id: passed(s), f"step {step_id}")
                await pilot.press("escape")

            # 11. Break it: IAM → the role → its templates policy without the DynamoDB writes
            # (pasted over the editor's text), saved; a third message sent from the console.
            async def put_policy(document: str) -> None:
                await open_console(pilot, "iam")
                role_page = await until(
                    pilot, lambda: isinstance(app.screen, RoleScreen) and app.screen, "role page"
                )
                await choose(
                    pilot, role_page.query_one("#inline-select", Select), "policy-templates"
                )
                editor = role_page.query_one("#inline-editor", TextArea)
                await tab_to(pilot, editor)
                await pilot.press("ctrl+a")
                await paste(pilot, editor, document)
                await press_button(pilot, role_page.query_one("#inline-save", Button))
                await until(
                    pilot,
                    lambda: "Saved inline policy" in text_of(role_page.query_one("#inline-status")),
                    "policy saved",
                )

            await put_policy((folder / "role-policy-no-write.json").read_text())
            await open_console(pilot, "sqs")
            assert app.screen is queue
            sent = panel.query_one("#sqs-send-status", Static)
            before = text_of(sent)
            await tab_to(pilot, body)
            await pilot.press("ctrl+a")
            await paste(pilot, body, (folder / "message-3.json").read_text())
            await pilot.press("ctrl+s")
            await until(
                pilot, lambda: "Sent message" in text_of(sent) and text_of(sent) != before, "sent"
            )

            # ... and AWS's AccessDeniedException read in CloudWatch Logs.
            await open_console(pilot, "logs")
            assert app.screen is group
            await type_into(pilot, group.query_one("#logs-pattern", Input), "AccessDeniedException")
            await press_button(pilot, group.query_one("#logs-search", Button))
            denial = await until(
                pilot,
                lambda: next((ln for ln in tail.lines if "AccessDeniedException" in ln), None),
                "the AccessDenied line",
                seconds=60,
            )
            assert f"assumed-role/{ROLE}/{FUNCTION} is not authorized" in denial, denial
            assert "dynamodb:PutItem" in denial, denial
            await until(pilot, lambda: passed("break-it"), "step break-it", seconds=60)
            assert not passed("restore")

            # 12. Restore the writes; the denied message is retried and stored (P-3001).
            await put_policy((folder / "role-policy.json").read_text())
            await until(pilot, lambda: passed("restore"), "step restore", seconds=90)
            await open_console(pilot, "logs")
            await type_into(pilot, group.query_one("#logs-pattern", Input), '"Stored visit"')
            await press_button(pilot, group.query_one("#logs-search", Button))
            await until(
                pilot,
                lambda: any("Stored visit" in ln and "P-3001" in ln for ln in tail.lines),
                "the retried message stored",
            )

            await until(pilot, lambda: state.passed_count() == len(lab.steps), "every step passed")
            assert all(state.status(s.id) == "passed" for s in lab.steps)
            assert not any(state.help.get(s.id) for s in lab.steps), "no hint or solution was used"

    asyncio.run(scenario())
