"""Lambda function URLs on loopback: ``http://{url-id}.lambda-url.{region}.localhost:PORT/``.

moto makes the config (``https://{url-id}.lambda-url.{region}.on.aws``); :func:`install`
wraps ``FunctionUrlConfig.to_dict`` so ``FunctionUrl`` names the loopback address, and
:func:`serve` answers it with a payload 2.0 event. ``AuthType=AWS_IAM`` needs a SigV4
``Authorization`` header (``403 Forbidden`` without one; the emulator's dummy keys are not
checked further).
"""

from __future__ import annotations

from typing import Any

from courseware.cloud.apigw import events, lambda_call, responses, seams
from courseware.cloud.apigw.http import Request, Response
from courseware.cloud.endpoint import REGION, Endpoint

_original: dict[str, Any] = {}
_endpoint: list[Endpoint] = []


class FunctionUrlHookError(RuntimeError):
    """moto moved ``FunctionUrlConfig.to_dict``; pin moto or update this module."""


def url_id(config: Any) -> str:
    """The id part of moto's function URL host."""
    return str(config.url).split("//", 1)[-1].split(".", 1)[0]


def loopback_url(identifier: str) -> str:
    """The URL a browser or curl uses for one function URL."""
    port = _endpoint[0].port if _endpoint else 4566
    return f"http://{identifier}.lambda-url.{REGION}.localhost:{port}/"


def _to_dict(self: Any) -> dict[str, Any]:
    answer: dict[str, Any] = _original["to_dict"](self)
    answer["FunctionUrl"] = loopback_url(url_id(self))
    return answer


def install() -> None:
    """Make ``FunctionUrl`` a loopback address (idempotent)."""
    from moto.awslambda.models import FunctionUrlConfig

    if "to_dict" in _original:
        return
    if not callable(getattr(FunctionUrlConfig, "to_dict", None)):
        raise FunctionUrlHookError("moto's FunctionUrlConfig.to_dict is gone")
    _original["to_dict"] = FunctionUrlConfig.to_dict
    FunctionUrlConfig.to_dict = _to_dict


def started(endpoint: Endpoint) -> None:
    """Remember the port for the URLs handed out."""
    _endpoint[:] = [endpoint]


def serve(identifier: str, request: Request, domain: str) -> Response:
    """Answer one request to a function URL."""
    config = next((c for c in seams.url_configs() if url_id(c) == identifier), None)
    if config is None:
        return Response(404, [("Content-Type", "application/json")], b'{"Message":null}')
    auth = str(config.config.get("AuthType") or "NONE")
    if auth == "AWS_IAM" and "AWS4-HMAC-SHA256" not in (request.header("Authorization") or ""):
        return Response(403, [("Content-Type", "application/json")], b'{"Message":"Forbidden"}')
    event = events.event_v2(
        request,
        api_id=identifier,
        stage="$default",
        route_key="$default",
        path_params={},
        stage_vars={},
        domain=domain,
    )
    try:
        called = lambda_call.call(str(config.function.function_arn), event)
        if called.function_error:
            raise lambda_call.IntegrationFailed("function error")
        return responses.proxy_v2(called.payload)
    except (lambda_call.IntegrationFailed, responses.MalformedResponse):
        body = b'{"Message":"Internal Server Error"}'
        return Response(502, [("Content-Type", "application/json")], body)
