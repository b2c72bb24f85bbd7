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


INVALID_PERMISSIONS = (
    "Execution failed due to configuration error: Invalid permissions on Lambda function"
)


class InvalidPermissions(IntegrationFailed):
    """The function's resource policy does not let API Gateway invoke it (a 500, not a 502).

    https://repost.aws/knowledge-center/api-gateway-internal-server-error ("Invalid
    permissions on Lambda function": add the function's resource-based policy).
    """

    def __init__(self) -> None:
        super().__init__(INVALID_PERMISSIONS)


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


def call(
    uri: str,
    event: Any,
    stage_vars: dict[str, str] | None = None,
    source_arns: tuple[str, ...] = (),
) -> Called:
    """Invoke the function behind ``uri`` synchronously with ``event``.

    ``source_arns`` are the execute-api ARNs of the call: when given, the function's resource
    policy must allow ``apigateway.amazonaws.com`` for one of them (IAM enforced).

    Raises:
        IntegrationFailed: no such function, or it is throttled.
        InvalidPermissions: the resource policy does not allow API Gateway.
    """
    from moto.core.exceptions import JsonRESTError

    from courseware.cloud.lambda_rt import TooManyRequests, get_runtime
    from courseware.cloud.lambda_rt.qualifier import resolve

    arn = function_arn(uri, stage_vars or {})
    try:
        fn, called_arn = resolve(seams.lambda_backend(), arn)
    except JsonRESTError as exc:
        raise IntegrationFailed(f"Lambda function {arn} not found: {exc}") from None
    if source_arns and not _permitted(str(called_arn), source_arns):
        raise InvalidPermissions()
    try:
        result = get_runtime().invoke(fn, json.dumps(event).encode("utf-8"), called_arn)
    except TooManyRequests as exc:
        raise IntegrationFailed(f"Lambda throttled the call: {exc.reason}") from None
    return Called(result.payload, result.function_error)


def _permitted(function_arn: str, source_arns: tuple[str, ...]) -> bool:
    from courseware.cloud.iam.targets import function_allows

    account = source_arns[0].split(":")[4]
    return any(
        function_allows(function_arn, "apigateway.amazonaws.com", source, account)
        for source in source_arns
    )
