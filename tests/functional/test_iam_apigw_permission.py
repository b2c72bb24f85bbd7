"""API Gateway invokes a function only when its resource policy allows it (issue #16, item 2).

Without ``lambda add-permission`` for apigateway.amazonaws.com and a SourceArn covering the
method, TestInvokeMethod answers 500 with "Execution failed due to configuration error: Invalid
permissions on Lambda function" in its log, and the stage answers 500. Real ``aws`` CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID, Endpoint
from tests.functional.apigw_helpers import fetch, lambda_uri
from tests.functional.lambda_helpers import make_function

ECHO = "import json\ndef handler(event, context):\n    return {'statusCode': 200, 'body': 'hi'}\n"
INVALID = "Execution failed due to configuration error: Invalid permissions on Lambda function"


def _api(apig: Any, function_arn: str) -> tuple[str, str]:
    api = apig.create_rest_api(name="perm")["id"]
    root = apig.get_resources(restApiId=api)["items"][0]["id"]
    parent = apig.create_resource(restApiId=api, parentId=root, pathPart="orders")["id"]
    resource = apig.create_resource(restApiId=api, parentId=parent, pathPart="{id}")["id"]
    apig.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    apig.put_integration(
        restApiId=api,
        resourceId=resource,
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(function_arn),
    )
    apig.create_deployment(restApiId=api, stageName="prod")
    return api, resource


def _test_invoke(cw: Callable[..., Any], api: str, resource: str) -> dict[str, Any]:
    done = cw(
        "aws",
        "apigateway",
        "test-invoke-method",
        "--rest-api-id",
        api,
        "--resource-id",
        resource,
        "--http-method",
        "GET",
        "--path-with-query-string",
        "/orders/7",
        "--output",
        "json",
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_a_function_without_api_gateways_permission_is_a_500_until_it_is_added(
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    cw: Callable[..., Any],
    cloud: Endpoint,
) -> None:
    lam, iam, apig = aws_client("lambda"), aws_client("iam"), aws_client("apigateway")
    name = unique("orders")
    fn = make_function(lam, iam, name, ECHO)
    api, resource = _api(apig, fn["FunctionArn"])
    answer = _test_invoke(cw, api, resource)
    assert answer["status"] == 500
    assert json.loads(answer["body"]) == {"message": "Internal server error"}
    assert INVALID in answer["log"]
    stage = fetch(f"{cloud.url}/restapis/{api}/prod/_user_request_/orders/7")
    assert stage.status == 500
    assert json.loads(stage.body) == {"message": "Internal server error"}
    lam.add_permission(
        FunctionName=name,
        StatementId="other-api",
        Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
        SourceArn=f"arn:aws:execute-api:us-east-1:{ACCOUNT_ID}:not{api}/*/GET/orders/*",
    )
    assert _test_invoke(cw, api, resource)["status"] == 500, "another API's grant does not count"
    done = cw(
        "aws",
        "lambda",
        "add-permission",
        "--function-name",
        name,
        "--statement-id",
        "apigw",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        f"arn:aws:execute-api:us-east-1:{ACCOUNT_ID}:{api}/*/GET/orders/*",
    )
    assert done.returncode == 0, done.stderr
    fixed = _test_invoke(cw, api, resource)
    assert (fixed["status"], fixed["body"]) == (200, "hi")
    assert fetch(f"{cloud.url}/restapis/{api}/prod/_user_request_/orders/7").status == 200
