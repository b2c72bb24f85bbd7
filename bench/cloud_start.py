"""Cloud ready time: ``courseware cloud`` vs plain ``moto_server``, paired and interleaved.

Each sample is a fresh process timed from just before it is spawned until an HTTP request to
it answers (``ListQueues`` for both, the request every lab's first check makes). Both
commands start with no saved state. Pairs alternate which goes first, so both see the same
machine load; the figure is the median of the pairs and the ratio of the medians.
Goal (issue 22): ready within 1.5× moto_server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench._util import median

REPEAT = 7
GOAL = 1.5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/",
        data=b"Action=ListQueues&Version=2012-11-05",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _sample(kind: str, home: str) -> float:
    port = _free_port()
    bindir = Path(sys.executable).parent
    if kind == "moto":
        argv = [str(bindir / "moto_server"), "-p", str(port)]
    else:
        argv = [sys.executable, "-m", "courseware", "cloud", "--port", str(port)]
    env = {**os.environ, "COURSEWARE_HOME": home}
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not _answers(port):
            if process.poll() is not None:
                raise SystemExit(f"bench cloud_start: {kind} exited with {process.returncode}")
            time.sleep(0.005)
        return (time.perf_counter() - began) * 1000
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    """Print median ready times and the ratio; exit non-zero when a sample fails."""
    with tempfile.TemporaryDirectory() as home:
        _sample("courseware", home)  # compile bytecode and warm the file cache once
        _sample("moto", home)
        moto: list[float] = []
        ours: list[float] = []
        for i in range(REPEAT):
            order = ("moto", "courseware") if i % 2 == 0 else ("courseware", "moto")
            for kind in order:
                (moto if kind == "moto" else ours).append(_sample(kind, home))
    ratio = median(ours) / median(moto)
    print(f"moto_server ready:       {median(moto):7.1f} ms (median of {REPEAT}, interleaved)")
    print(
        f"courseware cloud ready:  {median(ours):7.1f} ms → {ratio:.2f}× moto_server (goal ≤ {GOAL}×)"
    )


if __name__ == "__main__":
    main()
