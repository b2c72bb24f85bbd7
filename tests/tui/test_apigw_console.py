"""The API Gateway console's other pages: stage variables, HTTP API routes, keys and plans,
deleting what it lists, and clear errors for bad input (keyboard only, real cloud)."""

from __future__ import annotations

import asyncio
import fnmatch
import json
from collections.abc import Callable
from typing import Any

from textual.widgets import DataTable, Input, Static, TextArea

from courseware.tui.consoles.apigateway.apigw_api import ApiScreen
from courseware.tui.consoles.apigateway.apigw_console import ApiGatewayScreen
from courseware.tui.consoles.apigateway.apigw_deploy import DeployScreen
from courseware.tui.consoles.apigateway.apigw_http import HttpApisScreen
from courseware.tui.consoles.apigateway.apigw_keys import ApiKeysScreen
from courseware.tui.consoles.apigateway.apigw_plans import UsagePlansScreen
from courseware.tui.consoles.apigateway.apigw_resource import ResourceCreateScreen
from courseware.tui.consoles.apigateway.apigw_test import MethodTestScreen
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.confirm_dialog import ConfirmDialog
from tests.tui.keyboard import paste, tab_to, to_row, to_tab, type_into
from tests.tui.lambda_helpers import make_function
from tests.tui.pilot_helpers import row_keys, until

Client = Callable[[str], Any]
HANDLER = (
    "import json\n"
    "def lambda_handler(event, context):\n"
    "    return {'statusCode': 200, 'body': json.dumps(event['stageVariables'])}\n"
)


def _mock_api(aws: Client, name: str) -> tuple[str, str]:
    """A REST API with GET / answered by a MOCK integration; (api id, root resource id)."""
    gateway = aws("apigateway")
    api = gateway.create_rest_api(name=name)["id"]
    root = gateway.get_resources(restApiId=api)["items"][0]["id"]
    gateway.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    gateway.put_integration(
        restApiId=api,
        resourceId=root,
        httpMethod="GET",
        type="MOCK",
        requestTemplates={"application/json": '{"statusCode": 200}'},
    )
    return api, root


async def _open(pilot: Any, api: str) -> ApiScreen:
    """From the API list: the cursor to ``api``, Enter; its page."""
    app = pilot.app
    await to_row(pilot, app.screen.query_one("#apigw-apis", DataTable), api)
    await pilot.press("enter")
    page: ApiScreen = await until(pilot, lambda: isinstance(app.screen, ApiScreen) and app.screen)
    return page


def test_stage_variables_are_set_on_deploy_and_kept_on_the_next(
    make_app: Callable[..., CoursewareApp], aws_client: Client, unique: Any
) -> None:
    api, _ = _mock_api(aws_client, unique("vars"))

    async def scenario() -> None:
        app = make_app(start_screen="apigateway")
        async with app.run_test(size=(100, 30)) as pilot:
            page = await _open(pilot, api)
            for variables in ("alias=live, colour=blue", ""):
                await pilot.press("d")
                form = await until(
                    pilot, lambda: isinstance(app.screen, DeployScreen) and app.screen
                )
                await type_into(pilot, form.query_one("#apigw-deploy-stage", Input), "prod")
                if variables:
                    field = form.query_one("#apigw-deploy-variables", Input)
                    await type_into(pilot, field, variables)
                await pilot.press("ctrl+s")
                await until(pilot, lambda: app.screen is page, "back on the API")
            await to_tab(pilot, page.query_one("#apigw-api-tabs"), "apigw-tab-stages")
            await to_row(pilot, page.query_one("#apigw-stages", DataTable), "prod")
            detail = page.query_one("#apigw-stage-detail", Static)
            await until(
                pilot,
                lambda: "Stage variables: alias=live, colour=blue" in str(detail.render()),
                "the variables",
            )

    asyncio.run(scenario())
    stage = aws_client("apigateway").get_stage(restApiId=api, stageName="prod")
    assert stage["variables"] == {"alias": "live", "colour": "blue"}


