"""A small API call with HTTP keep-alive vs a new connection per call (paired, interleaved).

One cloud serves both: ``COURSEWARE_KEEP_ALIVE`` is read per request, so each round makes one
call kept alive and one on a connection the cloud closes afterwards (boto3 then opens a new
one, and the server starts a new thread for it). Medians of ``ROUNDS`` pairs.

Run: ``.venv/bin/python -m bench keep_alive``.
"""

from __future__ import annotations

import os
import statistics
import time

from bench._table import Row, at_most, row
from bench._util import bench_cloud
from courseware.cloud.endpoint import client

ROUNDS = 300


def rows() -> list[Row]:
    """The figures for ``make bench``."""
    times: dict[str, list[float]] = {"1": [], "0": []}
    with bench_cloud() as endpoint:
        sqs = client("sqs", endpoint)
        url = sqs.create_queue(QueueName="bench-keep-alive")["QueueUrl"]
        try:
            for _ in range(ROUNDS):
                for mode in ("1", "0"):
                    os.environ["COURSEWARE_KEEP_ALIVE"] = mode
                    sqs.get_queue_attributes(QueueUrl=url)  # leaves the connection as `mode` says
                    began = time.perf_counter()
                    sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
                    times[mode].append((time.perf_counter() - began) * 1000)
        finally:
            os.environ.pop("COURSEWARE_KEEP_ALIVE", None)
    kept, closed = statistics.median(times["1"]), statistics.median(times["0"])
    print(f"GetQueueAttributes p50: kept alive {kept:.2f} ms, new connection {closed:.2f} ms")
    return [
        row(
            "small call, keep-alive vs new connection",
            kept / closed,
            "x",
            at_most(1.0),
            ratio=kept / closed,
        )
    ]


if __name__ == "__main__":
    from bench._table import render

    print(render(rows()))
