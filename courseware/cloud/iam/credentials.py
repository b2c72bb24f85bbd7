"""A handler's credentials: STS AssumeRole of the function's execution role, as Lambda does.

Lambda assumes the execution role for each execution environment and hands the handler the
temporary key in ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``/``AWS_SESSION_TOKEN``. Here
moto's own STS ``assume_role`` issues it, so the key is an ``ASIA…`` temporary key of the
function's account and moto knows it as ``arn:aws:sts::ACCOUNT:assumed-role/ROLE/FUNCTION``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from courseware.cloud.endpoint import REGION

SESSION_SECONDS = 3600


@dataclass(frozen=True)
class RoleCredentials:
    """The temporary key of one assumed role session."""

    access_key: str
    secret_key: str
    session_token: str
    account_id: str

    def as_env(self) -> dict[str, str]:
        """The ``AWS_*`` variables a handler reads."""
        return {
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_SESSION_TOKEN": self.session_token,
        }


def assume_execution_role(fn: Any) -> RoleCredentials:
    """moto STS AssumeRole of ``fn``'s role, the session named after the function."""
    from moto.sts.models import sts_backends

    backend = sts_backends[str(fn.account_id)]["aws"]
    role = backend.assume_role(
        region_name=REGION,
        role_session_name=str(fn.function_name),
        role_arn=str(fn.role),
        policy="",
        duration=SESSION_SECONDS,
        external_id="",
    )
    return RoleCredentials(
        str(role.access_key_id),
        str(role.secret_access_key),
        str(role.session_token),
        str(role.account_id),
    )


def session_known(account_id: str, access_key: str) -> bool:
    """False when ``access_key`` is a role session STS no longer knows (the account was reset).

    A warm execution environment keeps the key it started with; after a reset its calls
    would carry a key enforcement cannot tie to a role, so the runtime starts a new one.
    """
    from moto.sts.models import sts_backends

    if not access_key.startswith("ASIA"):
        return True  # the account's own key (IAM enforcement off)
    backend = sts_backends[str(account_id)]["aws"]
    return backend.get_assumed_role_from_access_key(access_key) is not None
