"""The loopback addresses of API stages and function URLs (what ``courseware urls`` prints).

``*.localhost`` names resolve to loopback in curl and in browsers (RFC 6761); the path-style
form works with any client.
"""

from __future__ import annotations

from typing import Any

from courseware.cloud.endpoint import Endpoint

_original: dict[str, Any] = {}
_endpoint: list[Endpoint] = []


def stage_url(endpoint: Endpoint, api_id: str, stage: str) -> str:
    """Host-style invoke URL of a stage (an HTTP API's ``$default`` stage has no segment)."""
    base = f"http://{api_id}.execute-api.localhost:{endpoint.port}"
    return f"{base}/" if stage == "$default" else f"{base}/{stage}/"


def path_style_url(endpoint: Endpoint, api_id: str, stage: str) -> str:
    """Path-style invoke URL of a stage, for clients that cannot resolve ``*.localhost``."""
    return f"{endpoint.url}/restapis/{api_id}/{stage}/_user_request_/"


def _api_to_json(self: Any) -> dict[str, Any]:
    answer: dict[str, Any] = _original["to_json"](self)
    if _endpoint:
        answer["apiEndpoint"] = f"http://{self.api_id}.execute-api.localhost:{_endpoint[0].port}"
    return answer


def install() -> None:
    """Make an HTTP API's ``ApiEndpoint`` its loopback address (idempotent)."""
    from moto.apigatewayv2.models import Api

    if "to_json" in _original:
        return
    if not callable(getattr(Api, "to_json", None)):
        raise RuntimeError("moto's apigatewayv2 Api.to_json is gone; update apigw/urls.py")
    _original["to_json"] = Api.to_json
    Api.to_json = _api_to_json


def started(endpoint: Endpoint) -> None:
    """Remember the port for the addresses handed out."""
    _endpoint[:] = [endpoint]