def test_bad_input_is_refused_with_a_clear_error(
    make_app: Callable[..., CoursewareApp], aws_client: Client, unique: Any
) -> None:
    api, root = _mock_api(aws_client, unique("bad"))

    async def scenario() -> None:
        app = make_app(start_screen="apigateway")
        async with app.run_test(size=(100, 30)) as pilot:
            page = await _open(pilot, api)
            tree = page.query_one("#apigw-tree", DataTable)
            await to_row(pilot, tree, f"r:{root}")
            await pilot.press("n")
            form = await until(
                pilot, lambda: isinstance(app.screen, ResourceCreateScreen) and app.screen
            )
            await type_into(pilot, form.query_one("#apigw-resource-part", Input), "a/b")
            await pilot.press("ctrl+s")
            error = form.query_one("#apigw-resource-error", Static)
            await until(pilot, lambda: "One segment only" in str(error.render()), "the error")
            assert app.screen is form, "the form stays, with what was typed"
            await pilot.press("escape")
            await to_row(pilot, tree, f"m:{root}:GET")
            await pilot.press("t")
            test = await until(
                pilot, lambda: isinstance(app.screen, MethodTestScreen) and app.screen
            )
            headers = test.query_one("#apigw-test-headers", TextArea)
            await tab_to(pilot, headers)
            await paste(pilot, headers, "Accept: */*\nno colon here")
            await pilot.press("ctrl+t")
            result = test.query_one("#apigw-test-result", Static)
            await until(pilot, lambda: "Headers line 2" in str(result.render()), "the error")
            await pilot.press("ctrl+a")
            await paste(pilot, headers, "Accept: */*")
            await pilot.press("ctrl+t")
            await until(pilot, lambda: "Status: 200" in str(result.render()), "the mock answer")

    asyncio.run(scenario())
    assert [r["path"] for r in aws_client("apigateway").get_resources(restApiId=api)["items"]] == [
        "/"
    ]


def test_http_api_routes_and_the_key_and_plan_pages(
    make_app: Callable[..., CoursewareApp], aws_client: Client, unique: Any
) -> None:
    function = unique("http-fn")
    make_function(aws_client, function, HANDLER)
    arn = aws_client("lambda").get_function(FunctionName=function)["Configuration"]["FunctionArn"]
    http = aws_client("apigatewayv2").create_api(
        Name=unique("http"), ProtocolType="HTTP", Target=arn
    )
    key = aws_client("apigateway").create_api_key(name=unique("key"), enabled=True)
    plan = aws_client("apigateway").create_usage_plan(
        name=unique("plan"), throttle={"rateLimit": 1.0, "burstLimit": 1}
    )

    async def scenario() -> None:
        app = make_app(start_screen="apigateway")
        async with app.run_test(size=(100, 30)) as pilot:
            home = await until(
                pilot, lambda: isinstance(app.screen, ApiGatewayScreen) and app.screen
            )
            await pilot.press("h")
            page = await until(pilot, lambda: isinstance(app.screen, HttpApisScreen) and app.screen)
            await to_row(pilot, page.query_one("#apigw-http-apis", DataTable), http["ApiId"])
            routes = page.query_one("#apigw-http-routes", DataTable)
            await until(pilot, lambda: routes.row_count == 1, "the quick-create route")
            assert str(routes.get_row_at(0)[0]) == "$default"
            assert function in str(routes.get_row_at(0)[1])
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is home)

            # A plan: the key added with the highlighted plan's "Add key to plan".
            await pilot.press("u")
            plans = await until(
                pilot, lambda: isinstance(app.screen, UsagePlansScreen) and app.screen
            )
            table = plans.query_one("#apigw-plans", DataTable)
            await to_row(pilot, table, plan["id"])
            assert "1.0/s burst 1" in str(table.get_row(plan["id"])[2])
            from tests.tui.keyboard import choose, press_button

            await choose(pilot, plans.query_one("#apigw-plan-key"), key["id"])
            await press_button(pilot, plans.query_one("#apigw-plan-add-key"))
            shown = plans.query_one("#apigw-plan-keys", Static)
            await until(pilot, lambda: key["name"] in str(shown.render()), "the key in the plan")
            await to_row(pilot, table, plan["id"])
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
            await pilot.press("y")
            await until(pilot, lambda: plan["id"] not in row_keys(table), "the plan deleted")
            await pilot.press("escape")

            # The key: its value shown on demand, then deleted (asks first).
            await pilot.press("k")
            keys = await until(pilot, lambda: isinstance(app.screen, ApiKeysScreen) and app.screen)
            listed = keys.query_one("#apigw-keys", DataTable)
            await to_row(pilot, listed, key["id"])
            await pilot.press("s")
            value = keys.query_one("#apigw-key-value", Static)
            await until(pilot, lambda: key["value"] in str(value.render()), "the value shown")
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
            await pilot.press("y")
            await until(pilot, lambda: key["id"] not in row_keys(listed), "the key deleted")
            await pilot.press("escape")

            # A REST API deleted from the list.
            api, _ = await asyncio.to_thread(_mock_api, aws_client, unique("gone"))
            await pilot.press("r")
            apis = home.query_one("#apigw-apis", DataTable)
            await to_row(pilot, apis, api)
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
            await pilot.press("y")
            await until(pilot, lambda: api not in row_keys(apis), "the API deleted")

    asyncio.run(scenario())
    gateway = aws_client("apigateway")
    assert key["id"] not in {k["id"] for k in gateway.get_api_keys()["items"]}
    assert plan["id"] not in {p["id"] for p in gateway.get_usage_plans()["items"]}


