"""Resource-based policies per qualifier: a version's or alias's policy is its own, as in AWS.

moto 5.2 keeps one ``Policy`` shared by ``$LATEST`` and every version (``publish_version``
copies the function shallowly), so ``AddPermission --qualifier live`` also showed up in the
unqualified ``GetPolicy``, and ``RemovePermission --qualifier`` removed from the wrong one.
The wrappers keep a policy per (function, qualifier) on the backend itself (saved with it).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.lambda_rt.qualifier import split_qualifier

_original: dict[str, Any] = {}


class PermissionsHookError(RuntimeError):
    """moto moved its permission methods; pin moto or update this module."""


def _policy(backend: Any, name_or_arn: str, qualifier: str | None) -> tuple[Any, str] | None:
    """(the qualifier's own Policy, qualifier) or None for an unqualified call."""
    from moto.awslambda.policy import Policy

    base, qual = split_qualifier(name_or_arn, qualifier)
    if not qual or qual == "$LATEST":
        return None
    backend.get_function(base, qual)  # unknown version or alias: ResourceNotFoundException
    latest = backend.get_function(base, None)
    policies = backend.__dict__.setdefault("_courseware_policies", {})
    key = (str(latest.function_name), qual)
    if key not in policies:
        policies[key] = Policy(latest)
    return policies[key], qual


def _add_permission(self: Any, function_name: str, qualifier: str, raw: str) -> Any:
    found = _policy(self, function_name, qualifier)
    if found is None:
        return _original["add_permission"](self, function_name, qualifier, raw)
    statement, _ = found[0].add_statement(raw, found[1])
    return statement


def _get_policy(self: Any, function_name: str, qualifier: str | None = None) -> str:
    found = _policy(self, function_name, qualifier)
    if found is None:
        return str(_original["get_policy"](self, function_name, qualifier))
    return str(found[0].wire_format())


def _remove_permission(self: Any) -> Any:
    qualifier = (self.querystring.get("Qualifier") or [None])[0]
    function_name = unquote(self.path.split("/")[-3])
    found = _policy(self.backend, function_name, qualifier)
    if found is None:
        return _original["remove_permission"](self)
    revision = (self.querystring.get("RevisionId") or [""])[0]
    found[0].del_statement(self.path.split("/")[-1].split("?")[0], revision)
    return 204, {"status": 204}, "{}"


def install() -> None:
    """Wrap AddPermission, GetPolicy and RemovePermission (idempotent); fail loudly if moved."""
    from moto.awslambda.models import LambdaBackend
    from moto.awslambda.responses import LambdaResponse

    if _original:
        return
    for owner, name in (
        (LambdaBackend, "add_permission"),
        (LambdaBackend, "get_policy"),
        (LambdaResponse, "remove_permission"),
    ):
        if not callable(getattr(owner, name, None)):
            raise PermissionsHookError(f"moto's {owner.__name__}.{name} is gone")
        _original[name] = getattr(owner, name)
    LambdaBackend.add_permission = _add_permission
    LambdaBackend.get_policy = _get_policy
    LambdaResponse.remove_permission = _remove_permission


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
