"""Calling the Lambda function behind an integration URI (with stage variables and aliases)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from courseware.cloud.apigw import seams

_FUNCTION_IN_URI = re.compile(r"functions/(?P<arn>.+?)/invocations")
_STAGE_VAR = re.compile(r"\$\{stageVariables\.(?P<name>[A-Za-z0-9_]+)\}")


class IntegrationFailed(Exception):
    """The function could not be called or failed (the reason, as the execution log says)."""


@dataclass(frozen=True)
class Called:
    """What the function answered."""

    payload: bytes
    function_error: str | None


def substitute(text: str, stage_vars: dict[str, str]) -> str:
    """Replace ``${stageVariables.x}`` with the stage's value."""
    return _STAGE_VAR.sub(lambda m: str(stage_vars.get(m.group("name"), "")), text)


def function_arn(uri: str, stage_vars: dict[str, str]) -> str:
    """The function ARN (possibly qualified) an integration URI names."""
    uri = substitute(uri, stage_vars)
    match = _FUNCTION_IN_URI.search(uri)
    return match.group("arn") if match else uri


def call(uri: str, event: Any, stage_vars: dict[str, str] | None = None) -> Called:
    """Invoke the function behind ``uri`` synchronously with ``event``.

    Raises:
        IntegrationFailed: no such function, or it is throttled.
    """
    from moto.core.exceptions import JsonRESTError

    from courseware.cloud.lambda_rt import TooManyRequests, get_runtime
    from courseware.cloud.lambda_rt.qualifier import resolve

    arn = function_arn(uri, stage_vars or {})
    try:
        fn, called_arn = resolve(seams.lambda_backend(), arn)
    except JsonRESTError as exc:
        raise IntegrationFailed(f"Lambda function {arn} not found: {exc}") from None
    try:
        result = get_runtime().invoke(fn, json.dumps(event).encode("utf-8"), called_arn)
    except TooManyRequests as exc:
        raise IntegrationFailed(f"Lambda throttled the call: {exc.reason}") from None
    return Called(result.payload, result.function_error)
