"""Web pages and rebinding DNS names cannot drive the embedded cloud; /moto-api is ours alone."""

from __future__ import annotations

import http.client
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint, moto_api_headers


def _request(
    cloud: Endpoint, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(cloud.host, cloud.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for key, value in headers.items():
            conn.putheader(key, value)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def test_a_cross_origin_text_plain_post_creates_nothing(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    name = unique("drive-by")
    # What fetch(url, {method: "POST", mode: "no-cors", body: "..."}) sends from a web page.
    status, _, body = _request(
        cloud,
        "POST",
        "/",
        {
            "Host": f"{cloud.host}:{cloud.port}",
            "Origin": "https://evil.example",
            "Sec-Fetch-Site": "cross-site",
            "Sec-Fetch-Mode": "no-cors",
            "Content-Type": "text/plain;charset=UTF-8",
        },
        f"Action=CreateQueue&QueueName={name}".encode(),
    )
    assert status == 403, body
    assert b"web pages" in body
    urls = aws_client("sqs").list_queues(QueueNamePrefix=name).get("QueueUrls", [])
    assert urls == []


def test_a_rebound_dns_name_is_refused(cloud: Endpoint) -> None:
    status, _, body = _request(cloud, "GET", "/moto-api/data.json", {"Host": "evil.example"})
    assert status == 403 and b"Host" in body
    ok, _, _ = _request(cloud, "POST", "/", {"Host": f"localhost:{cloud.port}"})
    assert ok != 403, "localhost:<port> is this machine's own name for the cloud"


def test_a_preflight_gets_no_permission(cloud: Endpoint) -> None:
    status, headers, _ = _request(
        cloud,
        "OPTIONS",
        "/",
        {
            "Host": f"{cloud.host}:{cloud.port}",
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert status == 403
    assert "access-control-allow-origin" not in headers


def test_moto_api_needs_the_per_run_secret(cloud: Endpoint) -> None:
    host = {"Host": f"{cloud.host}:{cloud.port}"}
    refused, _, body = _request(cloud, "GET", "/moto-api/data.json", host)
    assert refused == 403 and b"secret" in body
    wrong, _, _ = _request(
        cloud, "GET", "/moto-api/data.json", {**host, "X-Courseware-Secret": "guess"}
    )
    assert wrong == 403
    # The seed route is harmless (moto's dashboard JSON can fail on other tests' resources).
    allowed, _, body = _request(
        cloud, "POST", "/moto-api/seed?a=42", {**host, **moto_api_headers(cloud)}
    )
    assert allowed == 200, body
