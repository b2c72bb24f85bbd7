"""A REST API method's integration: AWS_PROXY, AWS (Lambda), MOCK and HTTP(_PROXY) to loopback.

Request and response mapping templates are passed through as written (no VTL is evaluated):
the course's labs use proxy integrations, and a MOCK answers its static template.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from courseware.cloud.apigw import events, lambda_call, responses
from courseware.cloud.apigw.http import Request, Response
from courseware.cloud.apigw.lambda_call import IntegrationFailed
from courseware.cloud.endpoint import is_loopback


@dataclass(frozen=True)
class Target:
    """The matched method of one API stage."""

    api: Any
    stage: str
    resource: Any
    method: Any
    path_params: dict[str, str]
    stage_vars: dict[str, str]
    domain: str


def run(target: Target, request: Request, authorizer: dict[str, Any] | None) -> Response:
    """Run the method's integration.

    Raises:
        IntegrationFailed: the backend could not be reached (a 502 / 500 for the caller).
    """
    integration = target.method.method_integration
    if integration is None:
        raise IntegrationFailed("No integration defined for method")
    kind = str(integration.integration_type).upper()
    if kind == "AWS_PROXY":
        return _aws_proxy(target, integration, request, authorizer)
    if kind == "AWS":
        return _aws(target, integration, request)
    if kind == "MOCK":
        return _mock(integration)
    if kind in {"HTTP", "HTTP_PROXY"}:
        return _http(target, integration, request)
    raise IntegrationFailed(f"integration type {kind} is not served by courseware")


def source_arns(target: Target, verb: str) -> tuple[str, ...]:
    """The execute-api ARNs of this call, as a Lambda permission's ``SourceArn`` must cover them.

    ``arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/RESOURCE_PATH``
    (https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html);
    the resource path as written (``hooks/{source}``) and without its braces, as some tools
    write it. The console's Test calls from stage ``test-invoke-stage``.
    """
    account = str(getattr(target.api, "account_id", "") or "123456789012")
    region = str(getattr(target.api, "region_name", "") or "us-east-1")
    path = str(target.resource.get_path()).lstrip("/")
    head = f"arn:aws:execute-api:{region}:{account}:{target.api.id}/{target.stage}/{verb}/"
    bare = path.replace("{", "").replace("}", "")
    return (head + path,) if bare == path else (head + path, head + bare)


def _aws_proxy(target: Target, integration: Any, request: Request, authorizer: Any) -> Response:
    binary_types = [str(t) for t in (target.api.binaryMediaTypes or [])]
    content_type = (request.header("Content-Type") or "").split(";")[0].strip()
    binary = any(t == content_type or t == "*/*" for t in binary_types)
    event = events.event_v1(
        request,
        api_id=str(target.api.id),
        stage=target.stage,
        resource_path=str(target.resource.get_path()),
        resource_id=str(target.resource.id),
        path_params=target.path_params,
        stage_vars=target.stage_vars,
        domain=target.domain,
        binary=binary,
        authorizer=authorizer,
    )
    called = lambda_call.call(
        str(integration.uri), event, target.stage_vars, source_arns(target, request.method)
    )
    if called.function_error:
        raise IntegrationFailed("Lambda function returned an error")
    try:
        return responses.proxy_v1(called.payload)
    except responses.MalformedResponse as exc:
        raise IntegrationFailed(f"Malformed Lambda proxy response: {exc}") from None


def _integration_responses(integration: Any) -> dict[str, Any]:
    return dict(integration.integration_responses or {})


def _pick(integration: Any, error_message: str | None) -> tuple[int, Any]:
    chosen: tuple[int, Any] = (200, None)
    for status, answer in _integration_responses(integration).items():
        pattern = getattr(answer, "selection_pattern", None)
        if error_message is not None and pattern and re.fullmatch(pattern, error_message, re.S):
            return int(status), answer
        if not pattern and error_message is None:
            chosen = (int(status), answer)
    return chosen


def _aws(target: Target, integration: Any, request: Request) -> Response:
    if ":lambda:" not in str(integration.uri):
        raise IntegrationFailed("only Lambda AWS integrations are served by courseware")
    try:
        event = json.loads(request.body or b"{}")
    except ValueError:
        event = request.body.decode("utf-8", errors="replace")
    called = lambda_call.call(
        str(integration.uri), event, target.stage_vars, source_arns(target, request.method)
    )
    message = None
    if called.function_error:
        message = str(json.loads(called.payload or b"{}").get("errorMessage", ""))
    status, _ = _pick(integration, message)
    return Response(status, [("Content-Type", "application/json")], called.payload)


def _mock(integration: Any) -> Response:
    status, answer = _pick(integration, None)
    templates = dict(getattr(answer, "response_templates", None) or {})
    body = str(templates.get("application/json") or "")
    return Response(status, [("Content-Type", "application/json")], body.encode("utf-8"))


def _http(target: Target, integration: Any, request: Request) -> Response:
    url = lambda_call.substitute(str(integration.uri), target.stage_vars)
    for name, value in target.path_params.items():
        url = url.replace("{" + name + "+}", value).replace("{" + name + "}", value)
    host = urlsplit(url).hostname or ""
    if not is_loopback(host):
        raise IntegrationFailed(f"courseware's HTTP integrations reach loopback only, not {host}")
    if request.query:
        url += ("&" if "?" in url else "?") + request.query
    skip = {"host", "content-length", "connection"}
    outgoing = urllib.request.Request(
        url,
        data=request.body or None,
        method=str(integration.http_method or request.method),
        headers={k: v for k, v in request.headers if k.lower() not in skip},
    )
    try:
        with urllib.request.urlopen(outgoing, timeout=29) as answer:
            return Response(answer.status, list(answer.headers.items()), answer.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, list(exc.headers.items()), exc.read())
    except OSError as exc:
        raise IntegrationFailed(f"the HTTP endpoint could not be reached: {exc}") from None
