"""The moto methods the IAM plugins wrap are where and what they expect (fails on a moto move)."""

from __future__ import annotations

import inspect

from courseware.cloud.iam import cfn_roles, service_checks


def test_lambda_backend_methods_wrapped_by_service_checks_have_their_shape() -> None:
    from moto.awslambda.models import LambdaBackend

    for name, params in service_checks.EXPECTED.items():
        method = service_checks._original.get(name) or getattr(LambdaBackend, name)
        assert list(inspect.signature(method).parameters) == params, name


def test_cloudformation_role_creation_has_its_shape_and_still_ignores_managed_policies() -> None:
    from moto.iam.models import Role

    method = cfn_roles._original.get("create") or Role.create_from_cloudformation_json
    assert list(inspect.signature(method).parameters) == cfn_roles.EXPECTED_PARAMS
    source = inspect.getsource(method)
    assert "ManagedPolicyArns" not in source, "moto attaches ManagedPolicyArns now: drop cfn_roles"
