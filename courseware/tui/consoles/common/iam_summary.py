"""Reading IAM policy documents for display: pretty JSON and actions per resource (pure)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote


class PolicyError(Exception):
    """A policy document is not valid; the message says where."""


def as_document(value: Any) -> dict[str, Any]:
    """A policy document from what IAM returns (a dict, or URL-encoded / plain JSON text)."""
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        for text in (value, unquote(value)):
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError:
                continue
            if isinstance(parsed, dict):
                return parsed
    return {}


def pretty(value: Any) -> str:
    """A policy document as indented JSON."""
    return json.dumps(as_document(value), indent=2)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def actions_by_resource(document: Any) -> dict[str, list[str]]:
    """Allowed actions grouped by resource (``Deny`` statements are marked ``deny:``)."""
    grouped: dict[str, list[str]] = {}
    statements = as_document(document).get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    for statement in statements if isinstance(statements, list) else []:
        if not isinstance(statement, dict):
            continue
        prefix = "deny:" if statement.get("Effect") == "Deny" else ""
        actions = [prefix + a for a in _as_list(statement.get("Action"))]
        for resource in _as_list(statement.get("Resource")) or ["*"]:
            bucket = grouped.setdefault(resource, [])
            bucket.extend(a for a in actions if a not in bucket)
    return grouped


def trusted_services(document: Any) -> list[str]:
    """The service principals a trust policy names."""
    services: list[str] = []
    statements = as_document(document).get("Statement", [])
    for statement in statements if isinstance(statements, list) else []:
        principal = statement.get("Principal", {}) if isinstance(statement, dict) else {}
        if isinstance(principal, dict):
            services.extend(_as_list(principal.get("Service")))
            services.extend(_as_list(principal.get("AWS")))
        elif isinstance(principal, str):
            services.append(principal)
    return services


def validate_policy(text: str) -> dict[str, Any]:
    """Parse and check a permissions policy typed by the learner.

    Raises:
        PolicyError: not JSON (line/column given) or not shaped like a policy.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyError(
            f"Not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    if not isinstance(document, dict):
        raise PolicyError("A policy is a JSON object with Version and Statement.")
    statements = document.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise PolicyError('The policy needs a "Statement" list.')
    for number, statement in enumerate(statements, start=1):
        if not isinstance(statement, dict):
            raise PolicyError(f"Statement {number} is not an object.")
        if statement.get("Effect") not in ("Allow", "Deny"):
            raise PolicyError(f'Statement {number}: "Effect" must be "Allow" or "Deny".')
        if "Action" not in statement and "NotAction" not in statement:
            raise PolicyError(f'Statement {number} needs an "Action".')
        if "Resource" not in statement and "NotResource" not in statement:
            raise PolicyError(f'Statement {number} needs a "Resource".')
    return document
