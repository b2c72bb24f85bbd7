"""An account per classroom learner in the one embedded cloud.

moto keeps every backend per account id and maps a request to an account by its
access key (``get_account_id_from``: the key is looked up in each account's IAM). So a
learner's account is made once, at join: the server's own admin client creates an IAM
user with an access key *inside* a fresh 12-digit account (one request naming the account
with ``x-moto-account-id``); from then on everything signed with that key lands in that
account by moto's own logic. :func:`wrap_app` strips ``x-moto-account-id`` from every
request that does not carry this process's admin secret, so nobody picks another account.
"""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID, Credentials, Endpoint

LEARNER_USER = "courseware-learner"
ADMIN_HEADER = "x-courseware-admin"
ACCOUNT_HEADER = "x-moto-account-id"
RESET_PATH = "/_courseware/account/reset"
_ADMIN_SECRET = secrets.token_urlsafe(24)  # known only to this process's own clients


def install() -> None:
    """Nothing to patch: moto already keys backends by account."""


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""


def wrap_app(app: Any) -> Any:
    """Drop account overrides from outside; serve the per-account reset route."""

    def accounts(environ: dict[str, Any], start_response: Any) -> Any:
        admin = environ.pop("HTTP_" + ADMIN_HEADER.upper().replace("-", "_"), "")
        if not hmac.compare_digest(str(admin), _ADMIN_SECRET):
            environ.pop("HTTP_" + ACCOUNT_HEADER.upper().replace("-", "_"), None)
        if environ.get("PATH_INFO") == RESET_PATH and environ.get("REQUEST_METHOD") == "POST":
            return _reset_route(environ, start_response)
        return app(environ, start_response)

    return accounts


def _reset_route(environ: dict[str, Any], start_response: Any) -> Any:
    """Reset the account of the key the caller proves it holds (key id and secret)."""
    key = str(environ.get("HTTP_X_COURSEWARE_ACCESS_KEY", ""))
    secret = str(environ.get("HTTP_X_COURSEWARE_SECRET_KEY", ""))
    account = _account_of(key, secret)
    if account is None:
        body = b'{"__type": "UnrecognizedClientException", "message": "The security token included in the request is invalid."}'
        start_response("403 Forbidden", [("Content-Type", "application/json")])
        return [body]
    from courseware.cloud.account_reset import reset_account

    removed = reset_account(account, keep_user=LEARNER_USER)
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"account": account, "services": removed}).encode()]


def _account_of(key: str, secret: str) -> str | None:
    """The learner account whose active key ``key`` has secret ``secret``."""
    from moto.iam.models import iam_backends

    for account_id, backends in list(iam_backends.items()):
        found = backends["global"].access_keys.get(key)
        if found is not None and hmac.compare_digest(found.secret_access_key, secret):
            return None if account_id == ACCOUNT_ID else account_id
    return None


def admin_client(service: str, endpoint: Endpoint, account_id: str) -> Any:
    """A client of this process that acts inside ``account_id`` (the join path only)."""
    from courseware.cloud.endpoint import fresh_client

    boto = fresh_client(service, endpoint)  # its own: the shared clients must never carry these

    def add_headers(request: Any, **_: Any) -> None:
        request.headers[ACCOUNT_HEADER] = account_id
        request.headers[ADMIN_HEADER] = _ADMIN_SECRET

    boto.meta.events.register("before-sign", add_headers)
    return boto


def new_account_id(taken: set[str]) -> str:
    """A random 12-digit account id not in ``taken`` (nor the single user's)."""
    while True:
        candidate = str(secrets.randbelow(9 * 10**11) + 10**11)
        if candidate not in taken and candidate != ACCOUNT_ID:
            return candidate


def create_account(endpoint: Endpoint, taken: set[str]) -> Credentials:
    """Make a learner's account: an IAM user with an access key inside a fresh account id."""
    account_id = new_account_id(taken)
    iam = admin_client("iam", endpoint, account_id)
    iam.create_user(UserName=LEARNER_USER)
    key = iam.create_access_key(UserName=LEARNER_USER)["AccessKey"]
    return Credentials(key["AccessKeyId"], key["SecretAccessKey"], account_id)


def credentials_for(account_id: str) -> Credentials | None:
    """The learner key of ``account_id`` (None for the single user's account or an unknown one).

    Lambda handlers of a learner's function get this key, so their calls stay in that account.
    """
    if account_id == ACCOUNT_ID:
        return None
    from moto.iam.models import iam_backends

    if account_id not in iam_backends:
        return None
    user = iam_backends[account_id]["global"].users.get(LEARNER_USER)
    for key in user.access_keys if user is not None else []:
        if key.status == "Active":
            return Credentials(key.access_key_id, key.secret_access_key, account_id)
    return None


def reset_my_account(endpoint: Endpoint, creds: Credentials) -> dict[str, Any]:
    """Ask the cloud to delete every resource of ``creds``'s account (its key stays)."""
    import urllib.request

    request = urllib.request.Request(
        endpoint.url + RESET_PATH,
        method="POST",
        data=b"",
        headers={
            "x-courseware-access-key": creds.access_key,
            "x-courseware-secret-key": creds.secret_key,
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        result: dict[str, Any] = json.loads(response.read())
    return result
