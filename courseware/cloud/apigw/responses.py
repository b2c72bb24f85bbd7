"""Turning what a Lambda proxy integration returned into the HTTP answer, as API Gateway does.

REST APIs (and HTTP API payload 1.0) need ``{"statusCode", "headers", "multiValueHeaders",
"body", "isBase64Encoded"}`` and nothing else; anything else is a 502 "Internal server error"
(HTTP APIs answer 500). Payload 2.0 also accepts any JSON value, sent as a 200 JSON body.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from courseware.cloud.apigw.http import Response, json_response

_V1_KEYS = {"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"}
_V2_KEYS = _V1_KEYS | {"cookies"}


class MalformedResponse(ValueError):
    """The handler's answer is not a valid proxy response (the reason, as the gateway logs it)."""


def rest_error() -> Response:
    """REST API's answer to a failed or malformed integration."""
    return json_response(
        502, "Internal server error", [("x-amzn-ErrorType", "InternalServerErrorException")]
    )


def http_error() -> Response:
    """HTTP API's answer to a failed or malformed integration."""
    return json_response(500, "Internal Server Error")


def _decode_body(body: Any, encoded: Any) -> bytes:
    if body is None:
        return b""
    if not isinstance(body, str):
        raise MalformedResponse("body must be a string")
    return base64.b64decode(body) if encoded is True else body.encode("utf-8")


def _status(value: Any) -> int:
    try:
        status = int(value)
    except (TypeError, ValueError):
        raise MalformedResponse(f"statusCode {value!r} is not a number") from None
    if not 100 <= status <= 599:
        raise MalformedResponse(f"statusCode {status} is out of range")
    return status


def _headers(result: dict[str, Any]) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = []
    single = result.get("headers") or {}
    multi = result.get("multiValueHeaders") or {}
    if not isinstance(single, dict) or not isinstance(multi, dict):
        raise MalformedResponse("headers must be an object")
    for key, value in single.items():
        if key not in multi:
            headers.append((str(key), str(value)))
    for key, values in multi.items():
        if not isinstance(values, list):
            raise MalformedResponse("multiValueHeaders values must be lists")
        headers.extend((str(key), str(v)) for v in values)
    return headers


def proxy_v1(payload: bytes) -> Response:
    """Payload format 1.0 response mapping.

    Raises:
        MalformedResponse: the answer does not follow the format.
    """
    try:
        result = json.loads(payload or b"null")
    except ValueError:
        raise MalformedResponse("the response is not JSON") from None
    if not isinstance(result, dict) or not set(result) <= _V1_KEYS:
        raise MalformedResponse("Malformed Lambda proxy response")
    body = _decode_body(result.get("body"), result.get("isBase64Encoded"))
    return Response(_status(result.get("statusCode", 200)), _headers(result), body)


def proxy_v2(payload: bytes) -> Response:
    """Payload format 2.0 response mapping (function URLs use it too).

    Raises:
        MalformedResponse: the answer has a ``statusCode`` but is otherwise malformed.
    """
    try:
        result = json.loads(payload or b"null")
    except ValueError:
        raise MalformedResponse("the response is not JSON") from None
    if not isinstance(result, dict) or "statusCode" not in result:
        body = payload if isinstance(result, str) is False else str(result).encode("utf-8")
        return Response(200, [("Content-Type", "application/json")], body)
    if not set(result) <= _V2_KEYS:
        raise MalformedResponse("Malformed Lambda proxy response")
    headers = _headers(result)
    if not any(k.lower() == "content-type" for k, _ in headers):
        headers.append(("Content-Type", "application/json"))
    headers.extend(("Set-Cookie", str(c)) for c in result.get("cookies") or [])
    body = _decode_body(result.get("body"), result.get("isBase64Encoded"))
    return Response(_status(result["statusCode"]), headers, body)
