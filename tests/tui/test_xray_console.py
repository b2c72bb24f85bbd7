"""X-Ray console, keyboard only, on a real traced flow: traces, a waterfall, the service map."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from typing import Any

from textual.widgets import Checkbox, DataTable, Input, Log, TabbedContent

from courseware.tui.consoles.xray.xray_map import XRayMapScreen
from courseware.tui.consoles.xray.xray_model import SLOWEST
from courseware.tui.consoles.xray.xray_trace import XRayTraceScreen
from courseware.tui.shell.app import CoursewareApp
from tests.functional.lambda_helpers import make_function
from tests.tui.keyboard import press_button, tab_to, to_row, to_tab
from tests.tui.pilot_helpers import open_console, until

BACK = """
import time
def handler(event, context):
    time.sleep(1.0)
    return "done"
"""

FRONT = """
import json, os
import boto3
def handler(event, context):
    boto3.client("lambda").invoke(FunctionName=os.environ["BACK"], Payload=b"{}")
    return "ok"
"""


def _flow(aws_client: Callable[[str], Any], unique: Callable[[str], str]) -> tuple[str, str, str]:
    """front invokes back (which sleeps 1 s): one trace; botocore carries the trace header."""
    lam, iam = aws_client("lambda"), aws_client("iam")
    back, front = unique("xback"), unique("xfront")
    make_function(lam, iam, back, BACK, TracingConfig={"Mode": "Active"}, Timeout=10)
    make_function(
        lam, iam, front, FRONT, TracingConfig={"Mode": "Active"}, Timeout=20,
        Environment={"Variables": {"BACK": back}},
    )  # fmt: skip
    role = lam.get_function_configuration(FunctionName=front)["Role"].rsplit("/", 1)[1]
    statement = {"Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": ["*"]}
    iam.put_role_policy(
        RoleName=role,
        PolicyName="invoke",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
    )
    lam.invoke(FunctionName=front, Payload=b"{}")  # warm both: no Initialization in the trace
    answer = lam.invoke(FunctionName=front, Payload=b"{}", LogType="Tail")
    assert "FunctionError" not in answer, answer
    report = base64.b64decode(answer["LogResult"]).decode().splitlines()[-1]
    return front, back, report.split("XRAY TraceId: ")[1].split("\t")[0]


def test_list_open_a_trace_and_see_the_slow_call_marked_then_the_map(
    make_app: Callable[..., CoursewareApp],
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
) -> None:
    front, back, trace_id = _flow(aws_client, unique)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(160, 40)) as pilot:
            await open_console(pilot, "xray")
            traces = app.screen.query_one("#xray-traces", DataTable)
            await to_row(pilot, traces, trace_id)
            assert traces.get_row(trace_id)[5] == front  # the entry point: the front function
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, XRayTraceScreen), "the trace")
            rows = app.screen.query_one("#xray-waterfall", DataTable)
            await until(pilot, lambda: rows.row_count >= 4, "the four Lambda segments")
            cells = [rows.get_row_at(i) for i in range(rows.row_count)]
            marked = [c for c in cells if c[5] == SLOWEST]
            assert len(marked) == 1, cells
            # The time is spent in back's handler: the marked row is under back's function.
            labels = [str(c[0]) for c in cells]
            at = cells.index(marked[0])
            back_fn = labels.index(
                next(lbl for lbl in labels if f"{back} (AWS::Lambda::Function)" in lbl)
            )
            assert at > back_fn and labels[at].strip() == "Invocation", labels
            assert str(marked[0][4]).strip()  # it has a bar
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, XRayTraceScreen), "the list")
            await pilot.press("m")
            await until(pilot, lambda: isinstance(app.screen, XRayMapScreen), "the map")
            graph = app.screen.query_one("#xray-map", Log)
            await until(pilot, lambda: any(back in line for line in graph.lines), "back on the map")
            text = "\n".join(graph.lines)
            assert f"{front} (AWS::Lambda)" in text and f"─▶ {back} (AWS::Lambda)" in text, text

    asyncio.run(scenario())


def test_active_tracing_is_turned_on_in_the_lambda_console_with_the_keyboard(
    make_app: Callable[..., CoursewareApp],
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("to-trace")
    make_function(lam, iam, name, BACK, Timeout=10)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await open_console(pilot, "lambda")
            functions = app.screen.query_one(DataTable)
            await to_row(pilot, functions, name)
            await pilot.press("enter")
            page = await until(pilot, lambda: app.screen.query("#fn-tabs") and app.screen, "page")
            await to_tab(pilot, page.query_one("#fn-tabs", TabbedContent), "tab-config")
            tracing = page.query_one("#config-tracing", Checkbox)
            await until(pilot, lambda: page.query_one("#config-handler", Input).value, "the form")
            assert tracing.value is False
            await tab_to(pilot, tracing)
            await pilot.press("space")
            assert tracing.value is True
            await press_button(pilot, page.query_one("#config-save"))
            await until(
                pilot,
                lambda: (
                    lam.get_function_configuration(FunctionName=name)["TracingConfig"]["Mode"]
                    == "Active"
                ),
                "Active tracing saved",
            )

    asyncio.run(scenario())
