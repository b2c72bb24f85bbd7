"""Calling API stages and function URLs the way curl or a browser does."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Answer:
    """An HTTP answer."""

    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, data: bytes | None = None, method: str = "GET", **headers: str) -> Answer:
    """Request ``url``; a ``*.localhost`` host is dialled on 127.0.0.1, as curl does."""
    split = urlsplit(url)
    host = split.hostname or ""
    real = url.replace(host, "127.0.0.1", 1) if host.endswith(".localhost") else url
    request = urllib.request.Request(real, data=data, method=method, headers=headers)
    request.add_header("Host", split.netloc)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return Answer(answer.status, dict(answer.headers.items()), answer.read())
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, dict(exc.headers.items()), exc.read())


def lambda_uri(function_arn: str) -> str:
    """The integration URI of a Lambda proxy integration."""
    return (
        f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{function_arn}/invocations"
    )


def allow_api(lam: object, function_arn: str, api_id: str) -> None:
    """``lambda add-permission`` for API Gateway, scoped to the API (what AWS requires)."""
    account = function_arn.split(":")[4]
    lam.add_permission(  # type: ignore[attr-defined]
        FunctionName=function_arn,
        StatementId=f"apigw-{api_id}",
        Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
        SourceArn=f"arn:aws:execute-api:us-east-1:{account}:{api_id}/*",
    )
