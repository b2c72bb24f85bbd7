"""Delete one account's resources from every moto backend, leaving other accounts alone.

moto's ``/moto-api/reset`` wipes every account at once. This narrow seam uses moto 5.2's
``BackendDict._instances`` (every service's ``{account_id: AccountSpecificBackend}`` in use):
dropping an account's entry makes moto build it afresh on its next request. The learner's own
IAM user and access key are carried over, so their key still names their account.
"""

from __future__ import annotations

from typing import Any


class SeamError(RuntimeError):
    """moto changed how it keeps backends per account; update this seam."""


def _instances() -> list[Any]:
    from moto.core.base_backend import BackendDict

    instances = getattr(BackendDict, "_instances", None)
    if not isinstance(instances, list):
        raise SeamError("moto.core.base_backend.BackendDict._instances is gone")
    return instances


def reset_account(account_id: str, keep_user: str | None = None) -> list[str]:
    """Forget every resource of ``account_id``; returns the services that had some.

    ``keep_user`` (an IAM user name) survives with its access keys.
    """
    from moto.core.base_backend import backend_lock
    from moto.iam.models import iam_backends

    kept: Any = None
    keys: dict[str, Any] = {}
    with backend_lock:
        if keep_user and account_id in iam_backends:
            iam = iam_backends[account_id]["global"]
            kept = iam.users.get(keep_user)
            keys = {k: v for k, v in iam.access_keys.items() if v.user_name == keep_user}
        removed = []
        for backend_dict in list(_instances()):
            if account_id in backend_dict:
                del backend_dict[account_id]
                removed.append(str(backend_dict.service_name))
        if kept is not None:
            iam = iam_backends[account_id]["global"]
            iam.users[keep_user] = kept
            iam.access_keys.update(keys)
    return sorted(set(removed))
