"""InsufficientCapabilities, as CloudFormation answers a template with IAM resources.

A template (after the SAM transform) that creates IAM resources needs ``CAPABILITY_IAM`` or
``CAPABILITY_NAMED_IAM``; one that gives them custom names needs ``CAPABILITY_NAMED_IAM``.
moto ignores ``Capabilities``; this wraps ``CloudFormationResponse.create_stack``,
``update_stack`` and ``create_change_set`` to check before moto acts. This is why the
course's ``aws cloudformation deploy`` of a SAM template passes ``--capabilities CAPABILITY_IAM``.
"""

from __future__ import annotations

from typing import Any

# https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
IAM_TYPES = {
    "AWS::IAM::AccessKey": None,
    "AWS::IAM::Group": "GroupName",
    "AWS::IAM::InstanceProfile": "InstanceProfileName",
    "AWS::IAM::Policy": None,
    "AWS::IAM::Role": "RoleName",
    "AWS::IAM::User": "UserName",
    "AWS::IAM::UserToGroupAddition": None,
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
}
ACTIONS = ("create_stack", "update_stack", "create_change_set")


def required(template: Any) -> str | None:
    """The capability ``template`` needs (``CAPABILITY_NAMED_IAM`` over ``CAPABILITY_IAM``), if any."""
    needed: str | None = None
    resources = template.get("Resources") if isinstance(template, dict) else None
    for resource in (resources or {}).values():
        kind = resource.get("Type") if isinstance(resource, dict) else None
        if kind not in IAM_TYPES:
            continue
        name_key = IAM_TYPES[kind]
        if name_key and name_key in (resource.get("Properties") or {}):
            return "CAPABILITY_NAMED_IAM"
        needed = "CAPABILITY_IAM"
    return needed


def missing(template: Any, capabilities: list[str]) -> str | None:
    """The capability to ask for, or None when ``capabilities`` acknowledge the template."""
    need = required(template)
    if need is None or need in capabilities:
        return None
    if need == "CAPABILITY_IAM" and "CAPABILITY_NAMED_IAM" in capabilities:
        return None
    return need


def _error(capability: str) -> Exception:
    from moto.cloudformation.exceptions import CloudFormationError

    class InsufficientCapabilities(CloudFormationError):  # type: ignore[misc]
        code = "InsufficientCapabilitiesException"

    return InsufficientCapabilities(f"Requires capabilities : [{capability}]")


def wrap(original: Any) -> Any:
    """A ``CloudFormationResponse`` action that checks ``Capabilities`` first."""
    from moto.cloudformation.models import Stack

    def action(self: Any) -> Any:
        body = self._get_param("TemplateBody")
        url = self._get_param("TemplateURL")
        if not body and url:
            body = self._get_stack_from_s3_url(url)
        if body:
            capabilities = [str(c) for c in self._get_param("Capabilities", []) or []]
            lacking = missing(Stack.parse_template(body), capabilities)
            if lacking:
                raise _error(lacking)
        return original(self)

    action.__wrapped__ = original  # type: ignore[attr-defined]
    return action
