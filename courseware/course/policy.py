"""Evaluating IAM policy documents the way a check needs: does this role allow that action?

A simplified form of IAM's evaluation logic for identity policies: an explicit
Deny wins, otherwise any matching Allow allows; ``Action``/``NotAction`` and
``Resource``/``NotResource`` support ``*`` and ``?`` wildcards; conditions are
treated as satisfied. That is enough to tell a learner which permission is missing.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _matches(patterns: Iterable[str], value: str, case_insensitive: bool) -> bool:
    for pattern in patterns:
        if case_insensitive:
            if fnmatch.fnmatchcase(value.lower(), pattern.lower()):
                return True
        elif fnmatch.fnmatchcase(value, pattern):
            return True
    return False


def parse_document(document: Any) -> dict[str, Any]:
    """A policy document as a dict (boto3 returns dicts; some callers have URL-encoded JSON)."""
    if isinstance(document, dict):
        return document
    return dict(json.loads(unquote(str(document))))


def _statement_applies(statement: dict[str, Any], action: str, resource: str) -> bool:
    if "Action" in statement:
        action_ok = _matches(_as_list(statement["Action"]), action, True)
    else:
        action_ok = not _matches(_as_list(statement.get("NotAction")), action, True)
    if resource == "*":  # "on any resource": the action is granted somewhere
        resource_ok = True
    elif "Resource" in statement:
        resource_ok = _matches(_as_list(statement["Resource"]), resource, False)
    elif "NotResource" in statement:
        resource_ok = not _matches(_as_list(statement["NotResource"]), resource, False)
    else:
        resource_ok = True
    return action_ok and resource_ok


def evaluate(documents: Iterable[Any], action: str, resource: str = "*") -> str:
    """'allowed', 'denied' (explicit Deny) or 'implicit-deny' for one action on one resource.

    ``resource="*"`` asks whether the action is granted on any resource at all.
    """
    allowed = False
    for document in documents:
        statements = parse_document(document).get("Statement", [])
        for statement in statements if isinstance(statements, list) else [statements]:
            if not _statement_applies(statement, action, resource):
                continue
            if statement.get("Effect") == "Deny":
                return "denied"
            if statement.get("Effect") == "Allow":
                allowed = True
    return "allowed" if allowed else "implicit-deny"


def trusts_service(trust_policy: Any, service: str) -> bool:
    """True when a role's trust policy lets ``service`` (e.g. lambda.amazonaws.com) assume it."""
    for statement in _as_list_of_dicts(parse_document(trust_policy).get("Statement", [])):
        if statement.get("Effect") != "Allow":
            continue
        if not _matches(_as_list(statement.get("Action")), "sts:AssumeRole", True):
            continue
        principal = statement.get("Principal", {})
        services = _as_list(principal.get("Service")) if isinstance(principal, dict) else []
        if service in services or principal == "*":
            return True
    return False


def _as_list_of_dicts(value: Any) -> list[dict[str, Any]]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]