def test_the_method_form_can_grant_api_gateway_the_invoke_permission(
    make_app: Callable[..., CoursewareApp], aws_client: Client, unique: Any
) -> None:
    from textual.widgets import Checkbox, Select

    from courseware.course.checks.apigw_checks import method_arn
    from courseware.tui.consoles.apigateway.apigw_method import MethodScreen
    from tests.tui.keyboard import choose

    function = unique("grant-fn")
    make_function(aws_client, function, HANDLER)
    arn = aws_client("lambda").get_function(FunctionName=function)["Configuration"]["FunctionArn"]
    gateway = aws_client("apigateway")
    api = gateway.create_rest_api(name=unique("grant"))["id"]
    root = gateway.get_resources(restApiId=api)["items"][0]["id"]
    item = gateway.create_resource(restApiId=api, parentId=root, pathPart="{item}")["id"]

    async def scenario() -> None:
        app = make_app(start_screen="apigateway")
        async with app.run_test(size=(100, 30)) as pilot:
            page = await _open(pilot, api)
            await to_row(pilot, page.query_one("#apigw-tree", DataTable), f"r:{item}")
            await pilot.press("m")
            form = await until(pilot, lambda: isinstance(app.screen, MethodScreen) and app.screen)
            await choose(pilot, form.query_one("#apigw-method-verb", Select), "GET")
            await choose(pilot, form.query_one("#apigw-method-function", Select), arn)
            grant = form.query_one("#apigw-method-grant", Checkbox)
            await tab_to(pilot, grant)
            await pilot.press("space")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is page, "back on the API")
            await until(pilot, lambda: f"m:{item}:GET" in page.lines, "GET in the tree")

    asyncio.run(scenario())
    policy = json.loads(aws_client("lambda").get_policy(FunctionName=function)["Policy"])
    (statement,) = policy["Statement"]
    assert statement["Principal"] == {"Service": "apigateway.amazonaws.com"}
    source = statement["Condition"]["ArnLike"]["AWS:SourceArn"]
    assert fnmatch.fnmatchcase(method_arn("123456789012", api, "prod", "GET", "/anything"), source)
    assert not fnmatch.fnmatchcase(method_arn("123456789012", api, "prod", "POST", "/x"), source)
