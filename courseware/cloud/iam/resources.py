"""The ARN a request acts on, for the services handlers call (``*`` when not known)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote


def _body(response: Any) -> dict[str, Any]:
    raw = getattr(response, "body", "") or ""
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    try:
        parsed = json.loads(raw) if str(raw).strip().startswith("{") else {}
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _param(response: Any, name: str) -> str:
    body = _body(response)
    if name in body:
        return str(body[name])
    values = (getattr(response, "querystring", None) or {}).get(name)
    return str(values[0]) if values else ""


def resource_arn(service: str, response: Any, region: str, account: str, given: str) -> str:
    """The resource of ``response``'s request; ``given`` is moto's own (S3 passes a real one)."""
    if given != "*":
        return given
    if service == "dynamodb":
        table = _param(response, "TableName") or next(
            iter(_body(response).get("RequestItems", {})), ""
        )
        return f"arn:aws:dynamodb:{region}:{account}:table/{table}" if table else "*"
    if service == "sqs":
        url = _param(response, "QueueUrl")
        if url:
            return f"arn:aws:sqs:{region}:{account}:{url.rstrip('/').rsplit('/', 1)[-1]}"
        name = _param(response, "QueueName")  # GetQueueUrl, CreateQueue: the queue they name
        owner = _param(response, "QueueOwnerAWSAccountId") or account
        return f"arn:aws:sqs:{region}:{owner}:{name}" if name else "*"
    if service == "sns":
        return _param(response, "TopicArn") or _param(response, "TargetArn") or "*"
    if service == "logs":
        group = _param(response, "logGroupName")
        return f"arn:aws:logs:{region}:{account}:log-group:{group}:*" if group else "*"
    if service == "states":
        return _param(response, "stateMachineArn") or _param(response, "executionArn") or "*"
    if service == "events":
        bus = _param(response, "EventBusName") or "default"
        return (
            bus if bus.startswith("arn:") else f"arn:aws:events:{region}:{account}:event-bus/{bus}"
        )
    if service == "lambda":
        path = str(getattr(response, "path", "") or "")
        if "/functions/" in path:
            name = unquote(path.split("/functions/", 1)[1].split("/", 1)[0])
            return (
                name
                if name.startswith("arn:")
                else f"arn:aws:lambda:{region}:{account}:function:{name}"
            )
    return "*"
