"""CloudFormation's ``AWS::IAM::Role`` attaches its ``ManagedPolicyArns``, as AWS does.

moto's ``Role.create_from_cloudformation_json`` creates the role and its inline ``Policies``
but ignores ``ManagedPolicyArns`` — so a SAM function (whose generated role lists
AWSLambdaBasicExecutionRole there) could not write its logs once IAM is enforced. The wrapper
attaches each listed policy after moto made the role. Checked by signature at install.
"""

from __future__ import annotations

import inspect
from typing import Any

from courseware.cloud.endpoint import Endpoint

EXPECTED_PARAMS = ["resource_name", "cloudformation_json", "account_id", "region_name", "kwargs"]
_original: dict[str, Any] = {}


class CfnRoleSeamMoved(RuntimeError):
    """moto moved Role.create_from_cloudformation_json; pin moto or update cfn_roles.py."""


def _create(
    cls: Any,
    /,
    resource_name: str,
    cloudformation_json: dict[str, Any],
    account_id: str,
    region_name: str,
    **kwargs: Any,
) -> Any:
    from moto.iam.models import iam_backends
    from moto.utilities.utils import get_partition

    role = _original["create"](
        resource_name, cloudformation_json, account_id, region_name, **kwargs
    )
    backend = iam_backends[account_id][get_partition(region_name)]
    for arn in cloudformation_json.get("Properties", {}).get("ManagedPolicyArns", []) or []:
        backend.attach_role_policy(str(arn), role.name)
    return role


def install() -> None:
    """Wrap moto's CloudFormation Role creation (idempotent)."""
    from moto.iam.models import Role

    if _original:
        return
    current = Role.create_from_cloudformation_json
    if list(inspect.signature(current).parameters) != EXPECTED_PARAMS:
        raise CfnRoleSeamMoved("moto's Role.create_from_cloudformation_json moved")
    _original["create"] = current
    Role.create_from_cloudformation_json = classmethod(_create)


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
