"""The webhook lab done start to finish on a fresh cloud: its solution, then the Node.js path,
and the invoke URL's own answers (502, 403, 202 with the function's headers) along the way."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.course.checks.apigw_checks import call, rest_api_id, usable_key
from courseware.course.checks.base import Cloud
from courseware.course.model import Lab
from courseware.course.runner import reset_lab, run_step, solve_step, wait_until_passed
from tests.functional.lab_fixtures import fresh_cloud_for, lab_named

LAB, FUNCTION, ROLE = "webhook", "webhook-handler", "webhook-role"


fresh = fresh_cloud_for(LAB)


def _solve(lab: Lab, step_id: str, endpoint: Endpoint) -> None:
    step = lab.step(step_id)
    assert step is not None
    solved = solve_step(lab, step, endpoint)
    assert solved.ok, solved.output


def _result(lab: Lab, step_id: str, endpoint: Endpoint) -> Any:
    step = lab.step(step_id)
    assert step is not None
    return wait_until_passed(lab, step, endpoint, None, 30)


def _zip(folder: Any) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in folder.iterdir():
            zipped.write(path, path.name)
    return archive.getvalue()


def test_the_solution_passes_every_step_in_order(fresh: Endpoint) -> None:
    lab = lab_named(LAB)
    cloud = Cloud(fresh)
    for step in lab.steps:
        assert run_step(lab, step, fresh).status != "passed", step.id
        if step.id == "fix":
            api_id = rest_api_id(cloud, "webhook-api")
            assert api_id is not None
            broken = call(cloud, api_id, "prod", "POST", "/hooks/github?event=push")
            assert (broken.status, json.loads(broken.body)) == (
                502,
                {"message": "Internal server error"},
            )
            assert "502 means the function's answer is not a valid proxy response" in (
                run_step(lab, step, fresh).message
            )
        _solve(lab, step.id, fresh)
        assert _result(lab, step.id, fresh).status == "passed", step.id
    for step in lab.steps:  # nothing a later step did undoes an earlier one
        assert run_step(lab, step, fresh).status == "passed", step.id

    api_id = rest_api_id(cloud, "webhook-api")
    assert api_id is not None
    assert call(cloud, api_id, "prod", "POST", "/hooks/github?event=push").status == 403
    key = usable_key(cloud, api_id, "prod")
    answer = call(cloud, api_id, "prod", "POST", "/hooks/github?event=push", key)
    assert answer.status == 202
    assert answer.headers["x-webhook-source"] == "github"
    assert json.loads(answer.body) == {"received": "github", "event": "push"}

    deleted = reset_lab(lab, fresh)
    assert {"rest_api webhook-api", "usage_plan webhook-plan", "api_key webhook-key"} <= set(
        deleted
    )
    assert rest_api_id(cloud, "webhook-api") is None
    assert cloud.apigateway.get_usage_plans()["items"] == []
    assert cloud.apigateway.get_api_keys()["items"] == []
    for step in lab.steps:
        assert run_step(lab, step, fresh).status != "passed", step.id


def test_the_node_path_passes_and_a_wrong_route_is_caught(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    lam = aws_client("lambda")
    _solve(lab, "role", fresh)
    lam.create_function(
        FunctionName=FUNCTION,
        Runtime="nodejs22.x",
        Handler="index.handler",
        Role=f"arn:aws:iam::123456789012:role/{ROLE}",
        Code={"ZipFile": _zip(lab.path / "starter" / "node")},
    )
    assert _result(lab, "function", fresh).status == "passed"
    for step in ("api", "permission", "deploy"):
        _solve(lab, step, fresh)
        assert _result(lab, step, fresh).status == "passed", step
    fix = run_step(lab, lab.step("fix"), fresh)  # type: ignore[arg-type]
    assert fix.status != "passed" and "502" in fix.message

    lam.update_function_code(FunctionName=FUNCTION, ZipFile=_zip(lab.path / "solution" / "node"))
    lam.get_waiter("function_updated_v2").wait(FunctionName=FUNCTION)
    assert _result(lab, "fix", fresh).status == "passed"
    _solve(lab, "api-key", fresh)
    assert _result(lab, "api-key", fresh).status == "passed"


def test_the_stage_must_run_the_labs_function(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    """A stage that answers, but through another function, does not pass the deploy step."""
    lab = lab_named(LAB)
    for step in ("role", "function"):
        _solve(lab, step, fresh)
    other = aws_client("lambda").get_function(FunctionName=FUNCTION)["Configuration"]
    aws_client("lambda").create_function(
        FunctionName="someone-else",
        Runtime="python3.12",
        Handler="lambda_function.lambda_handler",
        Role=other["Role"],
        Code={"ZipFile": _zip(lab.path / "solution" / "python")},
    )
    apigw = aws_client("apigateway")
    api = apigw.create_rest_api(name="webhook-api")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    hooks = apigw.create_resource(restApiId=api, parentId=root, pathPart="hooks")["id"]
    source = apigw.create_resource(restApiId=api, parentId=hooks, pathPart="{source}")["id"]
    apigw.put_method(restApiId=api, resourceId=source, httpMethod="POST", authorizationType="NONE")
    arn = "arn:aws:lambda:us-east-1:123456789012:function:someone-else"
    apigw.put_integration(
        restApiId=api,
        resourceId=source,
        httpMethod="POST",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations",
    )
    aws_client("lambda").add_permission(
        FunctionName="someone-else",
        StatementId="apigw",
        Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
        SourceArn=f"arn:aws:execute-api:us-east-1:123456789012:{api}/*",
    )
    apigw.create_deployment(restApiId=api, stageName="prod")
    assert call(Cloud(fresh), api, "prod", "POST", "/hooks/x?event=y").status == 202
    step = lab.step("deploy")
    assert step is not None
    result = run_step(lab, step, fresh)
    assert result.status != "passed"
    assert "does not show the probe" in result.message
    assert run_step(lab, lab.step("api"), fresh).status != "passed"  # type: ignore[arg-type]
