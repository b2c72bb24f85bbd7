"""Cloud ready time: ``courseware cloud`` vs plain ``moto_server``, paired and interleaved.

Each sample is a fresh process timed from just before it is spawned until an HTTP request to
it answers (``ListQueues`` for both, the request every lab's first check makes). Both
commands start with no saved state. Pairs alternate which goes first, so both see the same
machine load; the figure is the median of the pairs and the ratio of the medians.
Goal (issue 22): ready within 1.5× moto_server.

Set ``BENCH_BASELINE=/path/to/another/checkout`` to add that checkout's ``courseware cloud``
to the same interleaved loop (a before/after figure from one run).
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

from bench._table import Row, at_most, info, render, row
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


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _sample(kind: str, home: str) -> tuple[float, float]:
    port = _free_port()
    bindir = Path(sys.executable).parent
    env = {**os.environ, "COURSEWARE_HOME": home}
    cwd = None
    if kind == "moto":
        argv = [str(bindir / "moto_server"), "-p", str(port)]
    else:
        argv = [sys.executable, "-m", "courseware", "cloud", "--port", str(port)]
        if kind == "baseline":
            cwd = os.environ["BENCH_BASELINE"]
            env["PYTHONPATH"] = cwd
    began = time.perf_counter()
    process = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not _answers(port):
            if process.poll() is not None:
                raise SystemExit(f"bench cloud_start: {kind} exited with {process.returncode}")
            time.sleep(0.005)
        ready = (time.perf_counter() - began) * 1000
        return ready, _rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def rows() -> list[Row]:
    """Median ready times and RSS as table rows; a sample that fails stops the run."""
    kinds = ["moto", "courseware"] + (["baseline"] if os.environ.get("BENCH_BASELINE") else [])
    samples: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory() as home:
        for kind in kinds:
            _sample(kind, home)  # compile bytecode and warm the file cache once
        for i in range(REPEAT):
            for kind in kinds[i % len(kinds) :] + kinds[: i % len(kinds)]:  # rotate the order
                samples[kind].append(_sample(kind, home))
    ready = {k: median([s[0] for s in v]) for k, v in samples.items()}
    rss = {k: median([s[1] for s in v]) for k, v in samples.items()}
    found = [info("moto_server ready", ready["moto"], "ms")]
    for kind in kinds[1:]:
        label = "courseware cloud" if kind == "courseware" else "baseline checkout"
        ratio = ready[kind] / ready["moto"]
        found.append(row(f"{label} ready vs moto_server", ratio, "x", at_most(GOAL), ratio=ratio))
        found.append(row(f"{label} RSS after first request", rss[kind], "MB", at_most(100)))
    return found


def main() -> None:
    """Print this module's rows as a table."""
    print(render(rows()))


if __name__ == "__main__":
    main()
