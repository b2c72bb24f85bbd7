"""Decide one action on one resource for a role, as AWS does: explicit deny, allow, implicit deny.

The statement matching (wildcards in ``Action``/``NotAction``/``Resource``, conditions) is moto's
own ``moto.iam.access_control.IAMPolicyStatement`` — the engine moto runs in its authorisation
mode — so our decisions agree with moto's wherever moto enforces. This module adds what moto's
``IAMPolicy`` does not report: *which* policy and statement decided, for AWS's error text and the
console's policy simulator. :func:`check_seam` fails loudly if an upgrade moves the engine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

ALLOW = "allowed"
EXPLICIT_DENY = "explicit deny"
IMPLICIT_DENY = "implicit deny"


class PolicyEngineMoved(RuntimeError):
    """moto moved or changed ``IAMPolicyStatement``; pin moto or update evaluate.py."""


@dataclass(frozen=True)
class PolicyDocument:
    """One identity policy of a role: its name (inline) or ARN (managed) and its document."""

    source: str
    document: dict[str, Any]


@dataclass(frozen=True)
class Decision:
    """The outcome, and the policy and statement (index, Sid) that decided it if any."""

    outcome: str
    source: str = ""
    statement: int = -1
    sid: str = ""

    @property
    def allowed(self) -> bool:
        """True only for an explicit Allow with no explicit Deny."""
        return self.outcome == ALLOW


def check_seam() -> None:
    """Raise :class:`PolicyEngineMoved` unless moto's statement engine is where we use it."""
    try:
        from moto.iam.access_control import IAMPolicyStatement, PermissionResult
    except ImportError as exc:  # pragma: no cover - only on a moto upgrade
        raise PolicyEngineMoved(f"moto.iam.access_control moved: {exc}") from exc
    if not callable(getattr(IAMPolicyStatement, "is_action_permitted", None)):
        raise PolicyEngineMoved("IAMPolicyStatement.is_action_permitted is gone")
    if {m.name for m in PermissionResult} != {"PERMITTED", "DENIED", "NEUTRAL"}:
        raise PolicyEngineMoved("moto's PermissionResult values changed")


def _statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    raw = document.get("Statement", [])
    return [raw] if isinstance(raw, dict) else list(raw)


def _matches(statement: dict[str, Any], action: str, resource: str) -> bool:
    """True when moto's engine says the statement applies to (action, resource)."""
    from moto.iam.access_control import IAMPolicyStatement, PermissionResult

    if not statement.get("Resource") and not statement.get("NotResource"):
        return False  # an identity statement without Resource grants nothing
    # Action names are case-insensitive in IAM ("SQS:SendMessage" is sqs:SendMessage); moto
    # matches them as written, so both sides are compared in lower case. Resources keep theirs.
    result = IAMPolicyStatement(_lower_actions(statement)).is_action_permitted(
        action.lower(), resource
    )
    return bool(result != PermissionResult.NEUTRAL)


def _lower_actions(statement: dict[str, Any]) -> dict[str, Any]:
    lowered = dict(statement)
    for key in ("Action", "NotAction"):
        value = lowered.get(key)
        if isinstance(value, str):
            lowered[key] = value.lower()
        elif isinstance(value, list):
            lowered[key] = [str(item).lower() for item in value]
    return lowered


def evaluate(policies: list[PolicyDocument], action: str, resource: str) -> Decision:
    """AWS's order: any matching Deny wins; else any matching Allow; else implicit deny."""
    allow: Decision | None = None
    for policy in policies:
        for index, statement in enumerate(_statements(policy.document)):
            if not _matches(statement, action, resource):
                continue
            sid = str(statement.get("Sid", ""))
            if statement.get("Effect") == "Deny":
                return Decision(EXPLICIT_DENY, policy.source, index, sid)
            if allow is None and statement.get("Effect") == "Allow":
                allow = Decision(ALLOW, policy.source, index, sid)
    return allow or Decision(IMPLICIT_DENY)


def role_policies(iam_backend: Any, role_name: str) -> list[PolicyDocument]:
    """A role's inline and attached managed policies (incl. AWS managed) from moto's IAM backend."""
    found: list[PolicyDocument] = []
    for name in iam_backend.list_role_policies(role_name):
        _, document = iam_backend.get_role_policy(role_name, name)
        found.append(PolicyDocument(str(name), _as_dict(document)))
    attached, _ = iam_backend.list_attached_role_policies(role_name)
    for policy in attached:
        version = next(v for v in policy.versions if v.is_default)
        found.append(PolicyDocument(str(policy.arn), _as_dict(version.document)))
    return found


def _as_dict(document: Any) -> dict[str, Any]:
    parsed = json.loads(document) if isinstance(document, str) else document
    return dict(parsed)


def denied_message(principal_arn: str, action: str, resource: str, decision: Decision) -> str:
    """AWS's AccessDenied text for a denied decision."""
    head = f"User: {principal_arn} is not authorized to perform: {action} on resource: {resource}"
    if decision.outcome == EXPLICIT_DENY:
        return f"{head} with an explicit deny in an identity-based policy"
    return f"{head} because no identity-based policy allows the {action} action"


def assumed_role_arn(account_id: str, role_name: str, session_name: str) -> str:
    """``arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION``, the identity a handler runs as."""
    return f"arn:aws:sts::{account_id}:assumed-role/{role_name}/{session_name}"
