"""Warm invoke of a handler that calls DynamoDB, IAM enforcement on vs off (paired, interleaved).

Run: ``.venv/bin/python -m bench.iam_invoke``. Enforcement is read per request, so the same warm
worker serves both modes; the figure is the cost of authorising the handler's call.
"""

from __future__ import annotations

import json
import os
import statistics
import time

from courseware.cloud.endpoint import client
from courseware.cloud.server import EmbeddedCloud
from tests.functional.lambda_helpers import grant, make_function

SOURCE = """
import boto3
ddb = boto3.client("dynamodb")
def handler(event, context):
    ddb.get_item(TableName="bench-iam", Key={"id": {"S": "1"}})
    return "ok"
"""


def main(rounds: int = 40) -> None:
    """Print p50 of each mode and the ratio."""
    server = EmbeddedCloud(port=0)
    endpoint = server.start()
    try:
        lam, iam, ddb = (client(s, endpoint) for s in ("lambda", "iam", "dynamodb"))
        ddb.create_table(
            TableName="bench-iam",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        make_function(lam, iam, "bench-iam", SOURCE)
        grant(iam, "bench-iam-role", ["dynamodb:GetItem"], ["*"])
        lam.invoke(FunctionName="bench-iam", Payload=b"{}")
        times: dict[str, list[float]] = {"on": [], "off": []}
        for _ in range(rounds):
            for mode in ("on", "off"):
                os.environ["COURSEWARE_IAM"] = mode
                start = time.perf_counter()
                out = lam.invoke(FunctionName="bench-iam", Payload=b"{}")["Payload"].read()
                times[mode].append(time.perf_counter() - start)
                assert json.loads(out) == "ok", out
        on, off = (statistics.median(times[m]) * 1000 for m in ("on", "off"))
        print(f"warm invoke p50: iam on {on:.2f} ms, off {off:.2f} ms, ratio {on / off:.2f}")
    finally:
        os.environ.pop("COURSEWARE_IAM", None)
        server.stop()


if __name__ == "__main__":
    main()
