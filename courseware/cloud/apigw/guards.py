"""What stands before a REST method's integration: API keys, usage plan throttles, authorizers.

- ``apiKeyRequired``: the ``x-api-key`` header must name an enabled key in a usage plan of
  this API stage, else 403 ``Forbidden``; the plan's ``throttle`` (rate and burst per key,
  a token bucket) answers 429 ``Too Many Requests`` beyond it.
- ``CUSTOM`` authorization runs the Lambda authorizer (TOKEN or REQUEST): a missing identity
  or an ``Unauthorized`` error is 401, a policy that does not allow the method is 403.
"""

from __future__ import annotations

import fnmatch
import json
import threading
import time
from typing import Any

from courseware.cloud.apigw import lambda_call, seams
from courseware.cloud.apigw.http import Request, Response, json_response
from courseware.cloud.endpoint import ACCOUNT_ID, REGION

_buckets: dict[tuple[str, str], list[float]] = {}  # (plan, key) -> [tokens, last refill]
_lock = threading.Lock()


def _message(status: int, text: str) -> Response:
    body = json.dumps({"Message": text}).encode()
    return Response(status, [("Content-Type", "application/json")], body)


def _take(plan: Any, key_id: str) -> bool:
    throttle = plan.throttle or {}
    rate = float(throttle.get("rateLimit") or 0)
    burst = float(throttle.get("burstLimit") or rate or 0)
    if rate <= 0:
        return True
    now = time.monotonic()
    with _lock:
        tokens, last = _buckets.get((plan.id, key_id), [burst, now])
        tokens = min(burst, tokens + (now - last) * rate)
        allowed = tokens >= 1
        _buckets[(plan.id, key_id)] = [tokens - 1 if allowed else tokens, now]
    return allowed


def _api_key(api: Any, stage: str, request: Request) -> Response | None:
    value = request.header("x-api-key")
    key = next((k for k in seams.api_keys() if value and k.value == value and k.enabled), None)
    if key is None:
        return json_response(403, "Forbidden")
    for plan in seams.usage_plans():
        stages = {(s.get("apiId"), s.get("stage")) for s in plan.api_stages or []}
        if (api.id, stage) in stages and key.id in seams.usage_plan_key_ids(plan.id):
            return None if _take(plan, key.id) else json_response(429, "Too Many Requests")
    return json_response(403, "Forbidden")


def method_arn(api: Any, stage: str, request: Request) -> str:
    """The ``methodArn`` an authorizer receives."""
    return (
        f"arn:aws:execute-api:{REGION}:{ACCOUNT_ID}:{api.id}/{stage}/{request.method}{request.path}"
    )


def _allows(policy: Any, arn: str) -> bool | None:
    verdict: bool | None = None
    statements = (policy or {}).get("Statement") or []
    for statement in statements if isinstance(statements, list) else [statements]:
        resources = statement.get("Resource") or []
        resources = resources if isinstance(resources, list) else [resources]
        if any(fnmatch.fnmatchcase(arn, str(r)) for r in resources):
            if statement.get("Effect") == "Deny":
                return False
            if statement.get("Effect") == "Allow":
                verdict = True
    return verdict


def _authorize(api: Any, stage: str, method: Any, request: Request) -> tuple[Response | None, Any]:
    authorizer = api.authorizers.get(method.authorizer_id)
    if authorizer is None:
        return json_response(500, "Internal server error"), None
    arn = method_arn(api, stage, request)
    source = str(authorizer.identity_source or "method.request.header.Authorization")
    header = source.split("method.request.header.")[-1].split(",")[0].strip()
    if str(authorizer.type).upper() == "TOKEN":
        token = request.header(header)
        if not token:
            return json_response(401, "Unauthorized"), None
        event: dict[str, Any] = {"type": "TOKEN", "authorizationToken": token, "methodArn": arn}
    else:
        event = {
            "type": "REQUEST",
            "methodArn": arn,
            "httpMethod": request.method,
            "path": request.path,
            "headers": dict(request.headers),
            "queryStringParameters": dict(request.query_pairs()),
        }
    try:
        called = lambda_call.call(str(authorizer.authorizer_uri), event)
    except lambda_call.IntegrationFailed:
        return json_response(500, "Internal server error"), None
    answer = json.loads(called.payload or b"null")
    if called.function_error:
        if isinstance(answer, dict) and answer.get("errorMessage") == "Unauthorized":
            return json_response(401, "Unauthorized"), None
        return json_response(500, "Internal server error"), None
    verdict = _allows(answer.get("policyDocument") if isinstance(answer, dict) else None, arn)
    if verdict is False:
        return _message(
            403, "User is not authorized to access this resource with an explicit deny"
        ), None
    if verdict is None:
        return _message(403, "User is not authorized to access this resource"), None
    context = {"principalId": answer.get("principalId"), **(answer.get("context") or {})}
    return None, context


def check(api: Any, stage: str, method: Any, request: Request) -> tuple[Response | None, Any]:
    """(an error answer or None, the authorizer context for the event)."""
    if method.api_key_required:
        denied = _api_key(api, stage, request)
        if denied is not None:
            return denied, None
    if str(method.authorization_type or "NONE").upper() == "CUSTOM":
        return _authorize(api, stage, method, request)
    return None, None
