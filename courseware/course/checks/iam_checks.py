"""Checks on IAM execution roles: trust and effective permissions."""

from __future__ import annotations

from typing import Any

from courseware.course.checks.base import (
    CheckResult,
    Cloud,
    Param,
    check,
    fail,
    ok,
    unless_missing,
)
from courseware.course.policy import evaluate, trusts_service


def role_documents(cloud: Cloud, role: str) -> list[Any]:
    """Every identity policy document of a role: attached managed policies and inline ones."""
    documents: list[Any] = []
    for attached in cloud.iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]:
        policy = cloud.iam.get_policy(PolicyArn=attached["PolicyArn"])["Policy"]
        version = cloud.iam.get_policy_version(
            PolicyArn=attached["PolicyArn"], VersionId=policy["DefaultVersionId"]
        )
        documents.append(version["PolicyVersion"]["Document"])
    for name in cloud.iam.list_role_policies(RoleName=role)["PolicyNames"]:
        documents.append(
            cloud.iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"]
        )
    return documents


def role_name_of(arn_or_name: str) -> str:
    """``arn:aws:iam::123:role/path/name`` -> ``name``."""
    return arn_or_name.rsplit("/", 1)[-1]


def _get_role(cloud: Cloud, role: str) -> dict[str, Any] | None:
    return unless_missing(lambda: dict(cloud.iam.get_role(RoleName=role)["Role"]))


@check(role=Param(str))
def role_trusts_lambda(cloud: Cloud, role: str) -> CheckResult:
    """The role exists and its trust policy lets lambda.amazonaws.com assume it."""
    found = _get_role(cloud, role)
    if found is None:
        return fail(
            f"role {role}",
            f"There is no IAM role named {role!r} yet.",
            f"role {role}",
            "no such role",
        )
    if not trusts_service(found["AssumeRolePolicyDocument"], "lambda.amazonaws.com"):
        return fail(
            f"role {role}",
            f"Role {role!r} exists, but Lambda cannot assume it: its trust policy does not allow "
            "lambda.amazonaws.com to call sts:AssumeRole.",
            "trusted by lambda.amazonaws.com",
            "not trusted by Lambda",
        )
    return ok(
        f"role {role}",
        f"Role {role!r} can be assumed by Lambda.",
        "trusted by lambda.amazonaws.com",
    )


@check(role=Param(str), actions=Param(list), resource=Param(str, False, "*"))
def role_allows(cloud: Cloud, role: str, actions: list[str], resource: str = "*") -> CheckResult:
    """The role's policies (attached and inline) allow every listed action."""
    if _get_role(cloud, role) is None:
        return fail(
            f"role {role}",
            f"There is no IAM role named {role!r} yet.",
            f"role {role}",
            "no such role",
        )
    documents = role_documents(cloud, role)
    missing = [a for a in actions if evaluate(documents, a, resource) != "allowed"]
    if missing:
        return fail(
            f"role {role}",
            f"Role {role!r} does not allow {', '.join(missing)}. Attach a policy (or policy "
            "template) that grants it.",
            ", ".join(actions),
            "missing: " + ", ".join(missing),
        )
    return ok(f"role {role}", f"Role {role!r} allows {', '.join(actions)}.", ", ".join(actions))
