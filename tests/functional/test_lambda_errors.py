"""Every way a handler can fail is reported exactly as AWS reports it, and never hurts the app."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.functional.lambda_helpers import invoke, log_messages, make_function


def _fails(lam: Any, iam: Any, name: str, source: str, **extra: Any) -> tuple[dict[str, Any], Any]:
    make_function(lam, iam, name, source, **extra)
    body, response = invoke(lam, name, {"k": "v"})
    assert response["FunctionError"] == "Unhandled", body
    assert response["StatusCode"] == 200
    return body, response


def test_unhandled_exception(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("raise")
    body, _ = _fails(lam, iam, name, "def handler(e, c):\n    raise KeyError('missing thing')\n")
    assert body["errorType"] == "KeyError"
    assert body["errorMessage"] == "'missing thing'"
    assert body["requestId"]
    assert any('File "/var/task/app.py", line 2, in handler' in f for f in body["stackTrace"])
    assert any(m.startswith("[ERROR] KeyError: 'missing thing'") for m in log_messages(logs, name))


def test_import_error(aws_client: Callable[[str], Any], unique: Callable[[str], str]) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    body, _ = _fails(
        lam, iam, unique("import"), "import not_a_module\ndef handler(e, c):\n    pass\n"
    )
    assert body["errorType"] == "Runtime.ImportModuleError"
    assert body["errorMessage"] == "Unable to import module 'app': No module named 'not_a_module'"


def test_missing_module(aws_client: Callable[[str], Any], unique: Callable[[str], str]) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    body, _ = _fails(
        lam,
        iam,
        unique("nomod"),
        "def handler(e, c):\n    pass\n",
        handler="lambda_function.handler",
    )
    assert body["errorType"] == "Runtime.ImportModuleError"
    assert body["errorMessage"] == (
        "Unable to import module 'lambda_function': No module named 'lambda_function'"
    )


def test_syntax_error_in_module(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    body, _ = _fails(lam, iam, unique("syntax"), "def handler(e, c)\n    pass\n")
    assert body["errorType"] == "Runtime.ImportModuleError"
    assert body["errorMessage"].startswith("Unable to import module 'app': ")


def test_handler_not_found(aws_client: Callable[[str], Any], unique: Callable[[str], str]) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    body, _ = _fails(lam, iam, unique("nohandler"), "def other(e, c):\n    pass\n")
    assert body["errorType"] == "Runtime.HandlerNotFound"
    assert body["errorMessage"] == "Handler 'handler' missing on module 'app'"


def test_malformed_handler_name(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    body, _ = _fails(lam, iam, unique("malformed"), "x = 1\n", handler="app")
    assert body["errorType"] == "Runtime.MalformedHandlerName"


def test_unserialisable_result(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    body, _ = _fails(lam, iam, unique("marshal"), "def handler(e, c):\n    return {1, 2}\n")
    assert body["errorType"] == "Runtime.MarshalError"
    assert "Unable to marshal response" in body["errorMessage"]


def test_timeout_kills_the_worker(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("timeout")
    source = (
        "import time\ndef handler(e, c):\n    print('started', flush=True)\n    time.sleep(30)\n"
    )
    began = time.monotonic()
    body, _ = _fails(lam, iam, name, source, Timeout=1)
    assert time.monotonic() - began < 20, "stopped at its 1 s timeout, not after its 30 s sleep"
    assert body["errorType"] == "Sandbox.Timedout"
    assert body["errorMessage"].endswith("Error: Task timed out after 1.00 seconds")
    messages = log_messages(logs, name)
    assert "started" in messages, "output printed before the kill is kept"
    assert any(m.endswith("Task timed out after 1.00 seconds") and "Z " in m for m in messages)
    assert any("Status: timeout" in m for m in messages if m.startswith("REPORT"))
    # the next invocation gets a fresh worker and still obeys the timeout
    again, _ = invoke(lam, name)
    assert again["errorType"] == "Sandbox.Timedout"


def test_memory_over_limit_is_killed(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("oom")
    source = (
        "import time\nhog = []\ndef handler(e, c):\n"
        "    for _ in range(400):\n        hog.append(bytearray(1024 * 1024))\n        time.sleep(0.002)\n"
        "    return len(hog)\n"
    )
    body, _ = _fails(lam, iam, name, source, MemorySize=128, Timeout=20)
    assert body["errorType"] == "Runtime.OutOfMemory"
    assert body["errorMessage"].endswith("Runtime exited with error: signal: killed")
    report = next(m for m in log_messages(logs, name) if m.startswith("REPORT"))
    assert "Max Memory Used: 128 MB" in report and "Error Type: Runtime.OutOfMemory" in report


def test_huge_allocation_is_out_of_memory_not_a_python_error(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    source = "def handler(e, c):\n    return len(bytearray(4 * 1024 ** 3))\n"
    body, _ = _fails(lam, iam, unique("hugealloc"), source, MemorySize=128)
    assert body["errorType"] == "Runtime.OutOfMemory"


@pytest.mark.parametrize("exit_call", ["import sys; sys.exit(3)", "import os; os._exit(3)"])
def test_process_exit(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], exit_call: str
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    body, _ = _fails(lam, iam, unique("exit"), f"def handler(e, c):\n    {exit_call}\n")
    assert body["errorType"] == "Runtime.ExitError"
    assert body["errorMessage"].endswith("Runtime exited with error: exit status 3")


def test_unknown_runtime_is_a_clear_error(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    body, _ = _fails(lam, iam, unique("java"), "x", runtime="java21", handler="example.Handler")
    assert body["errorType"] == "Runtime.InvalidRuntime"
    assert "java21 cannot run here" in body["errorMessage"]


def test_a_failing_function_does_not_affect_others(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    good = unique("good")
    make_function(lam, iam, good, "def handler(e, c):\n    return 'fine'\n")
    _fails(
        lam, iam, unique("crash"), "import os\ndef handler(e, c):\n    os.kill(os.getpid(), 11)\n"
    )
    assert invoke(lam, good)[0] == "fine"
