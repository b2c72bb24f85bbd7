"""The whole webhook lab done inside the app, keyboard only, watching every step turn passed.

Every action is a key press, typed text or a paste into the focused widget: the role in the IAM
console (Create role, then Attach the basic execution policy the role page offers); the
function in the Lambda console with the starter folder uploaded by its printed ``$LABS`` path;
the REST API in the API Gateway console (Create API, the ``hooks`` and ``{source}`` resources,
a POST method with a Lambda proxy integration), tested with the console's Test; the method's
execute-api ARN copied (``a``) and pasted into Lambda → Configuration → Add permission; the API
deployed to ``prod`` and its URL called from the Stages tab as curl does (502, then 202 once the
handler is fixed in the Code tab); the method marked API key required, deployed again, a key
and a usage plan created, and the URL answering 403 without the key and 202 with it. Nothing
is arranged outside the app: only the runner's own re-checks turn the steps green.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.widgets import (
    Button,
    Checkbox,
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
from courseware.tui.consoles.apigateway.apigw_api import ApiScreen
from courseware.tui.consoles.apigateway.apigw_call import CallStageScreen
from courseware.tui.consoles.apigateway.apigw_console import ApiGatewayScreen
from courseware.tui.consoles.apigateway.apigw_create import ApiCreateScreen
from courseware.tui.consoles.apigateway.apigw_deploy import DeployScreen
from courseware.tui.consoles.apigateway.apigw_keys import ApiKeysScreen
from courseware.tui.consoles.apigateway.apigw_method import MethodScreen
from courseware.tui.consoles.apigateway.apigw_plans import UsagePlansScreen
from courseware.tui.consoles.apigateway.apigw_resource import ResourceCreateScreen
from courseware.tui.consoles.apigateway.apigw_test import MethodTestScreen
from courseware.tui.consoles.awslambda.lambda_create import CreateFunctionScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.consoles.awslambda.lambda_permission import AddPermissionScreen
from courseware.tui.consoles.iam.iam_create_role import CreateRoleScreen
from courseware.tui.consoles.iam.iam_role import RoleScreen
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
    type_into,
)
from tests.tui.pilot_helpers import open_console, until

LAB_ID, ROLE, FUNCTION, API = "webhook", "webhook-role", "webhook-handler", "webhook-api"
FUNCTION_ARN = f"arn:aws:lambda:us-east-1:123456789012:function:{FUNCTION}"
CALL = "/hooks/github?event=push"


def _line(page: ApiScreen, path: str, verb: str | None = None) -> str | None:
    """The tree row a learner reads as ``path`` (or its ``verb`` method)."""
    return next((k for k, ln in page.lines.items() if ln.path == path and ln.verb == verb), None)


def test_the_whole_webhook_lab_inside_the_app(
    make_app: Callable[..., CoursewareApp], cloud: Endpoint
) -> None:
    course = load_course()
    lab = course.lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)
    solution = (course.root / "labs" / LAB_ID / "solution/python/lambda_function.py").read_text()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(100, 32)) as pilot:
            runner = await open_lab(pilot, LAB_ID)
            state = await until(
                pilot, lambda: runner.state and runner.state.checked and runner.state, "first check"
            )
            assert state.passed_count() == 0

            def passed(step: str) -> bool:
                return state.status(step) == "passed"

            def screen(kind: type[Any], what: str) -> Any:
                return until(pilot, lambda: isinstance(app.screen, kind) and app.screen, what)

            # 1. IAM → Create role (trusted by Lambda), then Attach the basic execution policy.
            await open_console(pilot, "iam")
            await pilot.press("c")
            form = await screen(CreateRoleScreen, "role form")
            await type_into(pilot, form.query_one("#iam-create-name", Input), ROLE)
            await pilot.press("ctrl+s")
            role = await screen(RoleScreen, "role page")
            attach = role.query_one("#role-attach-arn", Input)
            assert attach.value.endswith("service-role/AWSLambdaBasicExecutionRole")
            await press_button(pilot, role.query_one("#role-attach", Button))
            await until(pilot, lambda: passed("role"), "step role")

            # 2. Lambda → Create function with the role, then Upload the starter folder.
            await open_console(pilot, "lambda")
            await pilot.press("c")
            form = await screen(CreateFunctionScreen, "function form")
            await type_into(pilot, form.query_one("#create-name", Input), FUNCTION)
            await choose(pilot, form.query_one("#create-runtime", Select), "python3.12")
            await type_into(
                pilot, form.query_one("#create-handler", Input), "lambda_function.lambda_handler"
            )
            await choose_radio(pilot, form.query_one("#existing", RadioButton))
            await choose(pilot, form.query_one("#role-select", Select), ROLE)
            await pilot.press("ctrl+s")
            function = await screen(FunctionScreen, "function page")
            upload = printed_upload(lab, "function")
            await type_into(pilot, function.query_one("#code-upload-path", Input), upload)
            await press_button(pilot, function.query_one("#code-upload", Button))
            editor = function.query_one("#code-editor", TextArea)
            await until(pilot, lambda: "webhook from" in editor.text, "uploaded code")
            await until(pilot, lambda: passed("function"), "step function")

            # 3. API Gateway → Create REST API, resources hooks and {source}, POST method.
            await open_console(pilot, "apigateway")
            apis = await screen(ApiGatewayScreen, "API list")
            await pilot.press("c")
            form = await screen(ApiCreateScreen, "create API form")
            await type_into(pilot, form.query_one("#apigw-create-name", Input), API)
            await pilot.press("ctrl+s")
            await screen(ApiGatewayScreen, "API list")
            api_id = await until(
                pilot,
                lambda: next((i for i, n in apis.names.items() if n == API), None),
                "the API listed",
            )
            await to_row(pilot, apis.query_one("#apigw-apis", DataTable), api_id)
            await pilot.press("enter")
            page = await screen(ApiScreen, "API page")
            tree = page.query_one("#apigw-tree", DataTable)
            for parent, part in (("/", "hooks"), ("/hooks", "{source}")):
                row = await until(pilot, lambda p=parent: _line(page, p), f"resource {parent}")
                await to_row(pilot, tree, row)
                await pilot.press("n")
                form = await screen(ResourceCreateScreen, "resource form")
                await type_into(pilot, form.query_one("#apigw-resource-part", Input), part)
                await pilot.press("ctrl+s")
                await screen(ApiScreen, "API page")
            row = await until(pilot, lambda: _line(page, "/hooks/{source}"), "{source} in tree")
            await to_row(pilot, tree, row)
            await pilot.press("m")
            form = await screen(MethodScreen, "method form")
            assert form.query_one("#apigw-method-verb", Select).value == "POST"
            assert form.query_one("#apigw-method-type", Select).value == "AWS_PROXY"
            await choose(pilot, form.query_one("#apigw-method-function", Select), FUNCTION_ARN)
            await pilot.press("ctrl+s")
            await screen(ApiScreen, "API page")
            await until(pilot, lambda: passed("api"), "step api")
            post = await until(pilot, lambda: _line(page, "/hooks/{source}", "POST"), "● POST")
            assert "Lambda proxy → webhook-handler" in page.lines[post].detail

            # ... copy its execute-api ARN (a), and Test it (t). Without the function's
            # permission API Gateway answers 500 "Invalid permissions on Lambda function".
            await to_row(pilot, tree, post)
            await pilot.press("a")
            arn = f"arn:aws:execute-api:us-east-1:123456789012:{api_id}/*/POST/hooks/*"
            await until(pilot, lambda: app.clipboard == arn, "the ARN copied")
            await pilot.press("t")
            test = await screen(MethodTestScreen, "test form")
            said = await _test(pilot, test, CALL, '{"ref": "main"}')
            assert "Status: 500" in said, said
            assert "Invalid permissions on Lambda function" in said, said
            assert "Hint: The function's resource-based policy" in said, said

            # 4. The copied ARN pasted into Lambda → Configuration → Add permission.
            await open_console(pilot, "lambda")
            assert app.screen is function
            await to_tab(pilot, function.query_one("#fn-tabs", TabbedContent), "tab-config")
            await press_button(pilot, function.query_one("#config-add-permission", Button))
            form = await screen(AddPermissionScreen, "add permission form")
            await type_into(pilot, form.query_one("#perm-add-sid", Input), "webhook-api-invoke")
            assert form.query_one("#perm-add-principal", Select).value == "apigateway.amazonaws.com"
            source = form.query_one("#perm-add-source", Input)
            await tab_to(pilot, source)
            await paste(pilot, source, app.clipboard)
            assert source.value == arn
            await pilot.press("ctrl+s")
            await screen(FunctionScreen, "function page")
            resource_policy = function.query_one("#perm-resource", Static)
            await until(pilot, lambda: arn in str(resource_policy.render()), "the new statement")
            await until(pilot, lambda: passed("permission"), "step permission")

            # Test again (the test page kept its place): the function runs, its answer is 502.
            await open_console(pilot, "apigateway")
            assert app.screen is test
            said = await _test(pilot, test, "/hooks/stripe?event=push", "")
            assert "Status: 502" in said and "Malformed Lambda proxy response" in said, said
            await pilot.press("escape")

            # 5. Deploy to prod; the Stages tab shows the URL; call it as curl does: 502.
            assert await screen(ApiScreen, "API page") is page
            await pilot.press("d")
            form = await screen(DeployScreen, "deploy form")
            await type_into(pilot, form.query_one("#apigw-deploy-stage", Input), "prod")
            await pilot.press("ctrl+s")
            await screen(ApiScreen, "API page")
            await until(pilot, lambda: passed("deploy"), "step deploy", seconds=60)
            await to_tab(
                pilot, page.query_one("#apigw-api-tabs", TabbedContent), "apigw-tab-stages"
            )
            await to_row(pilot, page.query_one("#apigw-stages", DataTable), "prod")
            url = f"http://{api_id}.execute-api.localhost:{cloud.port}/prod/"
            detail = page.query_one("#apigw-stage-detail", Static)
            await until(pilot, lambda: url in str(detail.render()), "the invoke URL shown")
            await pilot.press("y")
            await until(pilot, lambda: app.clipboard == url, "the URL copied")
            await pilot.press("c")
            call = await screen(CallStageScreen, "call form")
            answer = await _send(pilot, call, CALL)
            assert answer.startswith("HTTP 502"), answer

            # 6. Fix the handler in Lambda → Code (the solution pasted), Deploy; call again: 202.
            await open_console(pilot, "lambda")
            await to_tab(pilot, function.query_one("#fn-tabs", TabbedContent), "tab-code")
            await tab_to(pilot, editor)
            await pilot.press("ctrl+a")
            await paste(pilot, editor, solution)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("fix"), "step fix", seconds=60)
            await open_console(pilot, "apigateway")
            assert app.screen is call
            answer = await _send(pilot, call, CALL)
            assert answer.startswith("HTTP 202") and "X-Webhook-Source: github" in answer, answer
            await pilot.press("escape")

            # 7. API key required on POST, deploy again, a key and a usage plan with a throttle.
            await screen(ApiScreen, "API page")
            await to_tab(
                pilot, page.query_one("#apigw-api-tabs", TabbedContent), "apigw-tab-resources"
            )
            await to_row(pilot, tree, post)
            await pilot.press("m")
            form = await screen(MethodScreen, "method form")
            await until(
                pilot,
                lambda: form.query_one("#apigw-method-function", Select).value == FUNCTION_ARN,
                "the method read",
            )
            required = form.query_one("#apigw-method-key", Checkbox)
            await tab_to(pilot, required)
            await pilot.press("space")
            assert required.value
            await pilot.press("ctrl+s")
            await screen(ApiScreen, "API page")
            await until(pilot, lambda: "API key required" in page.lines[post].detail, "required")
            await pilot.press("d")
            form = await screen(DeployScreen, "deploy form")
            await type_into(pilot, form.query_one("#apigw-deploy-stage", Input), "prod")
            await pilot.press("ctrl+s")
            await screen(ApiScreen, "API page")
            await pilot.press("escape")
            await screen(ApiGatewayScreen, "API list")
            await pilot.press("k")
            keys = await screen(ApiKeysScreen, "API keys")
            await type_into(pilot, keys.query_one("#apigw-key-name", Input), "webhook-key")
            await pilot.press("enter")
            key_id = await until(
                pilot,
                lambda: next((i for i, k in keys.keys.items() if k["name"] == "webhook-key"), None),
                "the key listed",
            )
            await to_row(pilot, keys.query_one("#apigw-keys", DataTable), key_id)
            await pilot.press("y")
            value = await until(
                pilot, lambda: app.clipboard if app.clipboard != url else "", "value"
            )
            await pilot.press("escape")
            await screen(ApiGatewayScreen, "API list")
            await pilot.press("u")
            plans = await screen(UsagePlansScreen, "usage plans")
            for field, text in (("name", "webhook-plan"), ("rate", "10"), ("burst", "5")):
                await type_into(pilot, plans.query_one(f"#apigw-plan-{field}", Input), text)
            await choose(pilot, plans.query_one("#apigw-plan-stage", Select), f"{api_id}:prod")
            await choose(pilot, plans.query_one("#apigw-plan-key", Select), key_id)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: passed("api-key"), "step api-key", seconds=60)

            # ... the URL: 403 without the key, 202 with it in x-api-key.
            await pilot.press("escape")
            await screen(ApiGatewayScreen, "API list")
            await pilot.press("enter")
            page = await screen(ApiScreen, "API page")
            await to_tab(
                pilot, page.query_one("#apigw-api-tabs", TabbedContent), "apigw-tab-stages"
            )
            await to_row(pilot, page.query_one("#apigw-stages", DataTable), "prod")
            await pilot.press("c")
            call = await screen(CallStageScreen, "call form")
            answer = await _send(pilot, call, CALL)
            assert answer.startswith("HTTP 403") and "Forbidden" in answer, answer
            headers = call.query_one("#apigw-call-headers", TextArea)
            await tab_to(pilot, headers)
            await paste(pilot, headers, f"x-api-key: {value}")
            answer = await _send(pilot, call, CALL)
            assert answer.startswith("HTTP 202"), answer

            await until(pilot, lambda: state.passed_count() == len(lab.steps), "every step passed")
            assert not any(state.help.get(s.id) for s in lab.steps), "no hint or solution was used"

    asyncio.run(scenario())


async def _test(pilot: Any, test: MethodTestScreen, path: str, body: str) -> str:
    """Type the path (and paste a body) into the Test page, test (ctrl+t); the result shown."""
    await type_into(pilot, test.query_one("#apigw-test-path", Input), path)
    if body:
        editor = test.query_one("#apigw-test-body", TextArea)
        await tab_to(pilot, editor)
        await paste(pilot, editor, body)
    await pilot.press("ctrl+t")
    result = test.query_one("#apigw-test-result", Static)

    def shown() -> str:
        text = str(result.render())
        return text if text.startswith(f"Request: POST {path}\n") and "Log:" in text else ""

    said: str = await until(pilot, shown, "the test result", seconds=60)
    return said


async def _send(pilot: Any, call: CallStageScreen, path: str) -> str:
    """Type the path into the call form, send (ctrl+t) and return the answer shown."""
    result = call.query_one("#apigw-call-result", Static)
    await type_into(pilot, call.query_one("#apigw-call-path", Input), path)
    before = str(result.render())
    await pilot.press("ctrl+t")

    def shown() -> str:
        text = str(result.render())
        return text if text.startswith(("HTTP", "Could not")) and text != before else ""

    answer: str = await until(pilot, shown, "the answer", seconds=60)
    return answer
