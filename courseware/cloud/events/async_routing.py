"""Where an asynchronous event goes when it is done: destinations and the dead-letter queue.

AWS (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html):
a destination gets an invocation record (request and response, why it was sent, how many
times the function ran); a dead-letter queue gets the event as it came, with the attributes
RequestID, ErrorCode (the 3-digit HTTP status) and ErrorMessage (its first 1 KB).
Destinations can be configured "in addition to or instead of a dead-letter queue": an event
that fails is sent to both. Each is sent as the function's execution role (``may_send``).
"""

from __future__ import annotations

import json
from typing import Any

from courseware.cloud.events.backends import send_to_arn
from courseware.cloud.events.invocation_record import invocation_record
from courseware.cloud.iam.send_permissions import may_send


def verdict(failed: bool, attempts: int, max_retries: int, age: float, max_age: float) -> str:
    """What happens to an event after ``attempts`` runs (the last ``failed`` or not).

    ``Success``, ``retry``, ``RetriesExhausted`` or ``EventAgeExceeded``.
    """
    if not failed:
        return "Success"
    if age >= max_age:
        return "EventAgeExceeded"
    return "retry" if attempts <= max_retries else "RetriesExhausted"


def _json_or_text(raw: bytes | None, empty: bytes) -> Any:
    try:
        return json.loads(raw or empty)
    except ValueError:
        return (raw or b"").decode("utf-8", "replace")


def route(
    config: dict[str, Any],
    key: str,
    fn: Any,
    payload: bytes,
    attempts: int,
    result: Any | None,
    condition: str,
) -> bool:
    """Send the invocation record to the ``key`` (OnSuccess/OnFailure) destination, if any."""
    target = config.get("DestinationConfig", {}).get(key, {}).get("Destination")
    if not target:
        return False
    version = result.executed_version if result is not None else "$LATEST"
    record = invocation_record(f"{fn.function_arn}:{version}", condition, attempts, result)
    record["requestPayload"] = _json_or_text(payload, b"{}")
    if result is not None:
        record["responsePayload"] = _json_or_text(result.payload, b"null")
    detail = "Success" if key == "OnSuccess" else "Failure"
    if may_send(fn, str(target)):  # sent as the execution role: a denied record is lost
        send_to_arn(str(target), json.dumps(record), detail_type=detail)
    return True


def dead_letter(fn: Any, payload: bytes, request_id: str, result: Any | None) -> None:
    """Send the event as it came to the function's DeadLetterConfig target, if any."""
    target = getattr(fn, "courseware_dead_letter_arn", None)
    if not target or not may_send(fn, str(target)):
        return
    error = _json_or_text(result.payload if result is not None else None, b"{}")
    message = str(error.get("errorMessage", "")) if isinstance(error, dict) else str(error)
    attributes = {
        "RequestID": request_id,
        "ErrorCode": "200",
        "ErrorMessage": message.encode("utf-8")[:1024].decode("utf-8", "ignore"),
    }
    send_to_arn(str(target), payload.decode("utf-8", "replace"), attributes)
