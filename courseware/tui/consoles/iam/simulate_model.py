"""What the policy simulator's answer says, in words (Textual-free)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = {
    "role": "inline",
    "user": "inline",
    "group": "group inline",
    "aws-managed": "AWS managed",
    "user-managed": "customer managed",
}


class SimulateInputError(ValueError):
    """The action or resource typed cannot be simulated."""


@dataclass(frozen=True)
class Verdict:
    """One EvaluationResult: allowed or not, and the line the console shows."""

    allowed: bool
    text: str


def request(role_arn: str, action: str, resource: str) -> dict[str, Any]:
    """SimulatePrincipalPolicy's parameters; the resource defaults to ``*``."""
    action, resource = action.strip(), resource.strip() or "*"
    if ":" not in action or action.startswith(":") or action.endswith(":"):
        raise SimulateInputError("Type an action as service:Action, e.g. dynamodb:PutItem.")
    if resource != "*" and not resource.startswith("arn:"):
        raise SimulateInputError("Type a resource ARN (arn:aws:…) or leave it empty for *.")
    return {"PolicySourceArn": role_arn, "ActionNames": [action], "ResourceArns": [resource]}


def _sources(result: dict[str, Any]) -> str:
    named = [
        f"{m.get('SourcePolicyId', '?')} ({KINDS.get(str(m.get('SourcePolicyType')), 'policy')})"
        for m in result.get("MatchedStatements", [])
    ]
    return ", ".join(dict.fromkeys(named))


def verdict(result: dict[str, Any]) -> Verdict:
    """The console's line for one EvaluationResult."""
    action = str(result.get("EvalActionName", ""))
    resource = str(result.get("EvalResourceName", "*"))
    decision = str(result.get("EvalDecision", ""))
    head = f"{action} on {resource}:"
    if decision == "allowed":
        return Verdict(True, f"{head} allowed by {_sources(result)}")
    if decision == "explicitDeny":
        return Verdict(False, f"{head} denied by an explicit Deny in {_sources(result)}")
    return Verdict(False, f"{head} denied (implicitly): no statement of this role allows it")
