"""The cloud counts what it answers and names its server errors at GET /_courseware/health."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from courseware.cloud.endpoint import Endpoint, credentials


def _health(cloud: Endpoint) -> dict[str, Any]:
    with urllib.request.urlopen(cloud.url + "/_courseware/health", timeout=30) as reply:
        return dict(json.loads(reply.read()))


def test_requests_and_server_errors_are_counted(
    cloud: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    before = _health(cloud)
    aws_client("sqs").list_queues()
    aws_client("dynamodb").list_tables()
    after = _health(cloud)
    assert after["requests"] >= before["requests"] + 2
    assert after["server_errors"] == before["server_errors"]

    # A body moto cannot parse: it fails inside moto, and the count says so.
    creds = credentials()
    request = AWSRequest(
        "POST",
        cloud.url + "/",
        data=b"{not json",
        headers={
            "X-Amz-Target": "DynamoDB_20120810.GetItem",
            "Content-Type": "application/x-amz-json-1.0",
        },
    )
    SigV4Auth(Credentials(creds.access_key, creds.secret_key), "dynamodb", "us-east-1").add_auth(
        request
    )
    plain = urllib.request.Request(
        cloud.url + "/", data=b"{not json", headers=dict(request.headers), method="POST"
    )
    try:
        urllib.request.urlopen(plain, timeout=30).close()
    except urllib.error.HTTPError as exc:
        assert exc.code >= 400
    broken = _health(cloud)
    assert broken["server_errors"] == after["server_errors"] + 1
    assert "DynamoDB_20120810.GetItem" in broken["last_server_errors"][-1]
