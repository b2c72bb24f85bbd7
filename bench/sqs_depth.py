"""SQS cost against queue depth: receive + delete, and send, at a shallow and a deep queue.

Two queues on one embedded cloud, one holding ``SHALLOW`` messages and one ``DEEP``. Each
round (interleaved, so both depths see the same machine load) receives 10 messages and
deletes them with DeleteMessageBatch from each queue, then sends 10 back with
SendMessageBatch (so the depths stay put). Prints medians of every figure and the ratio
deep / shallow of the medians. Goal (issue 22): receive+delete at 20,000 ≤ 1.3× at 200.
The cloud saves its state as the app's does (``COURSEWARE_BENCH_SQS_STATE=0``: no state).

``rows()`` gives the bench table its rows (``bench/_table.py``).
"""

from __future__ import annotations

import os
import time
from typing import Any

from bench._table import Row, at_most, info, render, row
from bench._util import bench_cloud, median

SHALLOW = 200
DEEP = int(os.environ.get("COURSEWARE_BENCH_SQS_DEEP", "20000"))
ROUNDS = 9
GOAL = 1.3
STATE = os.environ.get("COURSEWARE_BENCH_SQS_STATE", "1") != "0"


def _fill(sqs: Any, url: str, count: int) -> None:
    for start in range(0, count, 10):
        entries = [{"Id": str(i), "MessageBody": f"m{start + i}"} for i in range(10)]
        sqs.send_message_batch(QueueUrl=url, Entries=entries[: count - start])


def _receive_delete(sqs: Any, url: str) -> float:
    began = time.perf_counter()
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=60)
    messages = got.get("Messages", [])
    entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)]
    answer = sqs.delete_message_batch(QueueUrl=url, Entries=entries)
    took = (time.perf_counter() - began) * 1000
    if len(messages) != 10 or answer.get("Failed"):
        raise SystemExit(f"sqs_depth: got {len(messages)} messages, failed {answer.get('Failed')}")
    return took


def _send(sqs: Any, url: str) -> float:
    began = time.perf_counter()
    _fill(sqs, url, 10)
    return (time.perf_counter() - began) * 1000


def measure(shallow: int = SHALLOW, deep: int = DEEP, rounds: int = ROUNDS) -> dict[str, float]:
    """Median milliseconds per round of each operation at each depth."""
    from courseware.cloud.endpoint import client

    with bench_cloud(state=STATE) as endpoint:
        sqs = client("sqs", endpoint)
        urls = {}
        for name, depth in (("shallow", shallow), ("deep", deep)):
            urls[name] = sqs.create_queue(QueueName=f"depth-{name}")["QueueUrl"]
            _fill(sqs, urls[name], depth)
        samples: dict[str, list[float]] = {}
        for _ in range(rounds):
            for name in ("shallow", "deep"):
                samples.setdefault(f"rd-{name}", []).append(_receive_delete(sqs, urls[name]))
            for name in ("shallow", "deep"):
                samples.setdefault(f"send-{name}", []).append(_send(sqs, urls[name]))
        return {key: median(values) for key, values in samples.items()}


def rows(shallow: int = SHALLOW, deep: int = DEEP, rounds: int = ROUNDS) -> list[Row]:
    """The bench table's rows: each depth's median, and deep / shallow against the goal."""
    m = measure(shallow, deep, rounds)
    out: list[Row] = []
    for key, label in (("rd", "receive+delete 10"), ("send", "SendMessageBatch 10")):
        out.append(info(f"SQS {label} at depth {shallow:,}", m[f"{key}-shallow"], "ms"))
        out.append(info(f"SQS {label} at depth {deep:,}", m[f"{key}-deep"], "ms"))
        ratio = m[f"{key}-deep"] / m[f"{key}-shallow"]
        out.append(
            row(
                f"SQS {label}: depth {deep:,} vs {shallow:,}",
                ratio,
                "x",
                at_most(GOAL),
                ratio=ratio,
            )
        )
    return out


def main() -> None:
    """Print the rows (medians of interleaved rounds)."""
    print(render(rows()))


if __name__ == "__main__":
    main()
