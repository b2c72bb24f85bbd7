"""Lambda event filtering: an event source mapping's FilterCriteria, as AWS applies them.

A record goes to the function if it matches any of the mapping's filter patterns (the
EventBridge pattern syntax, matched with moto's own matcher). An SQS message body, or a
Kinesis record's base64 ``data``, that holds JSON is matched field by field; other bodies
as plain strings. SQS messages that match nothing are deleted; stream records that match
nothing are skipped. Bad patterns are refused at Create/UpdateEventSourceMapping, and so is an
SQS trigger whose function outlives the queue's visibility timeout (``sqs_visibility_check``).
"""

from __future__ import annotations

import base64
import binascii
import json
from functools import lru_cache
from typing import Any

from courseware.cloud.events import sqs_visibility_check

_originals: dict[str, Any] = {}


@lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...]) -> tuple[Any, ...]:
    from moto.events.models import EventPattern

    return tuple(EventPattern.load(p) for p in patterns)


def _patterns(criteria: Any) -> tuple[str, ...]:
    filters = (criteria or {}).get("Filters") or []
    return tuple(str(f.get("Pattern", "")) for f in filters if isinstance(f, dict))


def _json_or_text(text: str) -> Any:
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, dict) else text


def _view(record: dict[str, Any]) -> dict[str, Any]:
    """The record as filters see it: JSON bodies and Kinesis data decoded."""
    view = dict(record)
    if isinstance(record.get("body"), str):
        view["body"] = _json_or_text(record["body"])
    kinesis = record.get("kinesis")
    if isinstance(kinesis, dict) and isinstance(kinesis.get("data"), str):
        try:
            data = base64.b64decode(kinesis["data"]).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            data = kinesis["data"]
        view["data"] = _json_or_text(data)
    return view


def matches(esm: Any, record: dict[str, Any]) -> bool:
    """Whether ``record`` (a Lambda event record) passes the mapping's filters."""
    patterns = _patterns(esm.filter_criteria)
    if not patterns:
        return True
    view = _view(record)
    return any(p.matches_event(view) for p in _compiled(patterns))


def check(criteria: Any) -> None:
    """Refuse FilterCriteria that AWS would refuse, naming the bad filter.

    Raises:
        InvalidParameterValueException: a pattern is not valid JSON or not a valid pattern.
    """
    from moto.awslambda.exceptions import InvalidParameterValueException
    from moto.events.exceptions import InvalidEventPatternException
    from moto.events.models import EventPattern

    for index, pattern in enumerate(_patterns(criteria), 1):
        try:
            EventPattern.load(pattern)
        except InvalidEventPatternException as exc:
            reason = getattr(exc, "message", None) or str(exc)
            raise InvalidParameterValueException(
                f"FilterCriteria filter {index} ({pattern!r}): {reason}"
            ) from None


def _create(self: Any, spec: dict[str, Any]) -> Any:
    check(spec.get("FilterCriteria"))
    if spec.get("EventSourceArn") and spec.get("FunctionName"):
        sqs_visibility_check.check(self, str(spec["FunctionName"]), str(spec["EventSourceArn"]))
    return _originals["create_event_source_mapping"](self, spec)


def _update(self: Any, uuid: str, spec: dict[str, Any]) -> Any:
    check(spec.get("FilterCriteria"))
    esm = self._event_source_mappings.get(uuid)
    if esm is not None:
        function = str(spec.get("FunctionName") or esm.function_arn)
        sqs_visibility_check.check(self, function, esm.event_source_arn)
    return _originals["update_event_source_mapping"](self, uuid, spec)


def install() -> None:
    """Validate FilterCriteria on create and update (idempotent)."""
    from moto.awslambda.models import LambdaBackend

    if not _originals:
        _originals["create_event_source_mapping"] = LambdaBackend.create_event_source_mapping
        _originals["update_event_source_mapping"] = LambdaBackend.update_event_source_mapping
        LambdaBackend.create_event_source_mapping = _create
        LambdaBackend.update_event_source_mapping = _update


def started(endpoint: Any) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
