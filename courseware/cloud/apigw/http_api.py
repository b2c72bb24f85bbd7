"""Serving an HTTP API stage: route selection (``GET /items/{id}``, ``ANY``, ``$default``),
then its Lambda proxy integration with payload format 1.0 or 2.0."""

from __future__ import annotations

from typing import Any

from courseware.cloud.apigw import events, lambda_call, responses, routing, seams
from courseware.cloud.apigw.http import Request, Response, json_response
from courseware.cloud.apigw.lambda_call import IntegrationFailed


def not_found() -> Response:
    """HTTP API's answer when no route matches."""
    return json_response(404, "Not Found")


def stage_of(api: Any, first_segment: str) -> str | None:
    """The stage a path starts with, ``$default`` when it names none, or None."""
    if first_segment and first_segment in api.stages and first_segment != "$default":
        return first_segment
    return "$default" if "$default" in api.stages else None


def find_route(api: Any, verb: str, path: str) -> tuple[Any, dict[str, str]] | None:
    """The most specific route for ``verb path``, falling back to ``$default``."""
    candidates = []
    fallback = None
    for route in list(api.routes.values()):
        key = str(route.route_key)
        if key == "$default":
            fallback = route
            continue
        route_verb, _, template = key.partition(" ")
        if route_verb in {verb, "ANY"}:
            candidates.append((template, route))
    found = routing.best(candidates, path)
    if found is None and fallback is not None:
        return fallback, {}
    return found


def serve(api_id: str, stage: str, request: Request, domain: str) -> Response:
    """Answer one request to an HTTP API stage."""
    api = seams.http_api(api_id)
    if api is None or stage not in api.stages:
        return not_found()
    found = find_route(api, request.method, request.path)
    if found is None:
        return not_found()
    route, params = found
    target = str(route.target or "")
    integration = api.integrations.get(target.removeprefix("integrations/"))
    if integration is None:
        return not_found()
    stage_vars = dict(api.stages[stage].stage_variables or {})
    try:
        return _run(api, stage, route, integration, params, stage_vars, request, domain)
    except IntegrationFailed:
        return responses.http_error()


def _run(
    api: Any,
    stage: str,
    route: Any,
    integration: Any,
    params: dict[str, str],
    stage_vars: dict[str, str],
    request: Request,
    domain: str,
) -> Response:
    if str(integration.integration_type).upper() != "AWS_PROXY":
        raise IntegrationFailed("courseware serves Lambda proxy integrations of HTTP APIs")
    version = str(integration.payload_format_version or "2.0")
    if version == "1.0":
        event = events.event_v1(
            request,
            api_id=str(api.api_id),
            stage=stage,
            resource_path=str(route.route_key).partition(" ")[2] or str(route.route_key),
            resource_id=str(route.route_id),
            path_params=params,
            stage_vars=stage_vars,
            domain=domain,
            binary=not events.is_text(request.header("Content-Type")),
        )
    else:
        event = events.event_v2(
            request,
            api_id=str(api.api_id),
            stage=stage,
            route_key=str(route.route_key),
            path_params=params,
            stage_vars=stage_vars,
            domain=domain,
        )
    called = lambda_call.call(str(integration.integration_uri), event, stage_vars)
    if called.function_error:
        raise IntegrationFailed("Lambda function returned an error")
    try:
        if version == "1.0":
            return responses.proxy_v1(called.payload)
        return responses.proxy_v2(called.payload)
    except responses.MalformedResponse as exc:
        raise IntegrationFailed(str(exc)) from None
