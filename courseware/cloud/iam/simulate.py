"""IAM's policy simulator, ``SimulatePrincipalPolicy``, which moto lacks.

The seam is one method added to moto's ``IamResponse`` (``simulate_principal_policy``; moto
dispatches an action to the method of its snake_case name and serialises the
``ActionResult`` with botocore's model of the operation). Decisions come from
:func:`courseware.cloud.iam.evaluate.evaluate`, the function enforcement uses, so the
simulator answers what a handler or a state machine would meet. As on AWS
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html and
API_EvaluationResult.html): ``EvalDecision`` is ``allowed``, ``explicitDeny`` or
``implicitDeny``; ``MatchedStatements`` lists every matching Allow statement, or only the
Deny that decided; each names its ``SourcePolicyId`` (the policy's name) and
``SourcePolicyType`` (``role``/``user``/``group`` inline, ``aws-managed``, ``user-managed``).
Not simulated: ``PolicyInputList``, ``ContextEntries``, resource policies, permissions
boundaries; statement positions are left out (optional in the API).
:func:`check_seam` fails loudly if moto gains the operation or moves its responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import evaluate

DECISIONS = {
    evaluate.ALLOW: "allowed",
    evaluate.EXPLICIT_DENY: "explicitDeny",
    evaluate.IMPLICIT_DENY: "implicitDeny",
}
METHOD = "simulate_principal_policy"
_installed: list[Any] = []


class SimulatorSeamMoved(RuntimeError):
    """moto gained SimulatePrincipalPolicy or moved IamResponse; update simulate.py."""


@dataclass(frozen=True)
class Source:
    """One policy of the principal: its document, its name and AWS's source type."""

    policy: evaluate.PolicyDocument
    name: str
    kind: str


def check_seam() -> None:
    """Raise :class:`SimulatorSeamMoved` unless moto's IamResponse is as this module expects."""
    from moto.iam.responses import IamResponse

    own = getattr(IamResponse, METHOD, None)
    if own is not None and own is not _simulate_principal_policy:
        raise SimulatorSeamMoved("moto implements SimulatePrincipalPolicy now: drop simulate.py")
    for needed in ("_get_param", "backend"):
        if not hasattr(IamResponse, needed):
            raise SimulatorSeamMoved(f"moto's IamResponse.{needed} is gone")


def _managed(policy: Any) -> Source:
    version = next(v for v in policy.versions if v.is_default)
    arn = str(policy.arn)
    kind = "aws-managed" if arn.startswith("arn:aws:iam::aws:") else "user-managed"
    document = evaluate.PolicyDocument(arn, evaluate._as_dict(version.document))
    return Source(document, str(policy.name), kind)


def _inline(name: str, document: Any, kind: str) -> Source:
    return Source(evaluate.PolicyDocument(name, evaluate._as_dict(document)), name, kind)


def principal_sources(backend: Any, arn: str) -> list[Source]:
    """The identity policies of the role or user ``arn`` names (NoSuchEntity if it is not there)."""
    resource = arn.split(":", 5)[-1] if arn.count(":") >= 5 else ""
    kind, _, path = resource.partition("/")
    name = path.rsplit("/", 1)[-1]
    if kind == "role":
        role = backend.get_role(name)
        found = [_inline(n, d, "role") for n, d in role.policies.items()]
        return found + [_managed(p) for p in role.managed_policies.values()]
    if kind == "user":
        user = backend.get_user(name)
        found = [_inline(n, d, "user") for n, d in user.policies.items()]
        found += [_managed(p) for p in user.managed_policies.values()]
        for group in backend.get_groups_for_user(name):
            found += [_inline(n, d, "group") for n, d in group.policies.items()]
            found += [_managed(p) for p in group.managed_policies.values()]
        return found
    from moto.iam.exceptions import InvalidInput

    raise InvalidInput(f"Invalid ARN: {arn}. PolicySourceArn must be a user, group or role.")


def _statement(source: Source) -> dict[str, str]:
    return {"SourcePolicyId": source.name, "SourcePolicyType": source.kind}


def result(sources: list[Source], action: str, resource: str) -> dict[str, Any]:
    """One EvaluationResult: the decision and the statements that decided it."""
    decision = evaluate.evaluate([s.policy for s in sources], action, resource)
    matched: list[dict[str, str]] = []
    if decision.outcome == evaluate.EXPLICIT_DENY:
        matched = [_statement(s) for s in sources if s.policy.source == decision.source]
    elif decision.outcome == evaluate.ALLOW:
        for source in sources:
            for statement in evaluate._statements(source.policy.document):
                if statement.get("Effect") == "Allow" and evaluate._matches(
                    statement, action, resource
                ):
                    matched.append(_statement(source))
    return {
        "EvalActionName": action,
        "EvalResourceName": resource,
        "EvalDecision": DECISIONS[decision.outcome],
        "MatchedStatements": matched,
        "MissingContextValues": [],
    }


def simulate(backend: Any, arn: str, actions: list[str], resources: list[str]) -> list[Any]:
    """Every (action, resource) pair's EvaluationResult, actions outermost, as AWS orders them."""
    sources = principal_sources(backend, arn)
    return [result(sources, a, r) for a in actions for r in (resources or ["*"])]


def _simulate_principal_policy(self: Any) -> Any:
    from moto.core.responses import ActionResult

    arn = str(self._get_param("PolicySourceArn") or "")
    actions = [str(a) for a in self._get_param("ActionNames", []) or []]
    resources = [str(r) for r in self._get_param("ResourceArns", []) or []]
    results = simulate(self.backend, arn, actions, resources)
    return ActionResult({"EvaluationResults": results, "IsTruncated": False})


def install() -> None:
    """Add SimulatePrincipalPolicy to moto's IAM (idempotent); fail loudly if moto has it."""
    from moto.iam.responses import IamResponse

    if _installed:
        return
    check_seam()
    setattr(IamResponse, METHOD, _simulate_principal_policy)
    _installed.append(_simulate_principal_policy)


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
