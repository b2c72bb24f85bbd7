"""IAM for the partitions in use only: looking up an access key builds no backend.

moto finds a request's account by looking for its access key in every account's IAM backend
of every partition (``account[partition]``), and indexing an account's backends *creates* the
missing ones: the first signed request built IAM for all six partitions, each parsing the
1,582 AWS managed policies — about 0.2 s of CPU, and most of an empty cloud's memory and saved
state. An access key can only live in a backend that already exists, so the replacement looks
only at those (``dict.get``) and answers exactly as moto does.
"""

from __future__ import annotations

from typing import Any

from courseware.cloud.endpoint import Endpoint

_patched: dict[str, Any] = {}


def get_account_id_from(access_key: str) -> str:
    """The account owning ``access_key``, or moto's default account (as moto answers)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends
    from moto.utilities.utils import PARTITION_NAMES

    for account_id, account in list(iam_backends.items()):
        for partition in PARTITION_NAMES:
            backend = dict.get(account, partition)
            if backend is not None and access_key in backend.access_keys:
                return str(account_id)
    return str(DEFAULT_ACCOUNT_ID)


def install() -> None:
    """Replace ``moto.iam.models.get_account_id_from`` (idempotent)."""
    import moto.iam.models as iam_models

    if _patched:
        return
    _patched["get_account_id_from"] = iam_models.get_account_id_from
    iam_models.get_account_id_from = get_account_id_from


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
