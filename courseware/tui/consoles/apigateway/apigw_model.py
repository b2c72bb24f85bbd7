"""The API Gateway console's pure helpers: the resources tree, ARNs, URLs, test requests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from courseware.cloud.endpoint import REGION
from courseware.tui.consoles.common.form_fields import FormError

__all__ = ["REGION"]

VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY")
AUTHORIZATIONS = ("NONE", "AWS_IAM")
_PATH_PART = re.compile(r"^(\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._:@~-]+)$")
_FUNCTION_IN_URI = re.compile(r"functions/(?P<arn>[^/]+)/invocations")


@dataclass(frozen=True)
class TreeLine:
    """One line of the tree: a resource (``verb`` None) or one of its methods."""

    key: str
    resource_id: str
    path: str
    verb: str | None
    label: str
    detail: str


def method_detail(method: dict[str, Any]) -> str:
    """A method's integration, authorization and API key flag, in a few words."""
    auth = str(method.get("authorizationType") or "NONE")
    key = " · API key required" if method.get("apiKeyRequired") else ""
    return f"{integration_text(method.get('methodIntegration'))} · auth {auth}{key}"


def resource_tree(resources: list[dict[str, Any]]) -> list[TreeLine]:
    """The resources of a REST API as a text tree, parents before children, siblings by name.

    ``/`` is the root; each child is drawn with ``├─`` / ``└─`` under its parent, and each
    method is a line under its resource (``● POST``) with its integration in ``detail``.
    """
    children: dict[str | None, list[dict[str, Any]]] = {}
    ids = {str(r["id"]) for r in resources}
    for resource in resources:
        parent = resource.get("parentId")
        children.setdefault(str(parent) if parent in ids else None, []).append(resource)
    lines: list[TreeLine] = []

    def walk(resource: dict[str, Any], prefix: str, last: bool, top: bool) -> None:
        rid, path = str(resource["id"]), str(resource.get("path", "/"))
        name = "/" if top else str(resource.get("pathPart", ""))
        branch = "" if top else ("└─ " if last else "├─ ")
        lines.append(TreeLine(f"r:{rid}", rid, path, None, prefix + branch + name, f"id {rid}"))
        inner = "" if top else prefix + ("   " if last else "│  ")
        kids = sorted(children.get(rid, []), key=lambda r: str(r.get("pathPart")))
        methods = resource.get("resourceMethods") or {}
        bar = "│  " if kids else "   "
        for verb in sorted(methods):
            detail = method_detail(methods[verb] or {})
            lines.append(
                TreeLine(f"m:{rid}:{verb}", rid, path, verb, inner + bar + "● " + verb, detail)
            )
        for index, kid in enumerate(kids):
            walk(kid, inner, index == len(kids) - 1, False)

    for root in sorted(children.get(None, []), key=lambda r: str(r.get("path", ""))):
        walk(root, "", True, True)
    return lines


def path_part_problem(part: str) -> str | None:
    """Why ``part`` cannot be a resource's path part, or None.

    A path part is one segment: letters, digits and ``._-:@~``, or a path parameter in
    braces such as ``{source}`` (``{proxy+}`` is the greedy one).
    """
    if not part:
        return "Type a path part, e.g. hooks or {source}."
    if "/" in part:
        return "One segment only (no /): create a resource per level."
    if not _PATH_PART.match(part):
        return "Letters, digits and ._-:@~, or a path parameter in braces such as {source}."
    return None


def function_uri(region: str, function_arn: str) -> str:
    """The integration URI that calls a Lambda function (API Gateway's Lambda path)."""
    return (
        f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function_arn}/invocations"
    )


def function_of(uri: str) -> str | None:
    """The function name an integration URI calls, or None."""
    found = _FUNCTION_IN_URI.search(uri)
    if found is None:
        return None
    arn = found.group("arn")
    return arn.split(":function:", 1)[-1].split(":", 1)[0] if ":function:" in arn else arn


def integration_text(integration: dict[str, Any] | None) -> str:
    """A method's integration, in a few words."""
    if not integration:
        return "no integration"
    kind = str(integration.get("type", ""))
    function = function_of(str(integration.get("uri", "")))
    if kind == "AWS_PROXY" and function:
        return f"Lambda proxy → {function}"
    if kind == "AWS" and function:
        return f"Lambda (non-proxy) → {function}"
    return kind or "no integration"


def execute_api_arn(region: str, account: str, api_id: str, verb: str, path: str) -> str:
    """The ``SourceArn`` covering one method of every stage (``{param}`` segments as ``*``)."""
    parts = ["*" if p.startswith("{") else p for p in path.strip("/").split("/") if p]
    return f"arn:aws:execute-api:{region}:{account}:{api_id}/*/{verb}/" + "/".join(parts)


def parse_headers(text: str) -> dict[str, str]:
    """``Name: value`` lines → a header dict (blank lines skipped).

    Raises:
        FormError: a line without a colon (the message names it).
    """
    headers: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            raise FormError(f"Headers line {number}: write Name: value (got {line.strip()!r}).")
        headers[name.strip()] = value.strip()
    return headers


