"""`courseware cloud --iam off|on`: the mode is real, and the cloud says which it has."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from courseware.cloud.endpoint import Endpoint, client
from courseware.cloud.iam import mode
from tests.functional.lambda_helpers import invoke, make_function
from tests.functional.test_iam_enforcement import WRITER, _table


@contextlib.contextmanager
def _cloud(home: Path, *extra: str) -> Iterator[tuple[Endpoint, str]]:
    env = {k: v for k, v in os.environ.items() if k != mode.ENV}
    proc = subprocess.Popen(
        [sys.executable, "-m", "courseware", "cloud", "--port", "0", "--no-state", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "COURSEWARE_HOME": str(home)},
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    try:
        assert "ready at" in ready, proc.stderr.read() if proc.stderr else ready
        yield Endpoint.from_url(ready.split("ready at ", 1)[1].split()[0]), ready
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.mark.parametrize("flag", ["off", "on", None])
def test_the_mode_is_what_the_flag_says_and_handlers_feel_it(
    tmp_path: Path, flag: str | None
) -> None:
    extra = ("--iam", flag) if flag else ()
    with _cloud(tmp_path, *extra) as (endpoint, ready):
        on = flag != "off"
        assert mode.describe(on) in ready
        assert mode.cloud_enforces(endpoint) is on
        lam, iam, ddb = (client(s, endpoint) for s in ("lambda", "iam", "dynamodb"))
        _table(ddb, "visits")
        make_function(lam, iam, "writer", WRITER.format(table="visits"))
        result, _ = invoke(lam, "writer")  # its role has no policy at all
        if on:
            assert result["code"] == "AccessDeniedException", result
        else:
            assert result == {"ok": True}
