"""The cloud keeps HTTP/1.1 connections open between requests, safely (issue #22)."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint, moto_api_headers
from courseware.cloud.keep_alive import MAX_DRAIN


@pytest.fixture
def conn(cloud: Endpoint) -> Iterator[http.client.HTTPConnection]:
    connection = http.client.HTTPConnection(cloud.host, cloud.port, timeout=30)
    try:
        yield connection
    finally:
        connection.close()


def _send(
    conn: http.client.HTTPConnection, method: str, path: str, headers: dict[str, str], body: bytes
) -> tuple[int, str | None, bytes]:
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.getheader("Connection"), response.read()


def _api(cloud: Endpoint) -> dict[str, str]:
    return {"Host": f"{cloud.host}:{cloud.port}", **moto_api_headers(cloud)}


def test_two_requests_share_one_connection(
    cloud: Endpoint, conn: http.client.HTTPConnection
) -> None:
    status, connection, body = _send(conn, "GET", "/_courseware/iam", _api(cloud), b"")
    assert status == 200, body
    assert connection is None  # not "close"
    first = conn.sock
    assert first is not None, "the cloud closed the connection after one request"
    status, _, body = _send(conn, "GET", "/_courseware/iam", _api(cloud), b"")
    assert status == 200 and "enforced" in json.loads(body), body
    assert conn.sock is first


def test_an_unread_body_is_drained_before_the_next_request(
    cloud: Endpoint, conn: http.client.HTTPConnection, aws_client: Any
) -> None:
    # The front door refuses a web page's POST without reading its body; the body's bytes
    # must not be taken for the next request line.
    page = {"Host": f"{cloud.host}:{cloud.port}", "Origin": "https://evil.example"}
    status, _, _ = _send(conn, "POST", "/", page, b"Action=CreateQueue&QueueName=x" * 100)
    assert status == 403
    first = conn.sock
    status, _, body = _send(conn, "GET", "/_courseware/iam", _api(cloud), b"")
    assert status == 200, body
    assert conn.sock is first


def test_a_huge_unread_body_closes_the_connection(
    cloud: Endpoint, conn: http.client.HTTPConnection
) -> None:
    page = {"Host": f"{cloud.host}:{cloud.port}", "Origin": "https://evil.example"}
    status, connection, _ = _send(conn, "POST", "/", page, b"x" * (MAX_DRAIN + 1))
    assert status == 403
    assert connection == "close"


def test_a_client_that_asks_to_close_is_closed(
    cloud: Endpoint, conn: http.client.HTTPConnection
) -> None:
    status, connection, _ = _send(
        conn, "GET", "/_courseware/iam", {**_api(cloud), "Connection": "close"}, b""
    )
    assert status == 200 and connection == "close"
