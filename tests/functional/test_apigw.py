"""API Gateway's data plane: REST and HTTP API webhooks into Python and Node handlers."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint
from tests.functional.apigw_helpers import allow_api, fetch, lambda_uri
from tests.functional.lambda_helpers import make_function

PY_ECHO = """import json
def handler(event, context):
    return {
        "statusCode": 201,
        "headers": {"X-Echo": "py"},
        "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
        "body": json.dumps({"event": event, "arn": context.invoked_function_arn}),
    }
"""
NODE_ECHO = """exports.handler = async (event, context) => ({
  statusCode: 202,
  headers: { "X-Echo": "node" },
  body: JSON.stringify({ event, arn: context.invokedFunctionArn }),
});
"""
BAD = "def handler(event, context):\n    return {'status': 'not a proxy answer'}\n"
V2_PLAIN = "def handler(event, context):\n    return {'route': event['routeKey'], 'q': event.get('queryStringParameters'), 'p': event.get('pathParameters'), 'b64': event['isBase64Encoded'], 'body': event.get('body')}\n"


def _echo(lam: Any, iam: Any, name: str, node: bool = False) -> str:
    if node:
        fn = make_function(
            lam,
            iam,
            name,
            NODE_ECHO,
            runtime="nodejs20.x",
            filename="index.js",
            handler="index.handler",
        )
    else:
        fn = make_function(lam, iam, name, PY_ECHO)
    return str(fn["FunctionArn"])


def _rest_api(apig: Any, function_arn: str, lam: Any, part: str = "{id}") -> tuple[str, str]:
    api = apig.create_rest_api(name="hook")["id"]
    allow_api(lam, function_arn, api)
    root = apig.get_resources(restApiId=api)["items"][0]["id"]
    parent = apig.create_resource(restApiId=api, parentId=root, pathPart="items")["id"]
    resource = apig.create_resource(restApiId=api, parentId=parent, pathPart=part)["id"]
    apig.put_method(restApiId=api, resourceId=resource, httpMethod="ANY", authorizationType="NONE")
    apig.put_integration(
        restApiId=api,
        resourceId=resource,
        httpMethod="ANY",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(function_arn),
    )
    apig.create_deployment(restApiId=api, stageName="dev")
    return api, resource


@pytest.mark.parametrize("node", [False, True], ids=["python", "node"])
def test_rest_api_webhook(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str], node: bool
) -> None:
    if node and shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    lam, iam, apig = aws_client("lambda"), aws_client("iam"), aws_client("apigateway")
    arn = _echo(lam, iam, unique("rest"), node)
    api, _ = _rest_api(apig, arn, lam)
    url = f"{cloud.url}/restapis/{api}/dev/_user_request_/items/42?color=red&color=blue&x=1"
    answer = fetch(url, b'{"hello": "world"}', "POST", **{"Content-Type": "application/json"})
    assert answer.status == (202 if node else 201)
    assert answer.headers["X-Echo"] == ("node" if node else "py")
    got = json.loads(answer.body)
    event = got["event"]
    assert event["httpMethod"] == "POST"
    assert event["path"] == "/items/42"
    assert event["resource"] == "/items/{id}"
    assert event["pathParameters"] == {"id": "42"}
    assert event["queryStringParameters"] == {"color": "blue", "x": "1"}
    assert event["multiValueQueryStringParameters"]["color"] == ["red", "blue"]
    assert json.loads(event["body"]) == {"hello": "world"}
    assert event["isBase64Encoded"] is False
    assert event["requestContext"]["stage"] == "dev"
    assert event["requestContext"]["apiId"] == api
    assert got["arn"] == arn
    host_style = fetch(f"http://{api}.execute-api.localhost:{cloud.port}/dev/items/7")
    assert host_style.status == (202 if node else 201)
    assert json.loads(host_style.body)["event"]["pathParameters"] == {"id": "7"}


def test_rest_api_binary_body_and_cookies(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, apig = aws_client("lambda"), aws_client("iam"), aws_client("apigateway")
    arn = _echo(lam, iam, unique("bin"))
    api, _ = _rest_api(apig, arn, lam)
    apig.update_rest_api(
        restApiId=api, patchOperations=[{"op": "add", "path": "/binaryMediaTypes/image~1png"}]
    )
    raw = bytes(range(256))
    url = f"{cloud.url}/restapis/{api}/dev/_user_request_/items/1"
    answer = fetch(url, raw, "PUT", **{"Content-Type": "image/png"})
    event = json.loads(answer.body)["event"]
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == raw


def test_rest_api_errors_are_api_gateways(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, apig = aws_client("lambda"), aws_client("iam"), aws_client("apigateway")
    fn = make_function(lam, iam, unique("bad"), BAD)
    api, _ = _rest_api(apig, str(fn["FunctionArn"]), lam)
    bad = fetch(f"{cloud.url}/restapis/{api}/dev/_user_request_/items/1")
    assert (bad.status, json.loads(bad.body)) == (502, {"message": "Internal server error"})
    missing = fetch(f"{cloud.url}/restapis/{api}/dev/_user_request_/nowhere")
    assert missing.status == 403
    assert json.loads(missing.body) == {"message": "Missing Authentication Token"}
    no_stage = fetch(f"{cloud.url}/restapis/{api}/prod/_user_request_/items/1")
    assert no_stage.status == 403


def test_test_invoke_method_with_the_aws_cli(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], cw: Callable[..., Any]
) -> None:
    lam, iam, apig = aws_client("lambda"), aws_client("iam"), aws_client("apigateway")
    api, resource = _rest_api(apig, _echo(lam, iam, unique("tim")), lam)
    done = cw(
        "aws",
        "apigateway",
        "test-invoke-method",
        "--rest-api-id",
        api,
        "--resource-id",
        resource,
        "--http-method",
        "ANY",
        "--path-with-query-string",
        "/items/9?k=v",
        "--body",
        "hi",
        "--output",
        "json",
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == 201
    event = json.loads(answer["body"])["event"]
    assert event["pathParameters"] == {"id": "9"}
    assert event["queryStringParameters"] == {"k": "v"}
    assert event["body"] == "hi"


def test_http_api_quick_create_and_routes(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, v2 = aws_client("lambda"), aws_client("iam"), aws_client("apigatewayv2")
    fn = make_function(lam, iam, unique("v2"), V2_PLAIN)
    api = v2.create_api(Name="quick", ProtocolType="HTTP", Target=fn["FunctionArn"])["ApiId"]
    assert [r["RouteKey"] for r in v2.get_routes(ApiId=api)["Items"]] == ["$default"]
    assert [s["StageName"] for s in v2.get_stages(ApiId=api)["Items"]] == ["$default"]
    answer = fetch(f"http://{api}.execute-api.localhost:{cloud.port}/any/path?a=1&a=2")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "application/json"
    body = json.loads(answer.body)
    assert body["route"] == "$default" and body["q"] == {"a": "1,2"}
    integration = v2.create_integration(
        ApiId=api,
        IntegrationType="AWS_PROXY",
        IntegrationUri=fn["FunctionArn"],
        PayloadFormatVersion="2.0",
    )["IntegrationId"]
    v2.create_route(ApiId=api, RouteKey="POST /orders/{id}", Target=f"integrations/{integration}")
    url = f"{cloud.url}/restapis/{api}/$default/_user_request_/orders/5"
    posted = json.loads(
        fetch(url, b"\x00\xff", "POST", **{"Content-Type": "application/octet-stream"}).body
    )
    assert posted["route"] == "POST /orders/{id}" and posted["p"] == {"id": "5"}
    assert posted["b64"] is True and base64.b64decode(posted["body"]) == b"\x00\xff"


def test_http_api_payload_1_and_node_with_curl(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    if shutil.which("node") is None or shutil.which("curl") is None:
        pytest.skip("needs node and curl")
    lam, iam, v2 = aws_client("lambda"), aws_client("iam"), aws_client("apigatewayv2")
    arn = _echo(lam, iam, unique("v1node"), node=True)
    api = v2.create_api(Name="v1", ProtocolType="HTTP")["ApiId"]
    integration = v2.create_integration(
        ApiId=api, IntegrationType="AWS_PROXY", IntegrationUri=arn, PayloadFormatVersion="1.0"
    )["IntegrationId"]
    v2.create_route(ApiId=api, RouteKey="GET /hello/{name}", Target=f"integrations/{integration}")
    v2.create_stage(ApiId=api, StageName="prod")
    url = f"http://{api}.execute-api.localhost:{cloud.port}/prod/hello/ada?lang=en"
    done = subprocess.run(
        ["curl", "-si", url], capture_output=True, text=True, timeout=60, check=False
    )
    head, _, body = done.stdout.partition("\n\n")
    assert head.startswith("HTTP/1.1 202"), done.stdout + done.stderr
    assert "X-Echo: node" in head
    assert body, done.stdout
    event = json.loads(body)["event"]
    assert event["pathParameters"] == {"name": "ada"}
    assert event["queryStringParameters"] == {"lang": "en"}
    assert event["requestContext"]["stage"] == "prod"
    assert fetch(f"http://{api}.execute-api.localhost:{cloud.port}/prod/nothing").status == 404


def test_function_url_answers(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("furl")
    make_function(lam, iam, name, V2_PLAIN)
    url = lam.create_function_url_config(FunctionName=name, AuthType="NONE")["FunctionUrl"]
    assert url.startswith("http://") and f".localhost:{cloud.port}/" in url
    answer = fetch(url + "some/where?x=1", b"hello", "POST", **{"Content-Type": "text/plain"})
    assert answer.status == 200
    body = json.loads(answer.body)
    assert body["route"] == "$default" and body["q"] == {"x": "1"} and body["body"] == "hello"
    url_id = url.split("//")[1].split(".")[0]
    path_style = fetch(f"{cloud.url}/_courseware/lambda-url/{url_id}/p")
    assert path_style.status == 200
    iam_name = unique("furliam")
    make_function(lam, iam, iam_name, V2_PLAIN)
    locked = lam.create_function_url_config(FunctionName=iam_name, AuthType="AWS_IAM")
    assert fetch(locked["FunctionUrl"]).status == 403


def test_courseware_urls_prints_curlable_addresses(
    cloud: Endpoint,
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    cw: Callable[..., Any],
) -> None:
    lam, iam, apig, v2 = (aws_client(s) for s in ("lambda", "iam", "apigateway", "apigatewayv2"))
    arn = _echo(lam, iam, unique("urls"))
    api, _ = _rest_api(apig, arn, lam)
    http = v2.create_api(Name=unique("urlsv2"), ProtocolType="HTTP", Target=arn)
    assert http["ApiEndpoint"] == f"http://{http['ApiId']}.execute-api.localhost:{cloud.port}"
    done = cw("urls")
    assert done.returncode == 0, done.stderr
    rest_url = f"http://{api}.execute-api.localhost:{cloud.port}/dev/"
    assert rest_url in done.stdout and f"{http['ApiEndpoint']}/" in done.stdout
    assert fetch(rest_url + "items/3").status == 201
