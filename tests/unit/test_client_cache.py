"""Clients for the embedded cloud are built once per endpoint, service and config."""

from __future__ import annotations

import threading
from typing import Any

from courseware.cloud.endpoint import Endpoint, client, fresh_client
from courseware.course.checks import Cloud

HERE = Endpoint("127.0.0.1", 45871)
THERE = Endpoint("127.0.0.1", 45872)


def test_the_same_client_comes_back() -> None:
    assert client("sqs", HERE) is client("sqs", HERE)
    assert client("sqs", HERE).meta.endpoint_url == HERE.url


def test_endpoints_services_and_configs_get_their_own() -> None:
    assert client("sqs", HERE) is not client("sqs", THERE)
    assert client("sqs", THERE).meta.endpoint_url == THERE.url
    assert client("sqs", HERE) is not client("lambda", HERE)
    slow = client("lambda", HERE, read_timeout=900)
    assert slow is not client("lambda", HERE)
    assert slow is client("lambda", HERE, read_timeout=900)
    assert slow.meta.config.read_timeout == 900


def test_fresh_client_is_never_shared() -> None:
    assert fresh_client("iam", HERE) is not fresh_client("iam", HERE)
    assert fresh_client("iam", HERE) is not client("iam", HERE)


def test_checks_clouds_share_clients() -> None:
    assert Cloud(HERE).sqs is Cloud(HERE).sqs
    assert Cloud(HERE).sfn is client("stepfunctions", HERE)


def test_threads_racing_get_one_client() -> None:
    endpoint = Endpoint("127.0.0.1", 45873)
    start = threading.Barrier(8)
    got: list[Any] = []

    def take() -> None:
        start.wait()
        got.append(client("dynamodb", endpoint))

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 8
    assert all(c is got[0] for c in got)


def test_the_join_path_admin_client_never_taints_the_shared_clients() -> None:
    from courseware.cloud.accounts import admin_client

    endpoint = Endpoint("127.0.0.1", 9)
    shared = client("sqs", endpoint)
    admin = admin_client("sqs", endpoint, "111122223333")
    assert admin is not shared
    assert client("sqs", endpoint) is shared
