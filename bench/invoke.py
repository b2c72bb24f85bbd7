"""Invoke latency of courseware's Lambda runtime vs the GetItem floor and python-lambda-local.

Prints: DynamoDB GetItem round trip (the floor), warm Invoke p50/p95 and its ratio to the
floor, cold Invoke, and python-lambda-local's time per call with the ratios.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench._util import bench_cloud, bench_function, median, p, timed

HANDLER = "def handler(event, context):\n    return {'ok': True, 'n': event.get('n', 0)}\n"


def _lambda_local(workdir: Path, repeat: int) -> list[float]:
    exe = shutil.which("python-lambda-local") or str(
        Path(sys.executable).parent / "python-lambda-local"
    )
    (workdir / "app.py").write_text(HANDLER)
    (workdir / "event.json").write_text('{"n": 1}')
    argv = [exe, "-f", "handler", "-t", "3", str(workdir / "app.py"), str(workdir / "event.json")]

    def call() -> None:
        subprocess.run(argv, check=True, capture_output=True)

    return timed(call, repeat)


def main() -> None:
    """Run the invoke benchmark and print its figures."""
    from courseware.cloud.endpoint import client

    with bench_cloud() as endpoint:
        ddb, lam, iam = (
            client("dynamodb", endpoint),
            client("lambda", endpoint),
            client("iam", endpoint),
        )
        ddb.create_table(
            TableName="bench",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        ddb.put_item(TableName="bench", Item={"id": {"S": "1"}})
        get_item = timed(lambda: ddb.get_item(TableName="bench", Key={"id": {"S": "1"}}), 300)
        bench_function(lam, iam, "bench", HANDLER)
        payload = json.dumps({"n": 1}).encode()
        lam.invoke(FunctionName="bench", Payload=payload)
        warm = timed(
            lambda: lam.invoke(FunctionName="bench", Payload=payload)["Payload"].read(), 300
        )
        cold = []
        for i in range(10):
            lam.update_function_configuration(
                FunctionName="bench", Environment={"Variables": {"ROUND": str(i)}}
            )
            cold += timed(
                lambda: lam.invoke(FunctionName="bench", Payload=payload)["Payload"].read(), 1
            )
    with tempfile.TemporaryDirectory() as work:
        local = _lambda_local(Path(work), 10)
    floor, warm50, warm95 = median(get_item), median(warm), p(warm, 95)
    cold50, local50 = median(cold), median(local)
    print(f"GetItem round trip (floor)   p50 {floor:7.2f} ms   p95 {p(get_item, 95):7.2f} ms")
    print(f"warm Invoke                  p50 {warm50:7.2f} ms   p95 {warm95:7.2f} ms")
    print(f"  warm p50 / GetItem p50     {warm50 / floor:7.2f}x   (target <= 2x)")
    print(
        f"cold Invoke                  p50 {cold50:7.2f} ms   (after UpdateFunctionConfiguration)"
    )
    print(f"python-lambda-local per call p50 {local50:7.2f} ms")
    print(f"  python-lambda-local / warm {local50 / warm50:7.1f}x   (target >= 20x)")
    print(f"  cold / python-lambda-local {cold50 / local50:7.2f}x   (target <= 1x)")


if __name__ == "__main__":
    main()
