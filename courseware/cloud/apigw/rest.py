"""Serving a REST API stage: find the resource and method, guard it, run its integration."""

from __future__ import annotations

import json
from typing import Any

from courseware.cloud.apigw import guards, integrations, routing, seams
from courseware.cloud.apigw.http import Request, Response, json_response
from courseware.cloud.apigw.lambda_call import IntegrationFailed, InvalidPermissions


def missing_token() -> Response:
    """API Gateway's answer for a path, method or stage that does not exist."""
    return json_response(
        403,
        "Missing Authentication Token",
        [("x-amzn-ErrorType", "MissingAuthenticationTokenException")],
    )


def find_method(api: Any, path: str, verb: str) -> tuple[Any, Any, dict[str, str]] | None:
    """(resource, method, path parameters) for a request, or None."""
    candidates = [(r.get_path(), r) for r in list(api.resources.values())]
    found = routing.best(candidates, path)
    if found is None:
        return None
    resource, params = found
    methods = resource.resource_methods
    method = methods.get(verb) or methods.get("ANY")
    return (resource, method, params) if method is not None else None


def serve(api_id: str, stage_name: str, request: Request, domain: str) -> Response:
    """Answer one request to ``https://{api_id}.execute-api…/{stage_name}{path}``."""
    api = seams.rest_api(api_id)
    stage = api.stages.get(stage_name) if api is not None else None
    if api is None or stage is None:
        return missing_token()
    found = find_method(api, request.path, request.method)
    if found is None:
        return missing_token()
    resource, method, params = found
    stage_vars = dict(stage.variables or {})
    denied, authorizer = guards.check(api, stage_name, method, request)
    if denied is not None:
        return denied
    target = integrations.Target(api, stage_name, resource, method, params, stage_vars, domain)
    try:
        return integrations.run(target, request, authorizer)
    except InvalidPermissions:
        return _internal_error()
    except IntegrationFailed:
        from courseware.cloud.apigw.responses import rest_error

        return rest_error()


def _internal_error() -> Response:
    """API Gateway's 500 for a configuration error (the function's permission is missing)."""
    return json_response(
        500, "Internal server error", [("x-amzn-ErrorType", "InternalServerErrorException")]
    )


def test_invoke(api_id: str, resource_id: str, verb: str, body: bytes) -> dict[str, Any]:
    """The TestInvokeMethod answer: run the method's integration without auth, as the console does."""
    import time
    from urllib.parse import urlsplit

    params = json.loads(body or b"{}")
    api = seams.rest_api(api_id)
    resource = api.resources.get(resource_id) if api is not None else None
    method = resource.resource_methods.get(verb) if resource is not None else None
    if resource is None or method is None:
        raise LookupError("Invalid Method identifier specified")
    split = urlsplit(str(params.get("pathWithQueryString") or resource.get_path()))
    headers = list((params.get("headers") or {}).items())
    request = Request(
        method=verb,
        path=split.path or "/",
        raw_path=split.path or "/",
        query=split.query,
        headers=headers,
        body=str(params.get("body") or "").encode("utf-8"),
        source_ip="test-invoke-source-ip",
    )
    match = routing.match(resource.get_path(), request.path)
    path_params = match[1] if match else {}
    stage_vars = dict(params.get("stageVariables") or {})
    domain = "testPrefix.testDomainName"
    target = integrations.Target(
        api, "test-invoke-stage", resource, method, path_params, stage_vars, domain
    )
    began = time.perf_counter()
    try:
        answer = integrations.run(target, request, None)
        log = f"Execution log for request test-request\nMethod completed with status: {answer.status}\n"
    except InvalidPermissions as exc:
        answer = _internal_error()
        log = f"Execution log for request test-request\n{exc}\nMethod completed with status: 500\n"
    except IntegrationFailed as exc:
        answer = json_response(502, "Internal server error")
        log = f"Execution log for request test-request\nExecution failed: {exc}\n"
    latency = int((time.perf_counter() - began) * 1000)
    multi: dict[str, list[str]] = {}
    for key, value in answer.headers:
        multi.setdefault(key, []).append(value)
    return {
        "status": answer.status,
        "body": answer.body.decode("utf-8", errors="replace"),
        "headers": {k: v[-1] for k, v in multi.items()},
        "multiValueHeaders": multi,
        "log": log,
        "latency": latency,
    }
