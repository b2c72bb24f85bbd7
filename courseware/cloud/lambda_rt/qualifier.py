"""Invoke's ``Qualifier``: versions, aliases, weighted aliases and the ARN as called.

moto 5.2's ``LambdaResponse.invoke`` reads the query parameter ``qualifier`` while every SDK
sends ``Qualifier``, so each call ran ``$LATEST``. The seam wraps that method: it resolves the
qualifier (in the parameter or in the function ARN) with :func:`resolve`, which applies an
alias's ``RoutingConfig.AdditionalVersionWeights``, and remembers the ARN the caller used so
the handler's ``context.invoked_function_arn`` is the alias ARN, as in AWS.
"""

from __future__ import annotations

import random
import threading
from typing import Any
from urllib.parse import unquote

from courseware.cloud.endpoint import Endpoint

_original: dict[str, Any] = {}
_called = threading.local()


class QualifierHookError(RuntimeError):
    """moto moved ``LambdaResponse.invoke``; pin moto or update this module."""


def split_qualifier(name_or_arn: str, qualifier: str | None) -> tuple[str, str | None]:
    """(function name or unqualified ARN, qualifier) from a name, partial or full ARN."""
    if ":function:" in name_or_arn:
        head, _, tail = name_or_arn.partition(":function:")
        name, _, in_arn = tail.partition(":")
        return f"{head}:function:{name}", in_arn or qualifier
    name, _, in_name = name_or_arn.partition(":")
    return name, in_name or qualifier


def _weighted(alias: Any, rng: random.Random | None = None) -> str:
    """The version an alias sends this call to, by its routing weights."""
    weights = ((alias.routing_config or {}).get("AdditionalVersionWeights")) or {}
    draw = (rng or random).random()
    for version, weight in weights.items():
        draw -= float(weight)
        if draw < 0:
            return str(version)
    return str(alias.function_version)


def resolve(backend: Any, name_or_arn: str, qualifier: str | None = None) -> tuple[Any, str]:
    """(the LambdaFunction version that runs, the ARN as called) for one invocation.

    Raises:
        moto's ResourceNotFoundException: no such function, version or alias.
    """
    base, qual = split_qualifier(name_or_arn, qualifier)
    latest = backend.get_function(base, None)
    unqualified = str(latest.function_arn).split(":function:")[0] + ":function:"
    unqualified += str(latest.function_name)
    if not qual:
        return latest, unqualified
    aliases = {a.name: a for a in backend.list_aliases(str(latest.function_name))}
    alias = aliases.get(qual)
    version = _weighted(alias) if alias is not None else qual
    return backend.get_function(base, version), f"{unqualified}:{qual}"


def called_arn() -> str | None:
    """The ARN the current thread's Invoke call used (None outside one)."""
    return getattr(_called, "arn", None)


def _invoke(self: Any) -> Any:
    function_name = unquote(self.path.rsplit("/", 2)[-2])
    qualifier = (self.querystring.get("Qualifier") or [None])[0]
    fn, arn = resolve(self.backend, function_name, qualifier)
    self.querystring["qualifier"] = [str(fn.version)]
    self.path = self.path.replace(self.path.rsplit("/", 2)[-2], str(fn.function_name))
    _called.arn = arn
    try:
        return _original["invoke"](self)
    finally:
        _called.arn = None


def _create_mapping(self: Any, spec: dict[str, Any]) -> Any:
    """Keep an alias in an event source mapping's ``FunctionArn`` (moto stores the version)."""
    esm = _original["create_event_source_mapping"](self, spec)
    _, qual = split_qualifier(str(spec.get("FunctionName", "")), None)
    if qual and not qual.isdigit() and qual != "$LATEST":
        esm.function_arn = str(esm.function_arn).rsplit(":", 1)[0] + f":{qual}"
    return esm


def install() -> None:
    """Wrap moto's Invoke response handler and mapping creation (idempotent); fail loudly if moved."""
    from moto.awslambda.models import LambdaBackend
    from moto.awslambda.responses import LambdaResponse

    if "invoke" in _original:
        return
    current = getattr(LambdaResponse, "invoke", None)
    if current is None or not callable(current):
        raise QualifierHookError("moto's LambdaResponse.invoke is gone; update qualifier.py")
    create = getattr(LambdaBackend, "create_event_source_mapping", None)
    if create is None:
        raise QualifierHookError("moto's create_event_source_mapping is gone; update qualifier.py")
    _original["invoke"] = current
    _original["create_event_source_mapping"] = create
    LambdaResponse.invoke = _invoke
    LambdaBackend.create_event_source_mapping = _create_mapping


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
