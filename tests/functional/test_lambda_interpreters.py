"""Python runtimes run on the matching interpreter when one is installed, and say so when not."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

from tests.functional.lambda_helpers import invoke, log_messages, make_function

VERSION = "import sys\ndef handler(e, c):\n    return list(sys.version_info[:2])\n"


def _installed(runtime: str) -> bool:
    exe = shutil.which(runtime)
    if exe is None:
        return False
    done = subprocess.run([exe, "-c", "print(1)"], capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.parametrize("runtime", ["python3.9", "python3.12", "python3.13"])
def test_runtime_version(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], runtime: str
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique(runtime.replace(".", ""))
    make_function(lam, iam, name, VERSION, runtime=runtime)
    version, response = invoke(lam, name)
    assert "FunctionError" not in response, version
    wanted = [3, int(runtime.split(".")[1])]
    if _installed(runtime):
        assert version == wanted
    else:
        assert any(f"{runtime} was not found on PATH" in m for m in log_messages(logs, name))
