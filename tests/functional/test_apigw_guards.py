"""REST API guards: a Lambda TOKEN authorizer, API keys and usage plan throttling (429)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from tests.functional.apigw_helpers import allow_api, fetch, lambda_uri
from tests.functional.lambda_helpers import make_function

AUTHORIZER = """def handler(event, context):
    token = event["authorizationToken"]
    if token not in ("allow", "deny"):
        raise Exception("Unauthorized")
    effect = "Allow" if token == "allow" else "Deny"
    statement = {"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}
    return {"principalId": "ada", "policyDocument": {"Version": "2012-10-17",
            "Statement": [statement]}, "context": {"team": "blue"}}
"""
ECHO = """import json
def handler(event, context):
    return {"statusCode": 200, "body": json.dumps(event["requestContext"].get("authorizer"))}
"""


def _api(apig: Any, fn_arn: str, **method: Any) -> tuple[str, str]:
    api = apig.create_rest_api(name="guarded")["id"]
    root = apig.get_resources(restApiId=api)["items"][0]["id"]
    res = apig.create_resource(restApiId=api, parentId=root, pathPart="secret")["id"]
    apig.put_method(restApiId=api, resourceId=res, httpMethod="GET", **method)
    apig.put_integration(
        restApiId=api,
        resourceId=res,
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(fn_arn),
    )
    return api, res


def test_token_authorizer(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, apig = aws_client("lambda"), aws_client("iam"), aws_client("apigateway")
    echo = make_function(lam, iam, unique("echo"), ECHO)["FunctionArn"]
    auth = make_function(lam, iam, unique("auth"), AUTHORIZER)["FunctionArn"]
    api = apig.create_rest_api(name="guarded")["id"]
    authorizer = apig.create_authorizer(
        restApiId=api,
        name="tok",
        type="TOKEN",
        authorizerUri=lambda_uri(auth),
        identitySource="method.request.header.Authorization",
    )["id"]
    root = apig.get_resources(restApiId=api)["items"][0]["id"]
    apig.put_method(
        restApiId=api,
        resourceId=root,
        httpMethod="GET",
        authorizationType="CUSTOM",
        authorizerId=authorizer,
    )
    apig.put_integration(
        restApiId=api,
        resourceId=root,
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(echo),
    )
    allow_api(lam, echo, api)
    apig.create_deployment(restApiId=api, stageName="dev")
    url = f"{cloud.url}/restapis/{api}/dev/_user_request_/"
    allowed = fetch(url, Authorization="allow")
    assert allowed.status == 200
    assert json.loads(allowed.body) == {"principalId": "ada", "team": "blue"}
    assert fetch(url, Authorization="deny").status == 403
    assert fetch(url, Authorization="nonsense").status == 401
    missing = fetch(url)
    assert (missing.status, json.loads(missing.body)) == (401, {"message": "Unauthorized"})


def test_api_key_and_usage_plan_throttle(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, apig = aws_client("lambda"), aws_client("iam"), aws_client("apigateway")
    echo = make_function(lam, iam, unique("keyed"), ECHO)["FunctionArn"]
    api, _ = _api(apig, echo, authorizationType="NONE", apiKeyRequired=True)
    allow_api(lam, echo, api)
    apig.create_deployment(restApiId=api, stageName="dev")
    key = apig.create_api_key(name=unique("key"), enabled=True)
    plan = apig.create_usage_plan(
        name=unique("plan"),
        apiStages=[{"apiId": api, "stage": "dev"}],
        throttle={"rateLimit": 0.001, "burstLimit": 1},
    )
    apig.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    url = f"{cloud.url}/restapis/{api}/dev/_user_request_/secret"
    without = fetch(url)
    assert (without.status, json.loads(without.body)) == (403, {"message": "Forbidden"})
    assert fetch(url, **{"x-api-key": "wrong"}).status == 403
    assert fetch(url, **{"x-api-key": key["value"]}).status == 200
    throttled = fetch(url, **{"x-api-key": key["value"]})
    assert (throttled.status, json.loads(throttled.body)) == (429, {"message": "Too Many Requests"})
