"""What saving costs: per mutating request at 10 / 10k / 100k items, compaction, restore.

With the journal a PutItem's save is one record and one fsync, whatever the state's size;
the old design pickled everything (``full snapshot`` below is that cost, now paid only by
a background compaction). Items are loaded straight into moto (not over HTTP) to keep the
set-up short; every timed request goes over HTTP.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench._util import median, p
from courseware.cloud.endpoint import moto_api_headers

SIZES = (10, 10_000, 100_000)
REQUESTS = 200


def _load(count: int) -> None:
    from moto.dynamodb.models import dynamodb_backends

    from courseware.cloud.endpoint import ACCOUNT_ID, REGION

    backend = dynamodb_backends[ACCOUNT_ID][REGION]
    for n in range(count):
        backend.put_item("bench-state", {"n": {"N": str(n)}, "pad": {"S": "x" * 100}})


def _reset(endpoint: Any) -> None:
    """moto keeps one set of resources per process: start each size from none."""
    urllib.request.urlopen(
        urllib.request.Request(
            f"{endpoint.url}/moto-api/reset", method="POST", headers=moto_api_headers(endpoint)
        ),
        timeout=30,
    ).close()


def _floor(home: Path) -> list[float]:
    """PutItem latencies with no state folder (nothing journaled)."""
    from courseware.cloud import server
    from courseware.cloud.endpoint import client

    cloud = server.EmbeddedCloud(port=0)
    endpoint = cloud.start()
    try:
        _reset(endpoint)
        ddb = client("dynamodb", endpoint)
        ddb.create_table(
            TableName="bench-floor",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "n", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "n", "AttributeType": "N"}],
        )
        samples = []
        for i in range(REQUESTS):
            began = time.perf_counter()
            ddb.put_item(TableName="bench-floor", Item={"n": {"N": str(i)}})
            samples.append((time.perf_counter() - began) * 1000)
        return samples
    finally:
        cloud.stop()


def main() -> None:
    """Run the state benchmark and print its figures."""
    from courseware.cloud import server
    from courseware.cloud.endpoint import client
    from courseware.cloud.state import snapshot
    from courseware.cloud.state.recorder import STATE_LOCK

    home = Path(tempfile.mkdtemp(prefix="courseware-bench-state-"))
    os.environ["COURSEWARE_HOME"] = str(home)
    print(
        f"{'items':>8} {'PutItem p50':>12} {'p95':>8} {'journal only p50':>17} "
        f"{'full snapshot':>14} {'file MB':>8} {'restore':>8}"
    )
    baseline = 0.0
    floor = _floor(home)
    print(
        f"{'no state':>8} {median(floor):>9.2f} ms {p(floor, 95):>5.2f} ms   (PutItem without a state folder)"
    )
    for size in SIZES:
        folder = home / f"state-{size}"
        cloud = server.EmbeddedCloud(port=0, state_dir=folder)
        endpoint = cloud.start()
        try:
            _reset(endpoint)
            ddb = client("dynamodb", endpoint)
            ddb.create_table(
                TableName="bench-state",
                BillingMode="PAY_PER_REQUEST",
                KeySchema=[{"AttributeName": "n", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "n", "AttributeType": "N"}],
            )
            _load(size)
            keeper = cloud._keeper
            keeper.compact()
            samples = []
            for i in range(REQUESTS):
                began = time.perf_counter()
                ddb.put_item(TableName="bench-state", Item={"n": {"N": str(-i - 1)}})
                samples.append((time.perf_counter() - began) * 1000)
            journal = keeper.journal
            only = []
            for i in range(REQUESTS):
                began = time.perf_counter()
                with STATE_LOCK:
                    journal.append("bench", {"i": i, "pad": "x" * 200})
                journal.sync()
                only.append((time.perf_counter() - began) * 1000)
            journal.truncate(journal.last_seq)
            began = time.perf_counter()
            with STATE_LOCK:
                data = snapshot.capture(journal.last_seq)
            snapshot.write(folder, data)
            full = (time.perf_counter() - began) * 1000
            size_mb = (folder / snapshot.FILE_NAME).stat().st_size / 1e6
            began = time.perf_counter()
            snapshot.restore(folder)
            restore = (time.perf_counter() - began) * 1000
        finally:
            cloud.stop()
        baseline = baseline or median(samples)
        print(
            f"{size:>8} {median(samples):>9.2f} ms {p(samples, 95):>5.2f} ms "
            f"{median(only):>14.2f} ms {full:>11.0f} ms {size_mb:>8.1f} {restore:>5.0f} ms"
        )
        print(f"{'':>8} PutItem p50 vs 10 items: {median(samples) / baseline:.2f}x")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
