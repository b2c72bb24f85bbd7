"""Small helpers shared by the benchmarks."""

from __future__ import annotations

import io
import json
import statistics
import time
import zipfile
from collections.abc import Callable

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
