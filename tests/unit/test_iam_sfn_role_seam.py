"""The Step Functions Lambda task seam: moto's error methods are where sfn_role patches them."""

from __future__ import annotations

import inspect
from typing import Any

from botocore.exceptions import ClientError

from courseware.cloud.iam import sfn_role

# Sessions are made in another account than the session cloud's default one: building its
# IAM backend here, before the cloud starts, would leave it without the AWS managed policies.
OTHER = "111122223333"


def _denied() -> ClientError:
    return ClientError(
        {
            "Error": {"Code": "AccessDeniedException", "Message": "User: x is not authorized"},
            "ResponseMetadata": {"HTTPStatusCode": 403, "RequestId": "r-1"},
        },
        "Invoke",
    )


def test_the_task_classes_still_have_the_methods_patched() -> None:
    from moto.stepfunctions.parser.asl.component.state.exec.state_task import (
        state_task_lambda as legacy,
    )
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_lambda as service,
    )

    sfn_role.hook()
    original: Any = sfn_role._original["legacy"]
    assert list(inspect.signature(original).parameters) == ["self", "env", "ex"]
    assert "ClientError" in inspect.getsource(original), "moto's legacy Lambda task changed"
    assert service.StateTaskServiceLambda._error_cause_from_client_error is not None
    assert legacy.StateTaskLambda._from_error is sfn_role._legacy_from_error


def test_a_denied_invoke_is_an_unmodelled_lambda_exception_with_the_sdk_tail() -> None:
    sfn_role.hook()
    error, cause = sfn_role._service_error_cause(_denied())
    assert error == "Lambda.AWSLambdaException"
    assert cause == (
        "User: x is not authorized (Service: AWSLambda; Status Code: 403; Error Code:"
        " AccessDeniedException; Request ID: r-1; Proxy: null)"
    )


def test_other_lambda_errors_keep_motos_names() -> None:
    sfn_role.hook()
    missing = ClientError(
        {
            "Error": {"Code": "ResourceNotFoundException", "Message": "Function not found"},
            "ResponseMetadata": {"HTTPStatusCode": 404, "RequestId": "r-2"},
        },
        "Invoke",
    )
    assert sfn_role._service_error_cause(missing)[0] == "Lambda.ResourceNotFoundException"


def test_only_lambda_tasks_get_a_role_session_and_only_when_enforced(monkeypatch: Any) -> None:
    from courseware.cloud.iam import mode

    made: Any = type("Made", (), {})()
    role = "arn:aws:iam::123456789012:role/r"
    assert sfn_role.role_client("dynamodb", role, made) is None
    monkeypatch.setenv(mode.ENV, "off")
    assert sfn_role.role_client("lambda", role, made) is None


def test_a_session_dropped_by_an_account_reset_is_not_reused() -> None:
    from moto.sts.models import sts_backends

    role = "arn:aws:iam::111122223333:role/reset-me"
    first = sfn_role.role_session(role)
    assert sfn_role.role_session(role) is first
    sts_backends["111122223333"]["aws"].assumed_roles.remove(first)
    again = sfn_role.role_session(role)
    assert again is not first
    assert again.access_key_id != first.access_key_id


def test_a_warm_environment_with_a_dropped_session_is_not_trusted() -> None:
    from moto.sts.models import sts_backends

    from courseware.cloud.iam import credentials

    session = sfn_role.role_session("arn:aws:iam::111122223333:role/warm")
    key = str(session.access_key_id)
    assert credentials.session_known(OTHER, key)
    assert credentials.session_known(OTHER, "AKIAEXAMPLEADMINKEY")
    sts_backends[OTHER]["aws"].assumed_roles.remove(session)
    assert not credentials.session_known(OTHER, key)
