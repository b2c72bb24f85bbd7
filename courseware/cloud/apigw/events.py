"""The events a Lambda proxy integration receives: payload 1.0 (REST, HTTP API) and 2.0.

Field by field as the API Gateway developer guide shows them ("Input format of a Lambda
function for proxy integration" and "Create AWS Lambda proxy integrations for HTTP APIs").
"""

from __future__ import annotations

import base64
import time
import uuid
from typing import Any

from courseware.cloud.apigw.http import Request
from courseware.cloud.endpoint import ACCOUNT_ID

_TEXT_TYPES: tuple[str, ...] = (
    "text/",
    "application/json",
    "application/xml",
    "application/javascript",
    "application/x-www-form-urlencoded",
    "+json",
    "+xml",
)


def is_text(content_type: str | None) -> bool:
    """True when a body of this type is passed as text rather than base64."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return not kind or any(t in kind for t in _TEXT_TYPES)


def _body(request: Request, binary: bool) -> tuple[str | None, bool]:
    if not request.body:
        return None, False
    if binary:
        return base64.b64encode(request.body).decode("ascii"), True
    try:
        return request.body.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(request.body).decode("ascii"), True


def _clf_time(epoch_ms: int) -> str:
    return time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(epoch_ms / 1000))


def _multi(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    return found


def event_v1(
    request: Request,
    *,
    api_id: str,
    stage: str,
    resource_path: str,
    resource_id: str,
    path_params: dict[str, str],
    stage_vars: dict[str, str],
    domain: str,
    binary: bool,
    authorizer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Payload format 1.0, as REST API proxy integrations (and HTTP API 1.0) send it."""
    headers = _multi(request.headers)
    query = _multi(request.query_pairs())
    body, encoded = _body(request, binary)
    context: dict[str, Any] = {
        "accountId": ACCOUNT_ID,
        "apiId": api_id,
        "domainName": domain,
        "domainPrefix": domain.split(".")[0],
        "extendedRequestId": uuid.uuid4().hex[:16] + "=",
        "httpMethod": request.method,
        "identity": {
            "accessKey": None,
            "accountId": None,
            "caller": None,
            "sourceIp": request.source_ip,
            "user": None,
            "userAgent": request.header("User-Agent"),
            "userArn": None,
        },
        "path": f"/{stage}{request.path}" if stage != "$default" else request.path,
        "protocol": "HTTP/1.1",
        "requestId": str(uuid.uuid4()),
        "requestTime": _clf_time(request.epoch_ms),
        "requestTimeEpoch": request.epoch_ms,
        "resourceId": resource_id,
        "resourcePath": resource_path,
        "stage": stage,
    }
    if authorizer is not None:
        context["authorizer"] = authorizer
    return {
        "resource": resource_path,
        "path": request.path,
        "httpMethod": request.method,
        "headers": {k: v[-1] for k, v in headers.items()} or None,
        "multiValueHeaders": headers or None,
        "queryStringParameters": {k: v[-1] for k, v in query.items()} or None,
        "multiValueQueryStringParameters": query or None,
        "pathParameters": path_params or None,
        "stageVariables": stage_vars or None,
        "requestContext": context,
        "body": body,
        "isBase64Encoded": encoded,
    }


def event_v2(
    request: Request,
    *,
    api_id: str,
    stage: str,
    route_key: str,
    path_params: dict[str, str],
    stage_vars: dict[str, str],
    domain: str,
    extra_context: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Payload format 2.0, as HTTP API integrations and function URLs send it."""
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for key, value in request.headers:
        if key.lower() == "cookie":
            cookies.extend(c.strip() for c in value.split(";") if c.strip())
            continue
        lower = key.lower()
        headers[lower] = f"{headers[lower]},{value}" if lower in headers else value
    query: dict[str, str] = {}
    for key, value in request.query_pairs():
        query[key] = f"{query[key]},{value}" if key in query else value
    body, encoded = _body(request, not is_text(request.header("Content-Type")))
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": request.raw_path,
        "rawQueryString": request.query,
        "headers": headers,
        "requestContext": {
            "accountId": ACCOUNT_ID,
            "apiId": api_id,
            "domainName": domain,
            "domainPrefix": domain.split(".")[0],
            "http": {
                "method": request.method,
                "path": request.raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": request.source_ip,
                "userAgent": request.header("User-Agent") or "",
            },
            "requestId": str(uuid.uuid4()),
            "routeKey": route_key,
            "stage": stage,
            "time": _clf_time(request.epoch_ms),
            "timeEpoch": request.epoch_ms,
            **(extra_context or {}),
        },
        "isBase64Encoded": encoded,
    }
    if cookies:
        event["cookies"] = cookies
    if query:
        event["queryStringParameters"] = query
    if path_params:
        event["pathParameters"] = path_params
    if stage_vars:
        event["stageVariables"] = stage_vars
    if body is not None:
        event["body"] = body
    return event
