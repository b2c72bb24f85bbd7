"""Memory held by idle warm workers after 50 functions ran once: the warm-pool caps vs none.

Each round starts a fresh cloud, deploys ``FUNCTIONS`` functions, invokes each once, and then
adds up the proportional set size (PSS) of every process under this one (the workers, frozen
between invocations). The capped and uncapped clouds alternate (paired, interleaved) and the
medians are compared. The audit: every invoke answered, and the capped cloud kept no more idle
workers than its cap.

Run: ``.venv/bin/python -m bench warm_pool``.
"""

from __future__ import annotations

import json
import os
import statistics

from bench._table import Row, at_most, exactly, row
from bench._util import bench_cloud, bench_function
from courseware.cloud.endpoint import client
from courseware.cloud.lambda_rt import get_runtime, proctree, warm_pool

FUNCTIONS = 50
ROUNDS = 2
SOURCE = """
def handler(event, context):
    return "ok"
"""
UNCAPPED = {"COURSEWARE_LAMBDA_IDLE_WORKERS": "100000", "COURSEWARE_LAMBDA_IDLE_MB": "1000000"}


def _one(capped: bool) -> tuple[float, int, int]:
    """(MB held by workers, idle workers kept, invokes answered "ok") for one fresh cloud."""
    for name, value in UNCAPPED.items():
        if capped:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    with bench_cloud() as endpoint:
        lam, iam = client("lambda", endpoint), client("iam", endpoint)
        answered = 0
        for i in range(FUNCTIONS):
            name = f"warm-{i}"
            bench_function(lam, iam, name, SOURCE)
            out = lam.invoke(FunctionName=name, Payload=b"{}")["Payload"].read()
            answered += json.loads(out) == "ok"
        workers = proctree.descendants(os.getpid())
        held = proctree.memory_mb(workers) if workers else 0.0
        return held, get_runtime().worker_count(), answered


def rows() -> list[Row]:
    """The figures for ``make bench``."""
    held: dict[bool, list[float]] = {True: [], False: []}
    kept: dict[bool, list[int]] = {True: [], False: []}
    answered = 0
    try:
        for _ in range(ROUNDS):
            for capped in (True, False):
                mb, idle, ok = _one(capped)
                held[capped].append(mb)
                kept[capped].append(idle)
                answered += ok
    finally:
        for name in UNCAPPED:
            os.environ.pop(name, None)
    capped_mb, uncapped_mb = (statistics.median(held[c]) for c in (True, False))
    print(
        f"{FUNCTIONS} functions run once: workers hold {capped_mb:.0f} MB capped"
        f" ({max(kept[True])} idle kept) vs {uncapped_mb:.0f} MB uncapped"
        f" ({max(kept[False])} idle kept)"
    )
    return [
        row(
            f"idle workers' memory, {FUNCTIONS} functions",
            capped_mb,
            "MB",
            at_most(warm_pool.MAX_IDLE_MB),
            ratio=capped_mb / uncapped_mb if uncapped_mb else None,
        ),
        row(
            "idle workers kept over the cap",
            max(0, max(kept[True]) - warm_pool.MAX_IDLE_WORKERS),
            "workers",
            exactly(0),
            audit=True,
        ),
        row("invokes answered", answered, "invokes", exactly(2 * ROUNDS * FUNCTIONS), audit=True),
    ]


if __name__ == "__main__":
    from bench._table import render

    print(render(rows()))
