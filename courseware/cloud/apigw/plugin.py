"""The API Gateway data plane and function URLs, mounted in front of moto (WSGI).

Served addresses (``PORT`` is the cloud's):

- ``http://127.0.0.1:PORT/restapis/{api-id}/{stage}/_user_request_/{path}`` (path style)
- ``http://{api-id}.execute-api.localhost:PORT/{stage}/{path}`` (host style; an HTTP API's
  ``$default`` stage has no stage segment)
- ``http://{url-id}.lambda-url.{region}.localhost:PORT/{path}`` and
  ``http://127.0.0.1:PORT/_courseware/lambda-url/{url-id}/{path}`` (function URLs)

It also answers three control-plane calls moto lacks: ``TestInvokeMethod``, ``UpdateMethod``
and HTTP API quick create (``create-api --target``), which moto accepts but builds nothing for.
"""

from __future__ import annotations

import json
import re
from typing import Any

from courseware.cloud.apigw import function_urls, http_api, rest, seams, update_method, urls
from courseware.cloud.apigw.http import Response, StartResponse, WsgiApp, from_environ
from courseware.cloud.endpoint import Endpoint

_PATH_STYLE = re.compile(
    r"^/restapis/(?P<api>[^/]+)/(?P<stage>[^/]+)/_user_request_(?P<rest>/.*)?$"
)
_URL_PATH = re.compile(r"^/_courseware/lambda-url/(?P<id>[^/]+)(?P<rest>/.*)?$")
_EXECUTE_HOST = re.compile(r"^(?P<api>[a-z0-9]+)\.execute-api\.localhost$")
_URL_HOST = re.compile(r"^(?P<id>[a-z0-9]+)\.lambda-url\.[a-z0-9-]+\.localhost$")
_TEST_INVOKE = re.compile(
    r"^/restapis/(?P<api>[^/]+)/resources/(?P<res>[^/]+)/methods/(?P<verb>[A-Z]+)/?$"
)


def install() -> None:
    """Patch moto where function URLs and HTTP API endpoints are handed out."""
    function_urls.install()
    urls.install()


def started(endpoint: Endpoint) -> None:
    """Remember the port for the URLs handed out."""
    function_urls.started(endpoint)
    urls.started(endpoint)


def stopping() -> None:
    """Nothing to release."""


def _raw_path(environ: dict[str, Any]) -> str:
    raw = str(environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/"))
    return raw.split("?", 1)[0]


def _api_answer(
    api_id: str, stage: str | None, rest_path: str, environ: dict[str, Any]
) -> Response:
    domain = f"{api_id}.execute-api.localhost"
    if seams.http_api(api_id) is not None:
        api = seams.http_api(api_id)
        if stage is None:
            first = rest_path.split("/")[1] if rest_path.count("/") >= 1 else ""
            stage = http_api.stage_of(api, first)
            if stage is None:
                return http_api.not_found()
            if stage != "$default":
                rest_path = rest_path[len(stage) + 1 :] or "/"
        return http_api.serve(api_id, stage, from_environ(environ, rest_path or "/"), domain)
    if stage is None:
        _, stage, rest_path = (rest_path + "/").split("/", 2)
        rest_path = "/" + rest_path.rstrip("/") if rest_path.strip("/") else "/"
    return rest.serve(api_id, stage, from_environ(environ, rest_path or "/"), domain)


def _quick_create(app: WsgiApp, environ: dict[str, Any], start_response: StartResponse) -> Any:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    import io

    environ["wsgi.input"] = io.BytesIO(body)
    try:
        params = json.loads(body or b"{}")
    except ValueError:
        params = {}
    if not isinstance(params, dict) or not params.get("target"):
        return app(environ, start_response)
    captured: dict[str, Any] = {}

    def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured.update(status=status, headers=headers)
        return lambda data: None

    chunks = b"".join(app(environ, capture))
    if str(captured.get("status", "")).startswith("2"):
        answer = json.loads(chunks)
        api = seams.http_api(str(answer["apiId"]))
        if api is not None:
            seams.quick_create(
                api, str(params["target"]), params.get("routeKey"), params.get("credentialsArn")
            )
    start_response(captured["status"], captured["headers"])
    return [chunks]


def wrap_app(app: WsgiApp) -> WsgiApp:
    """Serve API stages, function URLs and the missing control-plane calls; pass the rest on."""

    def gateway(environ: dict[str, Any], start_response: StartResponse) -> Any:
        host = str(environ.get("HTTP_HOST", "")).rsplit(":", 1)[0].lower()
        path = str(environ.get("PATH_INFO", "/"))
        method = str(environ.get("REQUEST_METHOD", "GET"))
        if (match := _EXECUTE_HOST.match(host)) is not None:
            answer = _api_answer(match["api"], None, _raw_path(environ), environ)
            return answer.send(start_response)
        if (match := _URL_HOST.match(host)) is not None:
            request = from_environ(environ, _raw_path(environ))
            return function_urls.serve(match["id"], request, host).send(start_response)
        if (match := _PATH_STYLE.match(path)) is not None:
            raw = _raw_path(environ).split("/_user_request_", 1)[-1] or "/"
            return _api_answer(match["api"], match["stage"], raw, environ).send(start_response)
        if (match := _URL_PATH.match(path)) is not None:
            raw = _raw_path(environ).split(match["id"], 1)[-1] or "/"
            request = from_environ(environ, raw)
            return function_urls.serve(match["id"], request, host).send(start_response)
        if method == "POST" and (match := _TEST_INVOKE.match(path)) is not None:
            return _test_invoke(match, environ, start_response)
        if method == "PATCH" and (match := _TEST_INVOKE.match(path)) is not None:
            return _update_method(match, environ, start_response)
        if method == "POST" and path.rstrip("/") == "/v2/apis":
            return _quick_create(app, environ, start_response)
        return app(environ, start_response)

    return gateway


def _test_invoke(
    match: re.Match[str], environ: dict[str, Any], start_response: StartResponse
) -> Any:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    try:
        answer = rest.test_invoke(match["api"], match["res"], match["verb"], body)
    except LookupError as exc:
        error = json.dumps({"message": str(exc)}).encode()
        headers = [("Content-Type", "application/json"), ("x-amzn-ErrorType", "NotFoundException")]
        return Response(404, headers, error).send(start_response)
    return Response(200, [("Content-Type", "application/json")], json.dumps(answer).encode()).send(
        start_response
    )


def _update_method(
    match: re.Match[str], environ: dict[str, Any], start_response: StartResponse
) -> Any:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    answer = update_method.update(match["api"], match["res"], match["verb"], body)
    return answer.send(start_response)
