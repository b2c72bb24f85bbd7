"""Reading resource policies for SNS deliveries: does this statement let the topic in?

SNS delivers to a queue as the service principal ``sns.amazonaws.com`` calling
``sqs:SendMessage``, and invokes a function as the same principal calling
``lambda:InvokeFunction``; each resource's policy must allow it. A statement counts when it
allows that principal (or everyone) that action on the resource, **scoped** by an
``aws:SourceArn`` condition that covers the topic, as AWS's own examples do (*Fanout to
Amazon SQS queues*, https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html;
*Lambda resource-based policies*,
https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
"""

from __future__ import annotations

import fnmatch
import json
from typing import Any

SNS = "sns.amazonaws.com"
_ARN_OPERATORS = {"arnequals": False, "arnlike": True, "stringequals": False, "stringlike": True}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def statements(policy_text: str | None) -> list[dict[str, Any]]:
    """The statements of a policy document (text), [] for none or unreadable."""
    if not policy_text:
        return []
    try:
        document = json.loads(policy_text)
    except ValueError:
        return []
    if not isinstance(document, dict):
        return []
    return [s for s in _as_list(document.get("Statement")) if isinstance(s, dict)]


def names_principal(statement: dict[str, Any], service: str = SNS) -> bool:
    """The statement's Principal is the service (or everyone)."""
    principal = statement.get("Principal")
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    services = _as_list(principal.get("Service"))
    return service in services or "*" in _as_list(principal.get("AWS"))


def allows_action(statement: dict[str, Any], action: str) -> bool:
    """The statement's Action covers ``action`` (wildcards, case-insensitive)."""
    return any(
        fnmatch.fnmatchcase(action.lower(), str(a).lower())
        for a in _as_list(statement.get("Action"))
    )


def covers_resource(statement: dict[str, Any], arn: str) -> bool:
    """The statement's Resource covers ``arn`` (a Lambda policy may leave it to the function)."""
    resources = _as_list(statement.get("Resource"))
    return not resources or any(fnmatch.fnmatchcase(arn, str(r)) for r in resources)


def source_arns(statement: dict[str, Any]) -> list[tuple[str, bool]]:
    """Every ``aws:SourceArn`` value of the conditions, with whether it may hold wildcards."""
    found: list[tuple[str, bool]] = []
    conditions = statement.get("Condition") or {}
    if not isinstance(conditions, dict):
        return found
    for operator, keys in conditions.items():
        like = _ARN_OPERATORS.get(str(operator).lower())
        if like is None or not isinstance(keys, dict):
            continue
        for key, values in keys.items():
            if str(key).lower() == "aws:sourcearn":
                found.extend((str(v), like) for v in _as_list(values))
    return found


def scoped_to(statement: dict[str, Any], topic_arn: str) -> bool:
    """An ``aws:SourceArn`` condition covers the topic."""
    return any(
        fnmatch.fnmatchcase(topic_arn, value) if like else value == topic_arn
        for value, like in source_arns(statement)
    )


def lets_topic(
    policy: list[dict[str, Any]], action: str, resource_arn: str, topic_arn: str
) -> tuple[bool, str]:
    """Whether the policy lets SNS, for this topic only, do ``action`` on the resource.

    Returns:
        (allowed, why not): the second names what the closest statement lacks.
    """
    candidates = [
        s
        for s in policy
        if s.get("Effect") == "Allow"
        and names_principal(s)
        and allows_action(s, action)
        and covers_resource(s, resource_arn)
    ]
    for statement in policy:
        denies = statement.get("Effect") == "Deny" and allows_action(statement, action)
        if denies and names_principal(statement) and not statement.get("Condition"):
            return False, f"a Deny statement refuses {action} to {SNS}"
    if any(scoped_to(s, topic_arn) for s in candidates):
        return True, ""
    if any(not source_arns(s) for s in candidates):
        return False, (
            f"the Allow has no aws:SourceArn condition, so any topic (of any account) could use "
            f'it: add "Condition": {{"ArnEquals": {{"aws:SourceArn": "{topic_arn}"}}}}'
        )
    if candidates:
        named = ", ".join(v for s in candidates for v, _ in source_arns(s))
        return False, f"its aws:SourceArn names {named}, not {topic_arn}"
    return False, f"no statement allows {SNS} to call {action} on {resource_arn}"
