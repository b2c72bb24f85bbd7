"""Step Functions' Lambda tasks run as the state machine's role, as on AWS.

On AWS, Step Functions assumes the execution role (``roleArn``, or a Task's ``Credentials``)
and calls Lambda with that session, so the role needs ``lambda:InvokeFunction``. Here, with
enforcement on, a Task's Lambda client signs with an STS session of that role (moto's
``assume_role``); :mod:`.enforce` authorises the Invoke against the role's policies and
answers AWS's AccessDeniedException. Step Functions reports that as AWS does: Lambda's Java
SDK has no ``AccessDeniedException`` in its model, so the error is ``Lambda.AWSLambdaException``
(https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html) and the
cause is the message with the SDK's ``(Service: AWSLambda; Status Code: 403; Error Code:
AccessDeniedException; Request ID: …; Proxy: null)`` tail — for the optimised integration
(``arn:aws:states:::lambda:invoke``, a TaskFailed event) and for a bare function ARN (a
LambdaFunctionFailed event), both catchable with Retry/Catch.

Only Lambda tasks are authorised; other service integrations keep the account's key.
:func:`hook` checks the interpreter's error methods at the first Step Functions request, so a
moto upgrade that moves them fails loudly.
"""

from __future__ import annotations

import secrets
import string
import threading
import time
from typing import Any

from courseware.cloud.endpoint import REGION, Endpoint
from courseware.cloud.iam import mode

AUTHORISED_SERVICES = frozenset({"lambda"})
UNMODELLED_ERROR = "AWSLambdaException"
DENIED_CODE = "AccessDeniedException"
SESSION_SECONDS = 3600
REUSE_SECONDS = 3000  # a session is reused until shortly before it expires
_SERVICE_TASK = (
    "moto.stepfunctions.parser.asl.component.state.exec.state_task.service."
    "state_task_service_lambda"
)
_LEGACY_TASK = "moto.stepfunctions.parser.asl.component.state.exec.state_task.state_task_lambda"
_sessions: dict[str, tuple[float, Any]] = {}
_lock = threading.Lock()
_original: dict[str, Any] = {}


class SfnRoleSeamMoved(RuntimeError):
    """moto moved the Step Functions Lambda task's error handling; update sfn_role.py."""


def _session_name() -> str:
    """A random 32-letter session name, the shape Step Functions uses for its role sessions."""
    return "".join(secrets.choice(string.ascii_letters) for _ in range(32))


def role_session(role_arn: str) -> Any:
    """moto's STS session of ``role_arn`` (reused while fresh and still known to STS)."""
    from moto.sts.models import sts_backends

    account = role_arn.split(":")[4]
    backend = sts_backends[account]["aws"]
    with _lock:
        issued, session = _sessions.get(role_arn, (0.0, None))
        if (
            session is not None
            and time.monotonic() - issued < REUSE_SECONDS
            and session in backend.assumed_roles  # not dropped by an account reset
        ):
            return session
        session = backend.assume_role(
            region_name=REGION,
            role_session_name=_session_name(),
            role_arn=role_arn,
            policy="",
            duration=SESSION_SECONDS,
            external_id="",
        )
        _sessions[role_arn] = (time.monotonic(), session)
        return session


def role_client(service: str, role_arn: str, made: Any) -> Any:
    """``made`` rebuilt to sign as ``role_arn``'s session, or None when not authorised here."""
    parts = role_arn.split(":")
    if service not in AUTHORISED_SERVICES or not mode.enforced() or len(parts) < 6 or not parts[4]:
        return None
    import boto3

    session = role_session(role_arn)
    return boto3.client(
        service_name=service,
        region_name=made.meta.region_name,
        aws_access_key_id=str(session.access_key_id),
        aws_secret_access_key=str(session.secret_access_key),
        aws_session_token=str(session.session_token),
        endpoint_url=made.meta.endpoint_url,
        config=made.meta.config,
    )


def _is_denied(ex: Exception) -> bool:
    from botocore.exceptions import ClientError

    return isinstance(ex, ClientError) and ex.response["Error"]["Code"] == DENIED_CODE


def _service_error_cause(client_error: Any) -> tuple[str, str]:
    error, cause = _original["service"](client_error)
    if client_error.response["Error"]["Code"] == DENIED_CODE:
        error = f"Lambda.{UNMODELLED_ERROR}"
    return error, cause


def _legacy_from_error(self: Any, env: Any, ex: Exception) -> Any:
    if not _is_denied(ex):
        return _original["legacy"](self, env, ex)
    from moto.stepfunctions.parser.api import HistoryEventType, LambdaFunctionFailedEventDetails
    from moto.stepfunctions.parser.asl.component.common.error_name.custom_error_name import (
        CustomErrorName,
    )
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
        FailureEvent,
    )
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails

    error, cause = _service_error_cause(ex)
    return FailureEvent(
        env=env,
        error_name=CustomErrorName(error),
        event_type=HistoryEventType.LambdaFunctionFailed,
        event_details=EventDetails(
            lambdaFunctionFailedEventDetails=LambdaFunctionFailedEventDetails(
                error=error, cause=cause
            )
        ),
    )


def hook() -> None:
    """Report a denied Lambda task as AWS does (idempotent); fail loudly if moto moved it."""
    import importlib

    if _original:
        return
    service = getattr(importlib.import_module(_SERVICE_TASK), "StateTaskServiceLambda", None)
    legacy = getattr(importlib.import_module(_LEGACY_TASK), "StateTaskLambda", None)
    cause = getattr(service, "_error_cause_from_client_error", None)
    from_error = getattr(legacy, "_from_error", None)
    if service is None or legacy is None or cause is None or from_error is None:
        raise SfnRoleSeamMoved("moto moved the Step Functions Lambda task classes")
    _original["service"] = cause
    _original["legacy"] = from_error
    service._error_cause_from_client_error = staticmethod(_service_error_cause)
    legacy._from_error = _legacy_from_error


def install() -> None:
    """Patch the Lambda tasks' errors on the first Step Functions request (slow to import)."""
    from courseware.cloud import lazy

    lazy.when_first_used("states", hook)


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Forget the role sessions."""
    with _lock:
        _sessions.clear()
