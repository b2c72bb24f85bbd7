"""N events at once -> N concurrent copies, capped by reserved concurrency (429 beyond)."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.functional.gate import HOLD, Gate
from tests.functional.lambda_helpers import invoke, make_function

# Each copy checks in, then waits (up to 20 s) until all of them have: only copies that really run
# at the same time can all see everyone, so no timing on this machine can make it pass by luck or fail.
# Workers are told apart by an id made at INIT: in their own PID namespaces (as in Lambda's
# separate environments) every worker may have the same pid.
RENDEZVOUS = """import os, time, uuid
ME = uuid.uuid4().hex
def handler(event, context):
    here = event["dir"]
    open(os.path.join(here, ME), "w").close()
    deadline = time.monotonic() + 20
    while len(os.listdir(here)) < event["expect"] and time.monotonic() < deadline:
        time.sleep(0.02)
    return {"pid": ME, "seen": len(os.listdir(here))}
"""


def test_parallel_invokes_scale_out(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("scale")
    make_function(lam, iam, name, RENDEZVOUS, Timeout=30)
    warmup = tmp_path / "warm"
    warmup.mkdir()
    invoke(lam, name, {"dir": str(warmup), "expect": 1})  # one warm worker to start with
    meeting = tmp_path / "meet"
    meeting.mkdir()
    clients = [aws_client("lambda") for _ in range(4)]  # made up front: creating one is slow
    with ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(lambda c: invoke(c, name, {"dir": str(meeting), "expect": 4})[0], clients)
        )
    assert [r["seen"] for r in results] == [4, 4, 4, 4], results
    assert len({r["pid"] for r in results}) == 4, results


def test_reserved_concurrency_throttles(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("reserved")
    make_function(
        lam,
        iam,
        name,
        HOLD + "def handler(event, context):\n    hold(event['gate'])\n    return 'ran'\n",
        Timeout=30,
    )
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=1)
    second = aws_client("lambda")
    with ThreadPoolExecutor(1) as pool:
        gate = Gate(tmp_path)  # the first call holds its one slot until the gate opens
        first = pool.submit(invoke, aws_client("lambda"), name, {"gate": gate.path})
        gate.wait_started()
        try:
            with pytest.raises(second.exceptions.TooManyRequestsException) as raised:
                second.invoke(FunctionName=name, Payload=b"{}")
            status = raised.value.response["ResponseMetadata"]["HTTPStatusCode"]
        finally:
            gate.open()
        assert status == 429
        assert first.result()[0] == "ran"


def test_reserved_concurrency_zero_throttles_everything(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("zero")
    make_function(lam, iam, name, "def handler(e, c):\n    return 1\n")
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    with pytest.raises(lam.exceptions.TooManyRequestsException):
        lam.invoke(FunctionName=name, Payload=json.dumps({}))
    lam.delete_function_concurrency(FunctionName=name)
    assert invoke(lam, name)[0] == 1
