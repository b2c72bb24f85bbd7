"""Checks on a REST API: what its stage answers when the check calls the invoke URL.

``api_proxy_route`` reads the method's Lambda proxy integration (before any deployment there
is no URL to call); ``function_allows_api`` reads the function's resource policy for API
Gateway's principal and a ``SourceArn`` that covers the method; ``api_reaches_function``,
``api_answers`` and ``api_requires_key`` call the stage through the embedded API Gateway
with a probe path and query string and look at the status, headers, body and logs.
"""

from __future__ import annotations

import fnmatch
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from courseware.cloud.endpoint import REGION
from courseware.course.checks.base import CheckResult, Cloud, Param, check, fail, ok, unless_missing
from courseware.course.checks.lambda_checks import invocation_logs
from courseware.course.checks.outcome_checks import probe_token


@dataclass(frozen=True)
class Answer:
    """What the stage answered."""

    status: int
    headers: dict[str, str]
    body: str


def rest_api_id(cloud: Cloud, name: str) -> str | None:
    """The id of the REST API named ``name`` (the newest when there are several), or None."""
    apis = [a for a in cloud.apigateway.get_rest_apis(limit=500)["items"] if a["name"] == name]
    apis.sort(key=lambda a: str(a.get("createdDate", "")))
    return str(apis[-1]["id"]) if apis else None


def method_arn(account: str, api_id: str, stage: str, method: str, path: str) -> str:
    """The execute-api ARN of one call (what a ``SourceArn`` must cover)."""
    return f"arn:aws:execute-api:{REGION}:{account}:{api_id}/{stage}/{method}{path}"


def usable_key(cloud: Cloud, api_id: str, stage: str) -> str | None:
    """The value of an enabled API key in a usage plan of this API stage, or None."""
    keys = {
        k["id"]: k
        for k in cloud.apigateway.get_api_keys(includeValues=True)["items"]
        if k.get("enabled")
    }
    for plan in cloud.apigateway.get_usage_plans()["items"]:
        stages = {(s.get("apiId"), s.get("stage")) for s in plan.get("apiStages") or []}
        if (api_id, stage) not in stages:
            continue
        for planned in cloud.apigateway.get_usage_plan_keys(usagePlanId=plan["id"])["items"]:
            if planned["id"] in keys:
                return str(keys[planned["id"]]["value"])
    return None


