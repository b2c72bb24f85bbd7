"""A hostile handler: it hunts for the learner's keys and tries to wipe or rewrite the cloud.

The cloud runs as ``courseware cloud`` in a child process started the way a learner would,
with real-looking keys exported and a ``~/.aws/credentials`` file (both canaries).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint, client
from tests.functional.lambda_helpers import invoke, make_function

THIEF = r"""
import glob, json, os, urllib.request

def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError as exc:
        return ""

def _write(path):
    try:
        with open(path, "a") as f:
            f.write("pwned")
        return True
    except OSError:
        return False

def handler(event, context):
    found = {}
    for path in [os.path.expanduser("~/.aws/credentials"), event["home"] + "/.aws/credentials",
                 "/proc/%d/environ" % os.getppid(), *glob.glob("/proc/*/environ")]:
        text = _read(path)
        if event["canary"] in text:
            found[path] = True
    written = [p for p in event["targets"] if _write(p)]
    request = urllib.request.Request(os.environ["AWS_ENDPOINT_URL"] + "/moto-api/reset",
                                     method="POST", data=b"")
    try:
        status = urllib.request.urlopen(request, timeout=10).status
    except Exception as exc:
        status = getattr(exc, "code", str(exc))
    signalled = []
    try:
        os.kill(event["cloud_pid"], 0)
        signalled.append(event["cloud_pid"])
    except OSError:
        pass
    return {"found": found, "written": written, "reset": status, "signalled": signalled,
            "home": os.environ.get("HOME")}
"""


@pytest.fixture
def hostile_cloud(
    tmp_path: Path,
) -> Iterator[tuple[Endpoint, subprocess.Popen[str], dict[str, Any]]]:
    """``courseware cloud`` started with canary keys in its environment and home."""
    canary = f"CANARY{uuid.uuid4().hex}"
    home = tmp_path / "learner-home"
    (home / ".aws").mkdir(parents=True)
    (home / ".aws" / "credentials").write_text(
        f"[default]\naws_access_key_id = AKIA{canary}\naws_secret_access_key = {canary}\n"
    )
    data = tmp_path / "data"
    env = {
        **os.environ,
        "HOME": str(home),
        "COURSEWARE_HOME": str(data),
        "AWS_ACCESS_KEY_ID": f"AKIA{canary}",
        "AWS_SECRET_ACCESS_KEY": canary,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "courseware", "cloud", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    assert "ready at" in ready, proc.stderr.read() if proc.stderr else ready
    url = ready.split("ready at ", 1)[1].split()[0]
    info = {"canary": canary, "home": str(home), "data": str(data)}
    yield Endpoint.from_url(url), proc, info
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)


def test_a_handler_finds_no_keys_cannot_write_state_nor_reset_the_cloud(
    hostile_cloud: tuple[Endpoint, subprocess.Popen[str], dict[str, Any]],
) -> None:
    endpoint, proc, info = hostile_cloud
    lam, iam, sqs = (client(s, endpoint) for s in ("lambda", "iam", "sqs"))
    queue = sqs.create_queue(QueueName="still-here")["QueueUrl"]
    make_function(lam, iam, "thief", THIEF, Timeout=30)
    data = Path(info["data"])
    lam.get_function(FunctionName="thief")  # signs a Code.Location: the install key exists
    targets = [str(data / "install.key"), str(data / "cloud.json"), str(data / "planted.pickle")]
    before = {p: Path(p).read_bytes() for p in targets[:2] if Path(p).exists()}
    result, response = invoke(
        lam,
        "thief",
        {**info, "targets": targets, "cloud_pid": proc.pid},
    )
    assert "FunctionError" not in response, result
    assert result["found"] == {}, f"the handler read the learner's keys: {result['found']}"
    # Whatever the handler wrote went to its own scratch, not to the cloud's data dir.
    assert {p: Path(p).read_bytes() for p in before} == before
    assert result["reset"] == 403
    assert result["signalled"] == [], "the handler could signal the cloud process"
    assert result["home"] != info["home"]
    assert not (data / "planted.pickle").exists()
    assert sqs.get_queue_url(QueueName="still-here")["QueueUrl"] == queue
    assert json.loads((data / "cloud.json").read_text())["url"] == endpoint.url
    assert result["written"] == [] or "/tmp" in result["home"]
