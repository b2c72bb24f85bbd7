"""Small helpers shared by the benchmarks."""

from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from courseware.cloud.endpoint import Endpoint, moto_api_headers
from courseware.course.iam_templates import LAMBDA_TRUST_POLICY

TRUST = json.dumps(LAMBDA_TRUST_POLICY)


def zipped_handler(source: str) -> bytes:
    """A deployment package holding ``app.py``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    """Run ``call`` ``repeat`` times; return each duration in milliseconds."""
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def p(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100) of ``samples``."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    """The median of ``samples``."""
    return statistics.median(samples)


@contextmanager
def bench_cloud(state: bool = False) -> Iterator[Endpoint]:
    """A fresh embedded cloud on a free port in a throwaway home (journaled when ``state``)."""
    home = tempfile.mkdtemp(prefix="courseware-bench-")
    os.environ["COURSEWARE_HOME"] = home
    from pathlib import Path

    from courseware.cloud.server import EmbeddedCloud

    cloud = EmbeddedCloud(port=0, state_dir=Path(home) / "cloud-state" if state else None)
    try:
        endpoint = cloud.start()
        # moto keeps one set of resources per process: start each benchmark from none.
        urllib.request.urlopen(
            urllib.request.Request(
                f"{endpoint.url}/moto-api/reset",
                method="POST",
                headers=moto_api_headers(endpoint),
            ),
            timeout=30,
        ).close()
        yield endpoint
    finally:
        cloud.stop()
        shutil.rmtree(home, ignore_errors=True)


def bench_function(lam: Any, iam: Any, name: str, source: str, **extra: Any) -> None:
    """Create a Python 3.12 function ``name`` whose ``app.py`` is ``source`` (with its own role)."""
    role = iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    iam.attach_role_policy(  # the console's basic role: without it no logs (IAM is enforced)
        RoleName=f"{name}-role",
        PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    )
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": zipped_handler(source)},
        **extra,
    )
