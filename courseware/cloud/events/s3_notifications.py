"""S3 event notifications as S3 sends them (moto's seams: the body parser, the event builder).

moto 5.2 parses PutBucketNotificationConfiguration in ``S3Response._notification_config_from_body``
and validates each filter rule with a bare ``assert``: a rule named ``Prefix`` or a rule named
anything else fails with HTTP 500, and two rules of one kind or two configurations that could
both match one object are accepted. S3 answers ``InvalidArgument`` for those with its own
texts (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html).
This wrapper validates first, then hands moto the rule names in lower case, which is what its
matcher (``Notification._key_matches``) compares.

The event's ``s3.object.key`` is URL-encoded with spaces as ``+`` ("red flower.jpg" becomes
"red+flower.jpg", https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html)
but keeps its slashes; moto's ``quote_plus`` also encodes ``/`` as ``%2F``
(``notifications._get_s3_event`` is wrapped to encode the key as S3 does).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote_plus

from courseware.cloud.endpoint import Endpoint

_patched: dict[str, Any] = {}
KINDS = ("Topic", "Queue", "CloudFunction")
BAD_NAME = "filter rule name must be either prefix or suffix"
OVERLAP = (
    "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the "
    "prefixes are overlapping for the same event type."
)


class S3NotificationSeamError(RuntimeError):
    """moto moved the notification parser; pin moto or update s3_notifications.py."""


def _listed(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _configurations(parsed: dict[str, Any]) -> Iterator[dict[str, Any]]:
    root = parsed.get("NotificationConfiguration") or {}
    if not isinstance(root, dict):
        return
    for kind in KINDS:
        for entry in _listed(root.get(f"{kind}Configuration")):
            if isinstance(entry, dict):
                yield entry


def _invalid(message: str, value: str) -> Exception:
    from moto.s3.exceptions import InvalidArgumentError

    error: Exception = InvalidArgumentError(message, "FilterRule.Name", value)
    return error


def normalise_rules(config: dict[str, Any]) -> dict[str, str]:
    """Lower-case ``config``'s filter rule names in place; return {"prefix": …, "suffix": …}.

    Raises S3's InvalidArgument for a name other than prefix/suffix or a repeated one.
    """
    key_filter = (config.get("Filter") or {}).get("S3Key") or {}
    rules: dict[str, str] = {}
    for rule in _listed(key_filter.get("FilterRule") if isinstance(key_filter, dict) else None):
        name = str(rule.get("Name") or "")
        lowered = name.lower()
        if lowered not in ("prefix", "suffix"):
            raise _invalid(BAD_NAME, name)
        if lowered in rules:
            raise _invalid(f"Cannot specify more than one {lowered} rule in a filter.", name)
        rule["Name"] = lowered
        rules[lowered] = str(rule.get("Value") or "")
    return rules


def _events_overlap(first: list[str], second: list[str]) -> bool:
    def family(event: str) -> str:
        return ":".join(event.split(":")[:2])

    for a in first:
        for b in second:
            if a == b or (family(a) == family(b) and (a.endswith(":*") or b.endswith(":*"))):
                return True
    return False


def overlaps(
    first: tuple[list[str], dict[str, str]], second: tuple[list[str], dict[str, str]]
) -> bool:
    """Whether two (events, rules) could both match one event for one object key."""
    (events_a, rules_a), (events_b, rules_b) = first, second
    if not _events_overlap(events_a, events_b):
        return False
    pa, pb = rules_a.get("prefix", ""), rules_b.get("prefix", "")
    sa, sb = rules_a.get("suffix", ""), rules_b.get("suffix", "")
    return (pa.startswith(pb) or pb.startswith(pa)) and (sa.endswith(sb) or sb.endswith(sa))


def validate(parsed: dict[str, Any]) -> None:
    """Check (and normalise) every configuration of a parsed NotificationConfiguration."""
    seen: list[tuple[list[str], dict[str, str]]] = []
    for config in _configurations(parsed):
        current = ([str(e) for e in _listed(config.get("Event"))], normalise_rules(config))
        if any(overlaps(current, earlier) for earlier in seen):
            raise _invalid(OVERLAP, "")
        seen.append(current)


def _from_body(self: Any) -> dict[str, Any]:
    import xmltodict

    body = self.body
    if body:
        parsed = xmltodict.parse(body)
        validate(parsed)
        self.body = xmltodict.unparse(parsed)
    result: dict[str, Any] = _patched["from_body"](self)
    return result


def event_key(name: str) -> str:
    """An object key as an S3 event record carries it (URL-encoded, ``+`` for space, ``/`` kept)."""
    return quote_plus(name, safe="/")


def _s3_event(event_name: str, bucket: Any, key: Any, notification_id: str) -> dict[str, Any]:
    event: dict[str, Any] = _patched["s3_event"](event_name, bucket, key, notification_id)
    for record in event.get("Records", []):
        record["s3"]["object"]["key"] = event_key(str(key.name))
    return event


def install() -> None:
    """Wrap moto's notification body parser and event builder (idempotent); fail loudly if moved."""
    from moto.s3 import notifications
    from moto.s3.responses import S3Response

    if _patched:
        return
    original = getattr(S3Response, "_notification_config_from_body", None)
    builder = getattr(notifications, "_get_s3_event", None)
    if original is None or builder is None:
        raise S3NotificationSeamError("moto's S3 notification parser or event builder is gone")
    _patched["from_body"] = original
    _patched["s3_event"] = builder
    S3Response._notification_config_from_body = _from_body
    notifications._get_s3_event = _s3_event


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
