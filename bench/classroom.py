"""A class on one server: N learners, each in their own account, doing a lab at once.

For N = 1, 10, 30 on a fresh cloud: join N learners (an account each, as ``serve --class``
does), then all at once (a barrier) run the event-driven lab's first four solutions with
their own key (table, queue, role, function: direct API clients), invoke their function once,
and check those four steps. Prints join time, per-learner check latency (median, p95) and the
server's RSS (the cloud process plus its Lambda workers) after the round; then the round's
accounts are dropped (the per-account reset) and its workers stopped.
"""

from __future__ import annotations

import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench._util import bench_cloud, median, p

SIZES = (1, 10, 30)
STEPS = ("table", "queue", "role", "function")


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _tree_rss_mb() -> tuple[float, float]:
    """(this process, its descendants) resident memory in MB (Linux /proc)."""
    me = os.getpid()
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except (OSError, IndexError, ValueError):
                continue
    family, changed = {me}, True
    while changed:
        grown = {pid for pid, parent in parents.items() if parent in family} | family
        changed, family = grown != family, grown
    return _rss_mb(me), sum(_rss_mb(pid) for pid in family - {me})


def _solve(lab: Any, endpoint: Any, creds: Any, package: bytes) -> None:
    """The lab's first four solutions, as a learner's boto3 script would run them."""
    from courseware.cloud.endpoint import client

    ddb, sqs, iam, lam = (
        client(s, endpoint, creds, read_timeout=900) for s in ("dynamodb", "sqs", "iam", "lambda")
    )
    ddb.create_table(
        TableName="ProductVisits",
        KeySchema=[{"AttributeName": "ProductVisitKey", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "ProductVisitKey", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    sqs.create_queue(QueueName="ProductVisitsDataQueue")
    role = iam.create_role(
        RoleName="lambdaRoleForSQSPermissions",
        AssumeRolePolicyDocument=(lab.path / "trust-policy.json").read_text(),
    )["Role"]["Arn"]
    iam.put_role_policy(
        RoleName="lambdaRoleForSQSPermissions",
        PolicyName="policy-templates",
        PolicyDocument=(lab.path / "role-policy.json").read_text(),
    )
    lam.create_function(
        FunctionName="productVisitsDataHandler",
        Runtime="python3.12",
        Handler="lambda_function.lambda_handler",
        Role=role,
        Code={"ZipFile": package},
    )
    lam.get_waiter("function_active_v2").wait(FunctionName="productVisitsDataHandler")
    lam.invoke(FunctionName="productVisitsDataHandler", Payload=json.dumps({"Records": []}))


def _forget(endpoint: Any, learners: list[Any]) -> None:
    """Drop the round's accounts and Lambda workers, so the next round starts from none."""
    from courseware.cloud.account_reset import reset_account
    from courseware.cloud.lambda_rt import get_runtime

    for creds in learners:
        reset_account(creds.account_id)
    get_runtime().shutdown()
    get_runtime().start(endpoint)


def _round(n: int, endpoint: Any, lab: Any) -> dict[str, float]:
    from courseware.cloud.accounts import create_account
    from courseware.course.checks import Cloud
    from courseware.course.runner import run_step

    began = time.perf_counter()
    learners = [create_account(endpoint, set()) for _ in range(n)]
    join_ms = (time.perf_counter() - began) * 1000 / n
    from courseware.course.packaging import zip_file

    steps = [lab.step(s) for s in STEPS]
    package = zip_file(lab.path / "starter/python", "bench-event-driven-python").read_bytes()
    barrier = threading.Barrier(n)

    def learner(creds: Any) -> tuple[float, bool]:
        barrier.wait()
        try:
            _solve(lab, endpoint, creds, package)
        except Exception as exc:  # counted as not passed; the figures say how many
            print(f"  a learner's solution failed: {type(exc).__name__}: {exc}", flush=True)
        cloud = Cloud(endpoint, creds)
        start = time.perf_counter()
        results = [run_step(lab, step, endpoint, None, cloud) for step in steps]
        return (time.perf_counter() - start) * 1000, all(r.status == "passed" for r in results)

    with ThreadPoolExecutor(max_workers=n) as pool:
        outcomes = list(pool.map(learner, learners))
    checks = [ms for ms, _ in outcomes]
    cloud_mb, workers_mb = _tree_rss_mb()
    _forget(endpoint, learners)
    return {
        "join_ms": join_ms,
        "check_p50": median(checks),
        "check_p95": p(checks, 95),
        "passed": sum(ok for _, ok in outcomes),
        "cloud_mb": cloud_mb,
        "workers_mb": workers_mb,
    }


def main() -> None:
    """Run the classroom benchmark and print its figures."""
    from courseware.course.loader import load_course

    lab = load_course().lab("event-driven")
    assert lab is not None
    print("   N  join/learner  check p50   check p95  passed  cloud RSS  workers RSS")
    with bench_cloud() as endpoint:
        for n in SIZES:
            r = _round(n, endpoint, lab)
            print(
                f"{n:4d}  {r['join_ms']:9.0f} ms  {r['check_p50']:6.0f} ms  {r['check_p95']:7.0f} ms"
                f"  {int(r['passed']):3d}/{n:<3d} {r['cloud_mb']:6.0f} MB  {r['workers_mb']:7.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
