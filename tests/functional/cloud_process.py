"""A real ``courseware cloud`` in a child process (for restart and saved-state tests)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def start_cloud_process(home: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    """Start ``courseware cloud --port 0`` with ``home`` as its data dir; return it and its ready line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "courseware", "cloud", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COURSEWARE_HOME": str(home)},
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline()


def stop_cloud_process(proc: subprocess.Popen[str]) -> None:
    """SIGTERM the cloud and require a clean exit (its state saved)."""
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""


def aws_json(cw: Callable[..., Any], home: Path) -> Callable[..., Any]:
    """``courseware aws ARGS --output json`` for the cloud whose data dir is ``home``, parsed.

    Each call must succeed (its stderr is the failure message); empty output is ``None``.
    """
    env = {**os.environ, "COURSEWARE_HOME": str(home)}

    def aws(*args: str) -> Any:
        done = cw("aws", *args, "--output", "json", env=env)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if done.stdout.strip() else None

    return aws
