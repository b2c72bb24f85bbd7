"""Pure helpers for the SNS console: names, filter policies, subscriptions, access, publish."""

from __future__ import annotations

import json
from typing import Any

from courseware.tui.consoles.common.form_fields import FormError

FILTER_SCOPES = ("MessageAttributes", "MessageBody")
PROTOCOLS = ("sqs", "lambda")
SNS_PRINCIPAL = "sns.amazonaws.com"
MAX_FILTER_KEYS = 5  # AWS: a filter policy can have at most five keys


def topic_name_problem(name: str, fifo: bool) -> str | None:
    """Why ``name`` cannot name a topic of this type, or None if it can."""
    if not name:
        return "Enter a topic name."
    base = name.removesuffix(".fifo")
    if len(name) > 256 or not base or not all(c.isalnum() or c in "-_" for c in base):
        return "Up to 256 characters: letters, digits, hyphens and underscores."
    if fifo != name.endswith(".fifo"):
        return "A FIFO topic's name must end in .fifo; a standard topic's must not."
    return None


def topic_request(name: str, fifo: bool, content_dedup: bool = False) -> dict[str, Any]:
    """``create_topic`` parameters (content-based deduplication for a FIFO topic).

    Raises:
        FormError: the name does not fit the type.
    """
    problem = topic_name_problem(name, fifo)
    if problem:
        raise FormError(problem)
    params: dict[str, Any] = {"Name": name}
    if fifo:
        params["Attributes"] = {"FifoTopic": "true"}
        if content_dedup:
            params["Attributes"]["ContentBasedDeduplication"] = "true"
    return params


def last_part(arn: str) -> str:
    """The name at the end of an ARN (a topic, queue or function)."""
    return arn.rsplit(":", 1)[-1]


def function_of(endpoint: str) -> str:
    """The function name in a Lambda endpoint ARN (a qualifier dropped)."""
    parts = endpoint.split(":")
    return parts[6] if len(parts) > 6 else endpoint


def _check_values(key: str, value: Any, path: str) -> None:
    where = f"{path}{key}"
    if isinstance(value, dict):
        if not value:
            raise FormError(f'Filter policy key "{where}" maps to an empty object.')
        for inner, nested in value.items():
            _check_values(inner, nested, f"{where}.")
        return
    if not isinstance(value, list):
        raise FormError(
            f'Filter policy key "{where}" must map to a list of values, e.g. ["{value}"].'
        )
    if not value:
        raise FormError(f'Filter policy key "{where}" has an empty list: name at least one value.')


def filter_policy(text: str) -> dict[str, Any]:
    """The filter policy typed as JSON: an object whose values are lists (or nested objects).

    Raises:
        FormError: not JSON (with line and column), or not shaped like a filter policy.
    """
    try:
        policy = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormError(
            f"Filter policy is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}."
        ) from None
    if not isinstance(policy, dict) or not policy:
        raise FormError('A filter policy is a JSON object, e.g. {"event_type": ["order_placed"]}.')
    if len(policy) > MAX_FILTER_KEYS:
        raise FormError(f"A filter policy can have at most {MAX_FILTER_KEYS} keys.")
    for key, value in policy.items():
        _check_values(key, value, "")
    return policy


def subscription_attributes(
    policy_text: str, scope: str = "MessageAttributes", raw: bool = False
) -> dict[str, str]:
    """``Attributes`` for ``subscribe``: raw delivery, filter policy and its scope.

    Raises:
        FormError: bad policy or scope.
    """
    if scope not in FILTER_SCOPES:
        raise FormError(f"Filter policy scope must be one of {', '.join(FILTER_SCOPES)}.")
    attributes = {"RawMessageDelivery": "true"} if raw else {}
    if policy_text.strip():
        attributes["FilterPolicy"] = json.dumps(filter_policy(policy_text))
        attributes["FilterPolicyScope"] = scope
    return attributes


def attribute_changes(
    current: dict[str, str], policy_text: str, scope: str, raw: bool, protocol: str
) -> list[tuple[str, str]]:
    """The ``set_subscription_attributes`` calls (name, value) that turn ``current`` into the form.

    The scope is set before the policy (AWS validates a policy for its scope); an empty box
    removes the policy.

    Raises:
        FormError: bad policy or scope.
    """
    wanted = subscription_attributes(policy_text, scope, raw)
    changes: list[tuple[str, str]] = []
    if protocol == "sqs" and (current.get("RawMessageDelivery") == "true") != raw:
        changes.append(("RawMessageDelivery", "true" if raw else "false"))
    policy = wanted.get("FilterPolicy", "")
    if policy and current.get("FilterPolicyScope", "MessageAttributes") != scope:
        changes.append(("FilterPolicyScope", scope))
    old = current.get("FilterPolicy", "")
    if (json.loads(old) if old else None) != (json.loads(policy) if policy else None):
        changes.append(("FilterPolicy", policy))
    return changes


