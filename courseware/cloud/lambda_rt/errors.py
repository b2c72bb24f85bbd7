"""Error payloads and exceptions shaped like AWS Lambda's."""

from __future__ import annotations

import json
from typing import Any


class TooManyRequests(Exception):
    """The invocation was throttled (HTTP 429 TooManyRequestsException)."""

    def __init__(self, reason: str) -> None:
        super().__init__("Rate Exceeded.")
        self.reason = reason


class InvalidRequestContent(Exception):
    """The invocation payload is not valid JSON (HTTP 400)."""


def sandbox_error(error_type: str, request_id: str, detail: str) -> dict[str, Any]:
    """A platform error such as a timeout or an out-of-memory kill."""
    return {"errorType": error_type, "errorMessage": f"RequestId: {request_id} Error: {detail}"}


def payload_bytes(error: dict[str, Any]) -> bytes:
    """An error dict serialised the way Lambda returns it."""
    return json.dumps(error).encode("utf-8")


def check_json(payload: bytes) -> None:
    """Reject a payload that is not JSON, with Lambda's message.

    Raises:
        InvalidRequestContent: the payload cannot be parsed.
    """
    if not payload.strip():
        return
    try:
        json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidRequestContent(
            f"Could not parse request body into json: Could not parse payload into json: {exc}"
        ) from None
