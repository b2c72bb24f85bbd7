"""Step Functions tasks call other services as the state machine's own account.

moto 5.2's interpreter builds its service clients with ``boto_client_for(region, service,
state_credentials)`` and a fixed key (``"ak"``), so a Lambda task of a classroom learner's
machine would look for the function in the default account. ``state_credentials.role_arn`` is
the execution role (or the task's ``Credentials``), whose ARN names the account: the client is
rebuilt with that account's learner key, same endpoint and config — or, for Lambda tasks with
IAM enforced, with a session of the role itself (:mod:`courseware.cloud.iam.sfn_role`). The function is imported by
name into many interpreter modules, so each loaded module's reference is replaced.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import sfn_role

TARGET = "moto.stepfunctions.parser.asl.utils.boto_client"
_original: list[Any] = []
_hooked: list[Any] = []


class SeamError(RuntimeError):
    """moto moved the Step Functions client factory; update this seam."""


def account_client(region: str, service: str, state_credentials: Any = None) -> Any:
    """moto's client, rebuilt with the learner key of the role's account when there is one."""
    import boto3

    from courseware.cloud.accounts import credentials_for

    made = _original[0](region, service, state_credentials)
    role_arn = str(getattr(state_credentials, "role_arn", "") or "")
    as_role = sfn_role.role_client(service, role_arn, made)
    if as_role is not None:
        return as_role
    parts = role_arn.split(":")
    creds = credentials_for(parts[4]) if len(parts) > 4 and parts[4] else None
    if creds is None:
        return made
    return boto3.client(
        service_name=service,
        region_name=region,
        aws_access_key_id=creds.access_key,
        aws_secret_access_key=creds.secret_key,
        endpoint_url=made.meta.endpoint_url,
        config=made.meta.config,
    )


def _load_interpreter() -> None:
    """Import the interpreter's state components (where the tasks build their clients)."""
    package = importlib.import_module("moto.stepfunctions.parser.asl.component")
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)


def point_clients() -> None:
    """Point every interpreter module's ``boto_client_for`` at :func:`account_client`."""
    module = importlib.import_module(TARGET)
    original = getattr(module, "boto_client_for", None)
    if original is None:
        raise SeamError(f"{TARGET}.boto_client_for is gone")
    if not _original:
        _original.append(original)
    _load_interpreter()
    for name, loaded in list(sys.modules.items()):
        if (
            name.startswith("moto.stepfunctions")
            and getattr(loaded, "boto_client_for", None) is _original[0]
        ):
            setattr(loaded, "boto_client_for", account_client)  # noqa: B010 (a module attribute)


def install() -> None:
    """Hook StartExecution on the first Step Functions request (the parser is slow to import)."""
    from courseware.cloud import lazy

    lazy.when_first_used("states", hook)


def hook() -> None:
    """Point the clients on the first StartExecution, so the app's start imports nothing more."""
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    if _hooked:
        return
    original = StepFunctionsParserBackend.start_execution
    _hooked.append(original)

    def start_execution(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not _original:
            point_clients()
        return original(self, *args, **kwargs)

    StepFunctionsParserBackend.start_execution = start_execution


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
