"""Whether a resource policy lets an AWS service principal act, as AWS decides it.

A service (S3, SNS, API Gateway) that calls a function or sends to a queue or topic needs the
target's resource-based policy to allow it: ``lambda add-permission --principal
s3.amazonaws.com`` or a queue/topic policy naming the service. AWS evaluates the statements in
its usual order (an explicit Deny wins, else an Allow is needed) and the conditions against the
request's context: ``aws:SourceArn`` (the bucket, topic or API method) and ``aws:SourceAccount``.
See https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html and
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

moto's ``IAMPolicyStatement`` is not used here: it matches actions case-sensitively
(``SQS:SendMessage`` is how SQS writes them), checks only ``AWS`` principals and reads no
request context, so a service principal and its ``SourceArn`` condition could not be decided.
"""

from __future__ import annotations

import json
import re
from typing import Any


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _glob(pattern: str, text: str, *, ignore_case: bool = False) -> bool:
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, text, re.IGNORECASE | re.S if ignore_case else re.S) is not None


def _principal_matches(statement: dict[str, Any], service: str) -> bool:
    if "NotPrincipal" in statement:
        return not _principal_matches({"Principal": statement["NotPrincipal"]}, service)
    principal = statement.get("Principal")
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    return service in _listed(principal.get("Service")) or "*" in _listed(principal.get("AWS"))


def _element_matches(statement: dict[str, Any], key: str, value: str, ignore_case: bool) -> bool:
    if key in statement:
        return any(_glob(p, value, ignore_case=ignore_case) for p in _listed(statement[key]))
    negated = f"Not{key}"
    if negated in statement:
        return not any(
            _glob(p, value, ignore_case=ignore_case) for p in _listed(statement[negated])
        )
    return False


def _test(operator: str, wanted: list[str], actual: str) -> bool:
    if operator in {"StringEquals", "ArnEquals"}:
        return actual in wanted
    if operator == "StringEqualsIgnoreCase":
        return actual.lower() in {w.lower() for w in wanted}
    if operator in {"StringLike", "ArnLike"}:
        return any(_glob(w, actual) for w in wanted)
    if operator == "StringNotEquals":
        return actual not in wanted
    if operator == "StringNotEqualsIgnoreCase":
        return actual.lower() not in {w.lower() for w in wanted}
    if operator in {"StringNotLike", "ArnNotLike", "ArnNotEquals"}:
        return not any(_glob(w, actual) for w in wanted)
    return False  # an operator we do not evaluate never grants


def _conditions_hold(statement: dict[str, Any], context: dict[str, str]) -> bool:
    """Every condition block holds for ``context`` (keys compared case-insensitively)."""
    known = {k.lower(): v for k, v in context.items()}
    for raw_operator, block in (statement.get("Condition") or {}).items():
        operator = str(raw_operator).split(":", 1)[-1]  # ForAnyValue:/ForAllValues: (one value)
        if_exists = operator.endswith("IfExists")
        operator = operator.removesuffix("IfExists")
        for key, wanted in dict(block).items():
            actual = known.get(str(key).lower())
            if operator == "Null":
                if (actual is None) != (_listed(wanted)[0].lower() == "true"):
                    return False
                continue
            if actual is None:
                if not (if_exists or "Not" in operator):  # a negated test holds on no key
                    return False
                continue
            if not _test(operator, _listed(wanted), actual):
                return False
    return True


def statements(document: Any) -> list[dict[str, Any]]:
    """The statements of a policy given as JSON text or a dict (none for an empty policy)."""
    if not document:
        return []
    parsed = json.loads(document) if isinstance(document, (str, bytes)) else document
    raw = parsed.get("Statement", []) if isinstance(parsed, dict) else []
    return [s for s in ([raw] if isinstance(raw, dict) else raw) if isinstance(s, dict)]


def service_allowed(
    document: Any, service: str, action: str, resource: str, context: dict[str, str]
) -> bool:
    """Whether ``service`` (``s3.amazonaws.com``) may do ``action`` on ``resource``."""
    allowed = False
    for statement in statements(document):
        if not (
            _principal_matches(statement, service)
            and _element_matches(statement, "Action", action, ignore_case=True)
            and _element_matches(statement, "Resource", resource, ignore_case=False)
            and _conditions_hold(statement, context)
        ):
            continue
        if statement.get("Effect") == "Deny":
            return False
        allowed = allowed or statement.get("Effect") == "Allow"
    return allowed


def source_context(source_arn: str, source_account: str) -> dict[str, str]:
    """The request context a service sends with its call on a resource's behalf."""
    return {"aws:SourceArn": source_arn, "aws:SourceAccount": source_account}
