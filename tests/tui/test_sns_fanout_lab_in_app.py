"""The whole sns-fanout lab done inside the app, keyboard only, watching every step turn passed.

Every action is a key press, typed text or a paste into the focused widget: the topic created
and opened in the SNS console, the queue in the SQS console, the queue subscribed from the
topic's page (raw delivery ticked, the access statement written by the form), the filter
policy pasted into the subscription's editor, the role from the IAM console's template, the
function created in the Lambda console from the starter's printed ``$LABS`` path and its TODO
completed in the code editor, the function subscribed with its resource-policy statement, the
filter's scope switched to the body; then a JSON body published from the console and polled
back from the queue. Only the runner's own re-checks turn the steps green.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from textual.widgets import Button, Checkbox, DataTable, Input, RadioButton, Select, TabbedContent

from courseware.cloud.endpoint import Endpoint, credentials
from courseware.course.loader import load_course
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.common.code_editor import CodeEditor, TextEditor
from courseware.tui.consoles.iam.iam_create_role import CreateRoleScreen
from courseware.tui.consoles.iam.iam_role import RoleScreen
from courseware.tui.consoles.sns.sns_create import SnsCreateTopicScreen
from courseware.tui.consoles.sns.sns_publish import SnsPublishScreen
from courseware.tui.consoles.sns.sns_subscribe import SnsSubscribeScreen
from courseware.tui.consoles.sns.sns_subscription import SnsSubscriptionScreen
from courseware.tui.consoles.sns.sns_topic import SnsTopicScreen
from courseware.tui.consoles.sqs.sqs_create import SqsCreateScreen
from courseware.tui.consoles.sqs.sqs_queue import SqsQueueScreen
from courseware.tui.consoles.sqs.sqs_send_receive import SendReceivePanel
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell.app import CoursewareApp
from tests.tui.keyboard import (
    choose,
    choose_radio,
    open_lab,
    paste,
    press_button,
    printed_upload,
    tab_to,
    to_row,
    to_tab,
    toggle,
    type_into,
)
from tests.tui.pilot_helpers import open_console, row_keys, until

LAB_ID = "sns-fanout"
TOPIC, QUEUE, ROLE, FUNCTION = "orders", "refunds", "order-audit-role", "order-audit"


def test_the_whole_sns_fanout_lab_inside_the_app(
    make_app: Callable[..., CoursewareApp], cloud: Endpoint
) -> None:
    course = load_course()
    lab = course.lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)
    account = credentials().account_id
    queue_arn = f"arn:aws:sqs:us-east-1:{account}:{QUEUE}"
    function_arn = f"arn:aws:lambda:us-east-1:{account}:function:{FUNCTION}"
    solution = (lab.path / "solution" / "python" / "lambda_function.py").read_text()
    policy = (lab.path / "filter-policy.json").read_text()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            runner = await open_lab(pilot, LAB_ID)
            state = await until(
                pilot, lambda: runner.state and runner.state.checked and runner.state, "first check"
            )
            assert state.passed_count() == 0

            def passed(step: str) -> bool:
                return state.status(step) == "passed"

            async def topic_page() -> SnsTopicScreen:
                await open_console(pilot, "sns")
                for _ in range(5):  # the console's mode keeps its stack: back to the list
                    if app.screen.query("#sns-topics"):
                        break
                    await pilot.press("escape")
                    await pilot.pause()
                await to_row(pilot, app.screen.query_one("#sns-topics", DataTable), TOPIC)
                await pilot.press("enter")
                return await until(
                    pilot, lambda: isinstance(app.screen, SnsTopicScreen) and app.screen, "topic"
                )

            async def edit_queue_subscription(page: SnsTopicScreen) -> SnsSubscriptionScreen:
                table = page.query_one("#sns-subscriptions", DataTable)
                sub = await until(
                    pilot,
                    lambda: next(
                        (a for a, (s, _) in page.subscriptions.items() if s["Protocol"] == "sqs"),
                        None,
                    ),
                    "the queue's subscription",
                )
                await to_row(pilot, table, sub)
                await pilot.press("e")
                return await until(
                    pilot,
                    lambda: isinstance(app.screen, SnsSubscriptionScreen) and app.screen,
                    "subscription editor",
                )

            # 1. SNS → Create topic orders (standard).
            await open_console(pilot, "sns")
            await pilot.press("c")
            form = await until(
                pilot, lambda: isinstance(app.screen, SnsCreateTopicScreen) and app.screen, "form"
            )
            await type_into(pilot, form.query_one("#sns-create-name", Input), TOPIC)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("topic"), "step topic")

            # 2. SQS → Create queue refunds.
            await open_console(pilot, "sqs")
            await pilot.press("c")
            sqs_form = await until(
                pilot, lambda: isinstance(app.screen, SqsCreateScreen) and app.screen, "queue form"
            )
            await type_into(pilot, sqs_form.query_one("#sqs-create-name", Input), QUEUE)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("queue"), "step queue")

            # 3. SNS → orders → n: SQS, refunds, raw delivery, the access statement (ticked).
            page = await topic_page()
            await pilot.press("n")
            sub_form = await until(
                pilot, lambda: isinstance(app.screen, SnsSubscribeScreen) and app.screen, "sub"
            )
            await choose(pilot, sub_form.query_one("#sns-sub-endpoint", Select), queue_arn)
            assert sub_form.query_one("#sns-sub-allow", Checkbox).value
            raw = sub_form.query_one("#sns-raw", Checkbox)
            await tab_to(pilot, raw)
            await pilot.press("space")
            await until(pilot, lambda: raw.value, "raw delivery ticked")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is page, "back on the topic")
            await until(pilot, lambda: passed("subscribe-queue"), "step subscribe-queue")

            # 4. The queue's subscription → e → the filter policy pasted into the editor.
            editor_page = await edit_queue_subscription(page)
            box = editor_page.query_one("#sns-filter", CodeEditor)
            await tab_to(pilot, box)
            await paste(pilot, box, "{not json")
            await pilot.press("ctrl+s")
            error = editor_page.query_one("#sns-edit-error")
            await until(pilot, lambda: "line 1" in str(error.render()), "the JSON error")
            await pilot.press("ctrl+a")
            await paste(pilot, box, policy)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is page, "saved")
            await until(pilot, lambda: passed("filter"), "step filter")

            # 5. IAM → Create role with the Basic Lambda permissions template.
            await open_console(pilot, "iam")
            await pilot.press("c")
            role_form = await until(
                pilot, lambda: isinstance(app.screen, CreateRoleScreen) and app.screen, "role form"
            )
            await type_into(pilot, role_form.query_one("#iam-create-name", Input), ROLE)
            await toggle(
                pilot, role_form.query_one("#iam-create-templates"), "Basic Lambda permissions"
            )
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, RoleScreen), "role page")
            await until(pilot, lambda: passed("role"), "step role")

            # 6. Lambda → Create function, Upload the starter, complete the TODO, Deploy.
            await open_console(pilot, "lambda")
            await pilot.press("c")
            fn_form = await until(
                pilot,
                lambda: isinstance(app.screen, CreateFunctionScreen) and app.screen,
                "function form",
            )
            await type_into(pilot, fn_form.query_one("#create-name", Input), FUNCTION)
            await choose(pilot, fn_form.query_one("#create-runtime", Select), "python3.12")
            await type_into(
                pilot, fn_form.query_one("#create-handler", Input), "lambda_function.lambda_handler"
            )
            await choose_radio(pilot, fn_form.query_one("#existing", RadioButton))
            await choose(pilot, fn_form.query_one("#role-select", Select), ROLE)
            await pilot.press("ctrl+s")
            fn_page = await until(
                pilot, lambda: isinstance(app.screen, FunctionScreen) and app.screen, "function"
            )
            await type_into(
                pilot,
                fn_page.query_one("#code-upload-path", Input),
                printed_upload(lab, "function"),
            )
            await press_button(pilot, fn_page.query_one("#code-upload", Button))
            code = fn_page.query_one("#code-editor", CodeEditor)
            await until(pilot, lambda: "TODO" in code.text, "the uploaded starter")
            await tab_to(pilot, code)
            await pilot.press("ctrl+a")
            await paste(pilot, code, solution)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("function"), "step function", seconds=60)

            # 7. SNS → orders → n: Lambda, order-audit, the invoke permission (ticked).
            page = await topic_page()
            await pilot.press("n")
            sub_form = await until(
                pilot, lambda: isinstance(app.screen, SnsSubscribeScreen) and app.screen, "sub"
            )
            await choose_radio(pilot, sub_form.query_one("#sns-sub-lambda", RadioButton))
            await choose(pilot, sub_form.query_one("#sns-sub-endpoint", Select), function_arn)
            assert not sub_form.query_one("#sns-raw", Checkbox).display, "no raw for Lambda"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is page, "back on the topic")
            await until(pilot, lambda: len(row_keys(page.query_one(DataTable))) == 2, "two subs")
            await until(pilot, lambda: passed("subscribe-function"), "step subscribe-function", 60)

            # 8. Break it: the queue's subscription reads the body.
            editor_page = await edit_queue_subscription(page)
            await choose_radio(pilot, editor_page.query_one("#sns-scope-body", RadioButton))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is page, "saved")
            await until(pilot, lambda: passed("break"), "step break", seconds=60)

            # ... and see it: publish a JSON body (no attributes), poll it from refunds.
            await pilot.press("p")
            publish = await until(
                pilot, lambda: isinstance(app.screen, SnsPublishScreen) and app.screen, "publish"
            )
            body = json.dumps({"event_type": "order_cancelled", "order": "42"})
            message = publish.query_one("#sns-publish-body", TextEditor)
            await tab_to(pilot, message)
            await paste(pilot, message, body)
            await pilot.press("ctrl+s")
            status = publish.query_one("#sns-publish-status")
            await until(pilot, lambda: "Published message" in str(status.render()), "published")
            await open_console(pilot, "sqs")
            await to_row(pilot, app.screen.query_one("#sqs-queues", DataTable), QUEUE)
            await pilot.press("enter")
            queue = await until(
                pilot, lambda: isinstance(app.screen, SqsQueueScreen) and app.screen, "queue page"
            )
            await to_tab(pilot, queue.query_one("#sqs-queue-tabs", TabbedContent), "sqs-tab-send")
            panel = queue.query_one(SendReceivePanel)
            await pilot.press("ctrl+r")
            polled = panel.query_one("#sqs-messages", DataTable)
            await until(pilot, lambda: polled.row_count == 1, "the polled message")
            shown = " ".join(str(cell) for cell in polled.get_row_at(0))
            assert "order_cancelled" in shown, shown
            await pilot.press("ctrl+r")
            await until(pilot, lambda: not panel.polling, "poll stopped")

            await until(pilot, lambda: state.passed_count() == len(lab.steps), "every step passed")
            assert not any(state.help.get(s.id) for s in lab.steps), "no hint or solution was used"

    asyncio.run(scenario())
