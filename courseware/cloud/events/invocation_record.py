"""The invocation record Lambda sends to a destination about an invocation.

Asynchronous invocation (OnSuccess / OnFailure destinations) and stream event source
mappings (OnFailure) share its skeleton: ``version``, ``timestamp``, ``requestContext`` and
``responseContext``; each adds its own parts (payloads, or the batch's shard and sequence numbers).
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import Any


def iso_time(epoch: float | None = None) -> str:
    """``epoch`` (now by default) as Lambda writes times in records: ``2026-12-02T12:00:00.000Z``."""
    moment = datetime.fromtimestamp(time.time() if epoch is None else epoch, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def invocation_record(
    function_arn: str, condition: str, attempts: int, result: Any | None
) -> dict[str, Any]:
    """The shared part of an invocation record.

    Args:
        function_arn: The function's ARN as the record names it.
        condition: Why it is sent, e.g. ``Success``, ``RetriesExhausted``, ``RecordAgeExceeded``.
        attempts: How many times the function was invoked for it.
        result: The last invocation's result, or ``None`` when the function never ran for it.
    """
    response: dict[str, Any] = {
        "statusCode": 200,
        "executedVersion": result.executed_version if result is not None else "$LATEST",
    }
    if result is not None and result.function_error:
        response["functionError"] = result.function_error
    return {
        "version": "1.0",
        "timestamp": iso_time(),
        "requestContext": {
            "requestId": result.request_id if result is not None else str(uuid.uuid4()),
            "functionArn": function_arn,
            "condition": condition,
            "approximateInvokeCount": attempts,
        },
        "responseContext": response,
    }
