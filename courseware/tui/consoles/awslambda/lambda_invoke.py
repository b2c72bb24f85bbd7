"""Reading an Invoke response the way the console's Test tab shows it (pure helpers)."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any

_REPORT_FIELDS = ("Duration", "Billed Duration", "Memory Size", "Max Memory Used", "Init Duration")
_FIGURE = re.compile(r"(?P<name>[A-Za-z ]+?):\s*(?P<value>[\d.]+)\s*(?P<unit>ms|MB)")


@dataclass(frozen=True)
class InvokeResult:
    """What one test invocation returned.

    Attributes:
        ok: No ``FunctionError``.
        payload: The response payload as text (pretty JSON when it parses).
        log: The decoded log tail.
        report: REPORT figures by name (e.g. ``"Duration" → "1.23 ms"``), in Lambda's order.
        error_type: ``errorType`` of a failed invocation.
        error_message: ``errorMessage`` of a failed invocation.
        request_id: The RequestId from the log tail.
    """

    ok: bool
    payload: str
    log: str
    report: dict[str, str] = field(default_factory=dict)
    error_type: str = ""
    error_message: str = ""
    request_id: str = ""


def decode_log(log_result: str | None) -> str:
    """The text of an Invoke ``LogResult`` (base64 of the last 4 KB of log)."""
    if not log_result:
        return ""
    try:
        return base64.b64decode(log_result).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        return ""


def parse_report(log: str) -> tuple[dict[str, str], str]:
    """The last REPORT line's figures (name → "value unit") and its RequestId."""
    lines = [line for line in log.splitlines() if line.startswith("REPORT ")]
    if not lines:
        return {}, ""
    line = lines[-1]
    request = re.search(r"RequestId:\s*(\S+)", line)
    found = {m["name"].strip(): f"{m['value']} {m['unit']}" for m in _FIGURE.finditer(line)}
    figures = {name: found[name] for name in _REPORT_FIELDS if name in found}
    return figures, request[1] if request else ""


def pretty_payload(raw: bytes) -> tuple[str, Any]:
    """The payload as pretty JSON text (raw text when it is not JSON) and its parsed value."""
    text = raw.decode("utf-8", errors="replace")
    try:
        value = json.loads(text) if text else None
    except json.JSONDecodeError:
        return text, None
    return json.dumps(value, indent=2, ensure_ascii=False), value


def read_result(payload: bytes, function_error: str | None, log_result: str | None) -> InvokeResult:
    """An :class:`InvokeResult` from Invoke's ``Payload``, ``FunctionError`` and ``LogResult``."""
    text, value = pretty_payload(payload)
    log = decode_log(log_result)
    report, request_id = parse_report(log)
    error_type = error_message = ""
    if function_error:
        if isinstance(value, dict):
            error_type = str(value.get("errorType", function_error))
            error_message = str(value.get("errorMessage", ""))
        else:
            error_type = function_error
    return InvokeResult(
        ok=not function_error,
        payload=text,
        log=log,
        report=report,
        error_type=error_type,
        error_message=error_message,
        request_id=request_id,
    )
