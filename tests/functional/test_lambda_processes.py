"""What a handler starts ends with its invocation; a warm worker is frozen; a bad pipe is an error."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from courseware.cloud.events import async_invoke
from tests.functional.lambda_helpers import invoke, log_messages, make_function, wait_for
from tests.functional.policy_helpers import make_sending_function

PROC = Path("/proc")


def _with_marker(marker: str) -> list[int]:
    """Pids whose command line carries ``marker``."""
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _of_function(name: str) -> list[int]:
    """Pids whose environment names function ``name`` (its worker's processes)."""
    wanted = f"AWS_LAMBDA_FUNCTION_NAME={name}\0".encode()
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                if wanted in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _state(pid: int) -> str:
    return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]


@pytest.fixture(autouse=True)
def _fast_retries() -> Iterator[None]:
    saved = async_invoke.RETRY_DELAYS
    async_invoke.RETRY_DELAYS = (0.2, 0.4)
    yield
    async_invoke.RETRY_DELAYS = saved


FORK_BOMB = """import os
def handler(event, context):
    started = 0
    for _ in range(event["n"]):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            os.execv("/bin/sh", ["sh", "-c", "sleep 300; : " + event["marker"]])
        started += 1
    return started
"""


def test_a_fork_bomb_is_capped_and_leaves_no_process(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name, marker = unique("forks"), uuid.uuid4().hex
    make_function(lam, iam, name, FORK_BOMB, Timeout=120, MemorySize=2048)
    result, response = invoke(lam, name, {"n": 1100, "marker": marker})
    # Either forks failed past Lambda's 1,024 processes (a non-root user's RLIMIT_NPROC) or
    # the worker was ended for going past it (root is exempt from RLIMIT_NPROC).
    assert "FunctionError" in response or result < 1100, result
    assert wait_for(lambda: not _with_marker(marker), timeout=30)


SETSID_CHILD = """import subprocess
def handler(event, context):
    subprocess.Popen(["/bin/sh", "-c", "sleep 300; : " + event["marker"]], start_new_session=True)
    return "left a child behind"
"""


def test_a_child_in_its_own_session_ends_with_the_invocation(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name, marker = unique("setsid"), uuid.uuid4().hex
    make_function(lam, iam, name, SETSID_CHILD)
    assert invoke(lam, name, {"marker": marker})[0] == "left a child behind"
    assert _with_marker(marker) == [], "the child outlived its invocation"
    assert invoke(lam, name, {"marker": marker})[0] == "left a child behind"  # still warm


SPINNER = """import threading
count = [0]
def spin():
    while True:
        count[0] += 1
def handler(event, context):
    if not event.get("peek"):
        threading.Thread(target=spin, daemon=True).start()
    return "spinning"
"""


def test_a_warm_worker_is_frozen_between_invocations(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("spin")
    make_function(lam, iam, name, SPINNER)
    assert invoke(lam, name)[0] == "spinning"
    pids = _of_function(name)
    assert pids, "the worker's processes are visible to their owner"
    assert {_state(pid) for pid in pids} == {"T"}, "a warm worker must use no CPU while idle"
    assert invoke(lam, name, {"peek": True})[0] == "spinning"  # thawed for the next invoke


GARBAGE = """import os, sys
def handler(event, context):
    os.write(int(sys.argv[2]), b"\\x00\\x00\\x00\\x05hello")
    print("wrote garbage for", event.get("id"))
    import time
    time.sleep(30)
"""


def test_garbage_on_the_result_pipe_is_a_runtime_exit_error(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("garbage")
    make_function(lam, iam, name, GARBAGE, Timeout=60)
    body, response = invoke(lam, name)
    assert response["StatusCode"] == 200
    assert response["FunctionError"] == "Unhandled"
    assert body["errorType"] == "Runtime.ExitError"
    assert "malformed message" in body["errorMessage"]


def test_garbage_on_an_async_invoke_is_retried_then_dead_lettered(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("garbage-async")
    url = sqs.create_queue(QueueName=name + "-dlq")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    make_sending_function(
        lam, iam, name, GARBAGE, arn, Timeout=60, DeadLetterConfig={"TargetArn": arn}
    )
    event = {"id": "order-7"}
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps(event))
    dead = wait_for(
        lambda: sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"]).get("Messages"),
        timeout=60,
    )
    assert json.loads(dead[0]["Body"]) == event
    assert "malformed message" in dead[0]["MessageAttributes"]["ErrorMessage"]["StringValue"]
    reports = [m for m in log_messages(logs, name) if m.startswith("REPORT")]
    assert len(reports) == 3, "one attempt plus two retries"
    assert all("Runtime.ExitError" in r for r in reports)


def test_the_processes_of_a_worker_are_ours() -> None:
    """Sanity for the helpers above: this process can read its own environment."""
    assert _of_function("no-such-function-" + uuid.uuid4().hex) == []
    assert os.getpid() in [int(p.name) for p in PROC.iterdir() if p.name.isdigit()]
