"""`courseware cloud`, `courseware env` and `courseware aws` as a learner runs them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint


def _start_cloud_process(home: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "COURSEWARE_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "courseware", "cloud", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    return proc, ready


def test_cloud_command_prints_ready_line_and_exports(
    tmp_path: Path, cw: Callable[..., Any]
) -> None:
    proc, ready = _start_cloud_process(tmp_path)
    try:
        assert ready.startswith("courseware cloud ready at http://127.0.0.1:"), ready
        url = ready.split(" at ")[1].split()[0]
        env = {**os.environ, "COURSEWARE_HOME": str(tmp_path)}
        printed = cw("env", env=env)
        assert printed.returncode == 0, printed.stderr
        assert f"export AWS_ENDPOINT_URL={url}" in printed.stdout
        created = cw(
            "aws", "sqs", "create-queue", "--queue-name", "hello", "--output", "json", env=env
        )
        assert created.returncode == 0, created.stderr
        assert json.loads(created.stdout)["QueueUrl"].endswith("/123456789012/hello")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    assert proc.returncode == 0
    assert not (tmp_path / "cloud.json").exists(), "address file left behind after stop"


def test_busy_port_is_a_clear_error_not_a_traceback(tmp_path: Path, cw: Callable[..., Any]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = cw(
            "cloud", "--port", str(port), env={**os.environ, "COURSEWARE_HOME": str(tmp_path)}
        )
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_commands_explain_when_no_cloud_runs(tmp_path: Path, cw: Callable[..., Any]) -> None:
    env = {**os.environ, "COURSEWARE_HOME": str(tmp_path)}
    env.pop("AWS_ENDPOINT_URL", None)
    for args in (("env",), ("aws", "sqs", "list-queues")):
        result = cw(*args, env=env)
        assert result.returncode == 1
        assert "no embedded cloud is running" in result.stderr


def test_aws_passthrough_ignores_real_credentials(
    cloud: Endpoint, tmp_path: Path, cw: Callable[..., Any]
) -> None:
    creds = tmp_path / "credentials"
    creds.write_text("[default]\naws_access_key_id = AKIAREALKEY\naws_secret_access_key = real\n")
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "AKIAREALKEY",
        "AWS_SECRET_ACCESS_KEY": "real",
        "AWS_PROFILE": "production",
        "AWS_SHARED_CREDENTIALS_FILE": str(creds),
    }
    result = cw("aws", "sts", "get-caller-identity", "--output", "json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["Account"] == "123456789012"


def test_cloud_refuses_non_loopback_endpoint(cw: Callable[..., Any], tmp_path: Path) -> None:
    env = {
        **os.environ,
        "COURSEWARE_HOME": str(tmp_path),
        "AWS_ENDPOINT_URL": "https://sqs.amazonaws.com:443",
    }
    result = cw("aws", "sqs", "list-queues", env=env)
    assert result.returncode == 1
    assert "only talks to a cloud on loopback" in result.stderr


@pytest.mark.parametrize("service", ["dynamodb", "sqs", "lambda", "stepfunctions", "logs", "iam"])
def test_core_services_answer(aws_client: Callable[[str], Any], service: str) -> None:
    calls = {
        "dynamodb": lambda c: c.list_tables(),
        "sqs": lambda c: c.list_queues(),
        "lambda": lambda c: c.list_functions(),
        "stepfunctions": lambda c: c.list_state_machines(),
        "logs": lambda c: c.describe_log_groups(),
        "iam": lambda c: c.list_roles(),
    }
    response = calls[service](aws_client(service))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    time.sleep(0)


def test_a_second_cloud_in_one_process_is_refused_clearly(cloud: Endpoint) -> None:
    from courseware.cloud.server import CloudError, EmbeddedCloud

    with pytest.raises(CloudError, match=f"already runs in this process at {cloud.url}"):
        EmbeddedCloud(port=0).start()
