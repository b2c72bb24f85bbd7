"""N events at once -> N concurrent copies, capped by reserved concurrency (429 beyond)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.functional.lambda_helpers import invoke, make_function

SLEEPER = "import os, time\ndef handler(e, c):\n    time.sleep(0.5)\n    return os.getpid()\n"


def test_parallel_invokes_scale_out(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("scale")
    make_function(lam, iam, name, SLEEPER)
    invoke(lam, name)  # one warm worker to start with
    with ThreadPoolExecutor(4) as pool:
        pids = list(pool.map(lambda _: invoke(aws_client("lambda"), name)[0], range(4)))
    # A warm worker is reused when free, so four different processes means four ran at once
    # (no wall-clock bound: timings are for bench/, not tests).
    assert len(set(pids)) == 4, pids


def test_reserved_concurrency_throttles(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("reserved")
    # Long enough that the second call surely arrives while the first runs, even on a busy machine.
    make_function(lam, iam, name, SLEEPER.replace("0.5", "3"))
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=1)
    clients = [aws_client("lambda"), aws_client("lambda")]  # made up front: creating one is slow

    def call(index: int) -> str:
        client = clients[index]
        try:
            client.invoke(FunctionName=name, Payload=b"{}")
        except client.exceptions.TooManyRequestsException as exc:
            assert exc.response["ResponseMetadata"]["HTTPStatusCode"] == 429
            return "throttled"
        return "ran"

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(call, 0)
        time.sleep(0.5)
        second = pool.submit(call, 1)
        outcomes = sorted([first.result(), second.result()])
    assert outcomes == ["ran", "throttled"]


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
