"""A lab's check round and the cost of building boto3 clients for it (issue 22 item 4).

On a fresh embedded cloud with the lab solved (``BENCH_LAB``, default simple-lambda), a
check round (every step checked, as the app's runner and ``lab check --watch`` do) is timed
paired and interleaved: with the shared clients of ``endpoint.client()`` (now) and with a
fresh client per service per round (how checks ran before: ~100 ms a client). Medians.

Goal: a check round ≤ 150 ms.
With ``BENCH_VALIDATE=1`` it also times ``courseware validate --lab <lab>`` (minutes).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench._util import bench_cloud, median, p
from courseware.cloud.endpoint import Endpoint, fresh_client
from courseware.course.checks import Cloud

ROUNDS = 7
GOAL_MS = 150.0


class FreshCloud(Cloud):
    """The old behaviour: each Cloud builds its own clients."""

    def __getattr__(self, service: str) -> Any:
        if service.startswith("_"):
            raise AttributeError(service)
        name = {"sfn": "stepfunctions", "lambda_": "lambda"}.get(service, service)
        if name not in self._clients:
            self._clients[name] = fresh_client(name, self.endpoint)
        return self._clients[name]


def _round(lab: Any, endpoint: Endpoint, cloud: Cloud) -> None:
    from courseware.course.runner import run_step

    for step in lab.steps:
        run_step(lab, step, endpoint, None, cloud)


def _solve(lab: Any, endpoint: Endpoint) -> None:
    from courseware.course.runner import solve_step, wait_until_passed

    for step in lab.steps:
        if step.kind == "knowledge":
            continue
        solved = solve_step(lab, step, endpoint)
        if not solved.ok:
            raise SystemExit(f"bench checks: {step.id}'s solution failed:\n{solved.output}")
        wait_until_passed(lab, step, endpoint)


def _validate(lab_id: str) -> float:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "courseware", "validate", "--lab", lab_id],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench checks: validate failed:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - began


def main() -> None:
    """Print the check-round figures (and validate's wall time when asked)."""
    from courseware.course.loader import load_course

    lab_id = os.environ.get("BENCH_LAB", "simple-lambda")
    lab = next(x for x in load_course(Path(__file__).parent.parent).labs if x.id == lab_id)
    with bench_cloud() as endpoint:
        _solve(lab, endpoint)
        shared: list[float] = []
        fresh: list[float] = []
        _round(lab, endpoint, Cloud(endpoint))  # warm the shared clients once
        for _ in range(ROUNDS):
            for kind, samples in (("shared", shared), ("fresh", fresh)):
                cloud = Cloud(endpoint) if kind == "shared" else FreshCloud(endpoint)
                began = time.perf_counter()
                _round(lab, endpoint, cloud)
                samples.append((time.perf_counter() - began) * 1000)
    now, before = median(shared), median(fresh)
    print(f"lab {lab_id}: check round of {len(lab.steps)} steps, {ROUNDS} paired rounds")
    print(
        f"  shared clients  median {now:7.1f} ms  p95 {p(shared, 95):7.1f} ms  goal ≤ {GOAL_MS:.0f} ms"
    )
    print(f"  fresh clients   median {before:7.1f} ms  p95 {p(fresh, 95):7.1f} ms  (before)")
    print(f"  speed-up {before / now:.2f}x  {'ok' if now <= GOAL_MS else 'OVER GOAL'}")
    if os.environ.get("BENCH_VALIDATE"):
        print(f"  validate --lab {lab_id}: {_validate(lab_id):.1f} s")


if __name__ == "__main__":
    main()