def invoke_path(resource_path: str, typed: str) -> str:
    """The ``pathWithQueryString`` of a test: what was typed, else the resource's own path.

    Raises:
        FormError: the path does not start with ``/``.
    """
    typed = typed.strip()
    if not typed:
        return resource_path
    if not typed.startswith("/"):
        raise FormError("The path starts with /, e.g. /hooks/github?event=push.")
    return typed


def invoke_result_text(answer: dict[str, Any], request: str = "") -> str:
    """TestInvokeMethod's answer as the console prints it: status, latency, headers, body, log.

    ``request`` (``POST /hooks/github?event=push``) heads it, saying which test this was.
    """
    headers = answer.get("headers") or {}
    lines = [
        *([f"Request: {request}"] if request else []),
        f"Status: {answer.get('status')}",
        f"Latency: {answer.get('latency', 0)} ms",
        "",
        "Response headers:",
        *(f"  {name}: {value}" for name, value in sorted(headers.items())),
        "",
        "Response body:",
        str(answer.get("body") or ""),
        "",
        "Log:",
        str(answer.get("log") or "").rstrip(),
    ]
    hint = invoke_hint(answer)
    return "\n".join([*lines, "", f"Hint: {hint}"] if hint else lines)


HINTS = (
    (
        "Invalid permissions on Lambda function",
        "The function's resource-based policy does not let API Gateway invoke it: Lambda → "
        "Configuration → Add permission (principal apigateway.amazonaws.com, this method's "
        "execute-api ARN as Source ARN), or tick Grant API Gateway permission in the method.",
    ),
    (
        "Malformed Lambda proxy response",
        "A proxy integration needs {statusCode, headers, body} from the function, with body "
        "a string (json.dumps / JSON.stringify).",
    ),
)


def invoke_hint(answer: dict[str, Any]) -> str | None:
    """What to do about a failed test call, read from its execution log, or None."""
    log = str(answer.get("log") or "")
    return next((hint for needle, hint in HINTS if needle in log), None)


def plan_row(plan: dict[str, Any]) -> tuple[str, str, str, str]:
    """A usage plan's row: name, stages, throttle, quota."""
    stages = ", ".join(f"{s.get('apiId')}:{s.get('stage')}" for s in plan.get("apiStages") or [])
    throttle = plan.get("throttle") or {}
    quota = plan.get("quota") or {}
    rate = (
        f"{throttle.get('rateLimit')}/s burst {throttle.get('burstLimit')}" if throttle else "none"
    )
    limit = f"{quota.get('limit')}/{str(quota.get('period', '')).lower()}" if quota else "none"
    return str(plan.get("name", "")), stages or "no stage", rate, limit


PERIODS = ("DAY", "WEEK", "MONTH")


def plan_request(
    name: str, rate: str, burst: str, quota: str, period: str, stage: str | None
) -> dict[str, Any]:
    """CreateUsagePlan's parameters from the form (empty throttle or quota fields: none).

    Args:
        name: The plan's name.
        rate: Requests per second (a number), or empty.
        burst: The burst (whole requests), or empty.
        quota: Requests per ``period`` (whole), or empty.
        period: DAY, WEEK or MONTH.
        stage: ``API_ID:STAGE`` to associate, or None.

    Raises:
        FormError: a missing name or a value that is not a positive number.
    """
    if not name.strip():
        raise FormError("Type the usage plan's name.")
    params: dict[str, Any] = {"name": name.strip()}
    if rate.strip() or burst.strip():
        try:
            rate_value = float(rate)
            burst_value = int(burst)
        except ValueError:
            raise FormError(
                "Throttle: rate is requests per second, burst a whole number."
            ) from None
        if rate_value <= 0 or burst_value <= 0:
            raise FormError("Throttle: rate and burst must be above 0.")
        params["throttle"] = {"rateLimit": rate_value, "burstLimit": burst_value}
    if quota.strip():
        try:
            limit = int(quota)
        except ValueError:
            raise FormError("Quota: a whole number of requests.") from None
        if limit <= 0 or period not in PERIODS:
            raise FormError("Quota: a number above 0 per DAY, WEEK or MONTH.")
        params["quota"] = {"limit": limit, "period": period}
    if stage:
        api_id, _, stage_name = stage.partition(":")
        params["apiStages"] = [{"apiId": api_id, "stage": stage_name}]
    return params


def stage_request_url(base: str, typed: str) -> str:
    """The URL to call: the stage's base URL (ending in ``/``) plus the typed path and query.

    Raises:
        FormError: the path does not start with ``/``.
    """
    typed = typed.strip() or "/"
    if not typed.startswith("/"):
        raise FormError("The path starts with /, e.g. /hooks/github?event=push.")
    return base.rstrip("/") + typed


def call_result_text(status: int, headers: list[tuple[str, str]], body: str) -> str:
    """An HTTP answer as ``curl -i`` prints it: status line, headers, blank line, body."""
    lines = [f"HTTP {status}", *(f"{name}: {value}" for name, value in headers), "", body]
    return "\n".join(lines)