def call(
    cloud: Cloud, api_id: str, stage: str, method: str, path: str, key: str | None = None
) -> Answer:
    """Call ``path`` (with its query string) on the stage, path-style, with ``key`` if given."""
    url = f"{cloud.endpoint.url}/restapis/{api_id}/{stage}/_user_request_{path}"
    headers = {"Content-Type": "application/json"}
    if key:
        headers["x-api-key"] = key
    data = b'{"probe": true}' if method in {"POST", "PUT", "PATCH"} else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            got = {k.lower(): v for k, v in response.headers.items()}
            return Answer(int(response.status), got, response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        got = {k.lower(): v for k, v in exc.headers.items()}
        return Answer(int(exc.code), got, exc.read().decode("utf-8", "replace"))


def _missing_api(api: str) -> CheckResult:
    return fail(
        f"REST API {api}",
        f"There is no REST API named {api!r} yet.",
        f"a REST API named {api}",
        "no such API",
    )


def _find_method(cloud: Cloud, api_id: str, path: str, method: str) -> dict[str, Any] | None:
    resources = cloud.apigateway.get_resources(restApiId=api_id, limit=500)["items"]
    ids = [r["id"] for r in resources if r["path"] == path]
    if not ids:
        return None
    found = unless_missing(
        lambda: cloud.apigateway.get_method(restApiId=api_id, resourceId=ids[0], httpMethod=method)
    )
    return dict(found) if found is not None else None


@check(api=Param(str), path=Param(str), method=Param(str), function=Param(str))
def api_proxy_route(cloud: Cloud, api: str, path: str, method: str, function: str) -> CheckResult:
    """``method path`` of the REST API has a Lambda proxy integration to ``function``."""
    api_id = rest_api_id(cloud, api)
    if api_id is None:
        return _missing_api(api)
    where = f"{api} {method} {path}"
    found = _find_method(cloud, api_id, path, method)
    if found is None:
        return fail(
            where,
            f"{api} has no {method} method on the resource {path}: create the resources "
            "(the path parameter is a resource whose path part is in braces) and the method.",
            f"{method} {path}",
            "no such method",
        )
    integration = found.get("methodIntegration") or {}
    kind, uri = str(integration.get("type", "")), str(integration.get("uri", ""))
    if kind != "AWS_PROXY":
        return fail(
            where,
            f"The integration type is {kind or 'missing'}: choose Lambda proxy integration "
            "(type AWS_PROXY), which passes the whole request to the function.",
            "AWS_PROXY",
            kind or "no integration",
        )
    if f":function:{function}/" not in uri and f":function:{function}:" not in uri:
        return fail(
            where, f"The integration calls {uri}, not {function}.", function, uri or "no URI"
        )
    return ok(where, f"{method} {path} proxies every request to {function}.", "AWS_PROXY")


def _statements(cloud: Cloud, function: str) -> list[dict[str, Any]]:
    policy = unless_missing(lambda: cloud.lambda_.get_policy(FunctionName=function))
    if policy is None:
        return []
    statements = json.loads(policy["Policy"]).get("Statement") or []
    return list(statements if isinstance(statements, list) else [statements])


def _covers(statement: dict[str, Any], arn: str) -> bool:
    principal = statement.get("Principal") or {}
    service = principal.get("Service") if isinstance(principal, dict) else principal
    actions = statement.get("Action") or []
    actions = actions if isinstance(actions, list) else [actions]
    if service != "apigateway.amazonaws.com" or statement.get("Effect") != "Allow":
        return False
    if not any(a in {"lambda:InvokeFunction", "lambda:*"} for a in actions):
        return False
    conditions = statement.get("Condition") or {}
    source = (conditions.get("ArnLike") or conditions.get("ArnEquals") or {}).get("AWS:SourceArn")
    return isinstance(source, str) and fnmatch.fnmatchcase(arn, source)


@check(function=Param(str), api=Param(str), stage=Param(str), method=Param(str), path=Param(str))
def function_allows_api(
    cloud: Cloud, function: str, api: str, stage: str, method: str, path: str
) -> CheckResult:
    """The function's resource policy lets API Gateway invoke it for this API's method only."""
    api_id = rest_api_id(cloud, api)
    if api_id is None:
        return _missing_api(api)
    account = str(cloud.sts.get_caller_identity()["Account"])
    arn = method_arn(account, api_id, stage, method, path.replace("{", "").replace("}", ""))
    where = f"function {function} resource policy"
    statements = _statements(cloud, function)
    if any(_covers(s, arn) for s in statements):
        return ok(where, f"API Gateway may invoke {function} for {arn}.", arn)
    unscoped = [s for s in statements if "Condition" not in s]
    return fail(
        where,
        (
            "A statement lets API Gateway invoke the function from any API: add a SourceArn "
            f"for {api}'s execute-api ARN (arn:aws:execute-api:{REGION}:{account}:{api_id}/*)."
            if unscoped
            else f"No statement lets apigateway.amazonaws.com call lambda:InvokeFunction "
            f"with a SourceArn that covers {arn}: run lambda add-permission."
        ),
        f"an Allow for apigateway.amazonaws.com with SourceArn covering {arn}",
        f"{len(statements)} statement(s)",
    )


def _stage_or_fail(cloud: Cloud, api: str, stage: str) -> tuple[str | None, CheckResult | None]:
    api_id = rest_api_id(cloud, api)
    if api_id is None:
        return None, _missing_api(api)
    if (
        unless_missing(lambda: cloud.apigateway.get_stage(restApiId=api_id, stageName=stage))
        is None
    ):
        return None, fail(
            f"{api} stage {stage}",
            f"{api} has no stage {stage!r}: deploy the API (create-deployment --stage-name {stage}).",
            f"a stage named {stage}",
            "no such stage",
        )
    return api_id, None


def _probe_path(path: str, token: str) -> str:
    """``/hooks/{source}`` → ``/hooks/TOKEN?event=TOKEN``."""
    parts = [token if p.startswith("{") else p for p in path.split("/")]
    return "/".join(parts) + f"?event={token}"


@check(api=Param(str), stage=Param(str), method=Param(str), path=Param(str), function=Param(str))
def api_reaches_function(
    cloud: Cloud, api: str, stage: str, method: str, path: str, function: str
) -> CheckResult:
    """A call to the stage's URL with a probe path runs ``function`` (its log shows the probe)."""
    api_id, failed = _stage_or_fail(cloud, api, stage)
    if api_id is None:
        return failed  # type: ignore[return-value]
    token = probe_token()
    where = f"{api} stage {stage}"
    answer = call(
        cloud, api_id, stage, method, _probe_path(path, token), usable_key(cloud, api_id, stage)
    )
    if answer.status == 403:
        return fail(
            where,
            f"{method} {path} on stage {stage} answered 403 {answer.body[:120]}: the stage has "
            "no such route (deploy again after changing the API).",
            "the function runs",
            "403",
        )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if any(token in line for lines in invocation_logs(cloud, function) for line in lines):
            return ok(where, f"The stage ran {function} and answered {answer.status}.", function)
        time.sleep(0.25)
    return fail(
        where,
        f"The call answered {answer.status} {answer.body[:120]} but {function}'s log does not "
        "show the probe's path parameter: is the integration's function the lab's handler?",
        f"{function} logs the probe",
        str(answer.status),
    )


def _judge(
    answer: Answer, token: str, status: int, header: str, where: str, call_text: str
) -> CheckResult:
    if answer.status != status:
        hint = (
            " 502 means the function's answer is not a valid proxy response: statusCode, "
            "headers, and body as a string."
            if answer.status == 502
            else ""
        )
        return fail(
            where,
            f"{call_text} answered {answer.status} {answer.body[:160]}.{hint}",
            str(status),
            str(answer.status),
        )
    if answer.headers.get(header.lower()) != token:
        return fail(
            where,
            f"{call_text} answered without the header {header}: <the path parameter>.",
            f"{header}: {token}",
            answer.headers.get(header.lower(), "no such header"),
        )
    try:
        body = json.loads(answer.body)
    except ValueError:
        body = None
    if not isinstance(body, dict) or token not in (body.get("received"), body.get("event")):
        return fail(
            where,
            f"{call_text}'s body is not JSON naming the source and the event: {answer.body[:160]}",
            '{"received": <source>, "event": <event>}',
            answer.body[:160],
        )
    return ok(where, f"{call_text} answered {status} with {header} and a JSON body.", str(status))


@check(
    api=Param(str),
    stage=Param(str),
    method=Param(str),
    path=Param(str),
    status=Param(int),
    header=Param(str),
)
def api_answers(
    cloud: Cloud, api: str, stage: str, method: str, path: str, status: int, header: str
) -> CheckResult:
    """The stage answers a probe call with ``status``, ``header: <path param>`` and a JSON body."""
    api_id, failed = _stage_or_fail(cloud, api, stage)
    if api_id is None:
        return failed  # type: ignore[return-value]
    token = probe_token()
    answer = call(
        cloud, api_id, stage, method, _probe_path(path, token), usable_key(cloud, api_id, stage)
    )
    return _judge(answer, token, status, header, f"{api} stage {stage}", f"{method} {path}")


@check(
    api=Param(str),
    stage=Param(str),
    method=Param(str),
    path=Param(str),
    status=Param(int),
    header=Param(str),
)
def api_requires_key(
    cloud: Cloud, api: str, stage: str, method: str, path: str, status: int, header: str
) -> CheckResult:
    """Without ``x-api-key`` the stage answers 403; with a key of its usage plan, ``status``."""
    api_id, failed = _stage_or_fail(cloud, api, stage)
    if api_id is None:
        return failed  # type: ignore[return-value]
    where = f"{api} stage {stage}"
    token = probe_token()
    bare = call(cloud, api_id, stage, method, _probe_path(path, token))
    if bare.status != 403:
        return fail(
            where,
            f"{method} {path} without x-api-key answered {bare.status}: require an API key on "
            "the method, then deploy the stage again.",
            "403",
            str(bare.status),
        )
    key = usable_key(cloud, api_id, stage)
    if key is None:
        return fail(
            where,
            f"No enabled API key is in a usage plan for {api} stage {stage}: create a key, a "
            "usage plan with this stage, and add the key to the plan.",
            "a key in a usage plan of the stage",
            "none",
        )
    answer = call(cloud, api_id, stage, method, _probe_path(path, token), key)
    return _judge(answer, token, status, header, where, f"{method} {path} with x-api-key")
