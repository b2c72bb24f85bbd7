"""The seam that authorises every call signed with a handler's assumed-role key.

moto runs ``ActionAuthenticatorMixin._authenticate_and_authorize_action(iam_request_cls,
resource)`` before every action (``call_action`` and S3's handlers); outside its own
authorisation mode it only counts requests. The wrapper here decides calls whose key is an
STS temporary key of an assumed role (what a handler holds, see :mod:`.credentials`) against
that role's identity policies with :mod:`.evaluate`, and raises AWS's AccessDenied; every
other key — the learner's admin identity, the app, checks — goes straight to moto, never denied.
"""

from __future__ import annotations

import inspect
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import evaluate, mode, resources

EXPECTED_PARAMS = ["self", "iam_request_cls", "resource"]
_original: dict[str, Any] = {}

# IAM action names that differ from the API operation moto reports.
_ACTION_NAMES = {
    "lambda:Invoke": "lambda:InvokeFunction",
    "lambda:InvokeAsync": "lambda:InvokeFunction",
}


class EnforceHookError(RuntimeError):
    """moto moved its authorisation hook; pin moto or update enforce.py."""


def _between(text: str, start: str, end: str) -> str:
    head = text.find(start)
    if head < 0:
        return ""
    head += len(start)
    tail = text.find(end, head)
    return text[head:] if tail < 0 else text[head:tail]


def _assumed_role(account: str, access_key: str) -> Any:
    """moto's AssumedRole for ``access_key`` in ``account``, or None (not a role session)."""
    from moto.sts.models import sts_backends

    if not access_key.startswith("ASIA") or account not in sts_backends:
        return None
    return sts_backends[account]["aws"].get_assumed_role_from_access_key(access_key)


def _action(response: Any, service: str) -> str:
    data = getattr(response, "data", None)
    if service == "s3" and isinstance(data, dict) and data.get("Action"):
        name = str(data["Action"])
    else:
        name = str(response._get_action())
    action = f"{service}:{name}"
    return _ACTION_NAMES.get(action, action)


# Services whose API is REST-JSON even when a request has no JSON body (Lambda's Invoke).
_REST_JSON = frozenset({"lambda"})


def _deny(response: Any, message: str, service: str = "") -> None:
    from moto.core.exceptions import JsonRESTError, _RESTError

    headers = getattr(response, "headers", None) or {}
    content = str(headers.get("Content-Type") or headers.get("content-type") or "")
    json_protocol = (
        service in _REST_JSON
        or "json" in content
        or bool(headers.get("X-Amz-Target") or headers.get("x-amz-target"))
    )
    error: Any = (
        JsonRESTError("AccessDeniedException", message)
        if json_protocol
        else _RESTError("AccessDenied", message)
    )
    error.code = 403
    raise error


def authorize(response: Any, resource: str) -> None:
    """Raise AWS's AccessDenied when ``response``'s request is a role session's and not allowed."""
    headers = getattr(response, "headers", None) or {}
    auth = str(headers.get("Authorization") or headers.get("authorization") or "")
    scope = _between(auth, "Credential=", ",").split("/")
    if len(scope) < 4:
        return
    account = str(response.current_account)
    session = _assumed_role(account, scope[0])
    if session is None:
        return
    from moto.iam.models import iam_backends

    role_name = str(session.role_arn).rsplit("/", 1)[-1]
    action = _action(response, scope[3])
    target = resources.resource_arn(scope[3], response, scope[2], account, resource)
    from moto.iam.exceptions import NotFoundException

    try:
        policies = evaluate.role_policies(iam_backends[account]["global"], role_name)
    except NotFoundException:  # the role was deleted: its sessions are granted nothing
        policies = []
    decision = evaluate.evaluate(policies, action, target)
    if not decision.allowed:
        message = evaluate.denied_message(str(session.arn), action, target, decision)
        _deny(response, message, scope[3])


def _authorize(self: Any, iam_request_cls: type, resource: str = "*") -> None:
    if mode.enforced() and action_needs_check(self):
        authorize(self, resource)
    _original["authorize"](self, iam_request_cls, resource)


def action_needs_check(response: Any) -> bool:
    """Every action but sts:GetCallerIdentity (always allowed on AWS, even under a Deny)."""
    try:
        return str(response._get_action()) != "GetCallerIdentity"
    except Exception:  # moto could not name the action: let moto answer
        return True


def install() -> None:
    """Wrap moto's authorisation hook (idempotent); fail loudly if moto moved it."""
    from moto.core.authorization import ActionAuthenticatorMixin

    if "authorize" in _original:
        return
    current = getattr(ActionAuthenticatorMixin, "_authenticate_and_authorize_action", None)
    if current is None or list(inspect.signature(current).parameters) != EXPECTED_PARAMS:
        raise EnforceHookError("moto's _authenticate_and_authorize_action moved; update enforce.py")
    _original["authorize"] = current
    ActionAuthenticatorMixin._authenticate_and_authorize_action = _authorize


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