def subscription_row(sub: dict[str, Any], attributes: dict[str, str]) -> tuple[str, ...]:
    """(protocol, endpoint, raw, filter) for the subscriptions table."""
    protocol = str(sub.get("Protocol", ""))
    endpoint = str(sub.get("Endpoint", ""))
    name = function_of(endpoint) if protocol == "lambda" else last_part(endpoint)
    raw = "yes" if attributes.get("RawMessageDelivery") == "true" else "no"
    policy = attributes.get("FilterPolicy") or ""
    if policy:
        scope = attributes.get("FilterPolicyScope", "MessageAttributes")
        shown = f"{json.dumps(json.loads(policy), separators=(',', ':'))} ({scope})"
    else:
        shown = "none (every message)"
    return protocol, name, raw if protocol == "sqs" else "-", shown


def pretty_policy(attributes: dict[str, str]) -> str:
    """The subscription's filter policy, indented for the editor ('' when it has none)."""
    policy = attributes.get("FilterPolicy") or ""
    return json.dumps(json.loads(policy), indent=2) if policy else ""


def _statements(policy_text: str | None) -> tuple[dict[str, Any], list[Any]]:
    document: dict[str, Any] = {"Version": "2012-10-17", "Statement": []}
    if policy_text:
        try:
            loaded = json.loads(policy_text)
        except ValueError:
            loaded = None
        if isinstance(loaded, dict):
            document = loaded
    statements = document.get("Statement", [])
    statements = statements if isinstance(statements, list) else [statements]
    return document, statements


def queue_policy_with_topic(policy_text: str | None, queue_arn: str, topic_arn: str) -> str | None:
    """The queue's access policy with a statement letting the topic send, or None if it has one.

    The statement is AWS's: Allow ``sns.amazonaws.com`` ``sqs:SendMessage`` on the queue with
    ``ArnEquals aws:SourceArn`` = the topic. Other statements are kept.
    """
    document, statements = _statements(policy_text)
    sid = f"allow-sns-{last_part(topic_arn)}"[:100]
    for statement in statements:
        if isinstance(statement, dict) and statement.get("Sid") == sid:
            return None
    statements.append(
        {
            "Sid": sid,
            "Effect": "Allow",
            "Principal": {"Service": SNS_PRINCIPAL},
            "Action": "sqs:SendMessage",
            "Resource": queue_arn,
            "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
        }
    )
    document["Statement"] = statements
    return json.dumps(document)


def invoke_permission(function_name: str, topic_arn: str) -> dict[str, str]:
    """``lambda.add_permission`` parameters letting the topic invoke the function."""
    return {
        "FunctionName": function_name,
        "StatementId": f"sns-{last_part(topic_arn)}"[:100],
        "Action": "lambda:InvokeFunction",
        "Principal": SNS_PRINCIPAL,
        "SourceArn": topic_arn,
    }


def message_attributes(text: str) -> dict[str, dict[str, str]]:
    """Publish ``MessageAttributes`` from ``key=value`` lines (numbers become Number).

    Raises:
        FormError: a line is not ``key=value``.
    """
    attributes: dict[str, dict[str, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise FormError(f"Attribute line {number} must look like key=value.")
        value = value.strip()
        kind = "Number" if value.lstrip("-").replace(".", "", 1).isdigit() else "String"
        attributes[key.strip()] = {"DataType": kind, "StringValue": value}
    return attributes


def publish_request(
    topic_arn: str,
    message: str,
    subject: str,
    attributes_text: str,
    group: str = "",
    dedup: str = "",
) -> dict[str, Any]:
    """``publish`` parameters from the form (a FIFO topic needs a message group; its
    deduplication id is optional when the topic has content-based deduplication).

    Raises:
        FormError: no message, a bad attribute line, or no group for a FIFO topic.
    """
    if not message.strip():
        raise FormError("Enter the message to publish.")
    params: dict[str, Any] = {"TopicArn": topic_arn, "Message": message}
    if subject.strip():
        params["Subject"] = subject.strip()
    attributes = message_attributes(attributes_text)
    if attributes:
        params["MessageAttributes"] = attributes
    if topic_arn.endswith(".fifo"):
        if not group.strip():
            raise FormError("A FIFO topic needs a message group id.")
        params["MessageGroupId"] = group.strip()
        if dedup.strip():
            params["MessageDeduplicationId"] = dedup.strip()
    return params
