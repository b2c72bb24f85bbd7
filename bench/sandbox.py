"""The cost of the handlers' sandbox: warm and cold Invoke with it and without, interleaved.

Two identical functions run in one cloud; one's workers start in bubblewrap, the other's
with the fallback (``COURSEWARE_SANDBOX=off`` while its worker starts). Calls alternate
on/off so machine noise hits both alike; the figures are medians.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from bench._util import bench_cloud, bench_function, median, p, timed

HANDLER = "def handler(event, context):\n    return {'ok': True}\n"
# One AWS call per invoke: inside the box it goes through the network relay (lambda_rt/relay.py).
AWS_HANDLER = (
    "import boto3\nsqs = boto3.client('sqs')\n"
    "def handler(event, context):\n    return len(sqs.list_queues().get('QueueUrls', []))\n"
)
ROUNDS_AWS = 100
ROUNDS_WARM = 200
ROUNDS_COLD = 12


def _mode(isolated: bool) -> None:
    if isolated:
        os.environ.pop("COURSEWARE_SANDBOX", None)
    else:
        os.environ["COURSEWARE_SANDBOX"] = "off"


def _call(lam: Any, name: str, payload: bytes) -> Callable[[], None]:
    return lambda: lam.invoke(FunctionName=name, Payload=payload)["Payload"].read()


def main() -> None:
    """Print warm p50/p95 and cold p50 with the sandbox on and off."""
    from courseware.cloud.endpoint import client
    from courseware.cloud.lambda_rt.sandbox import status

    saved = os.environ.get("COURSEWARE_SANDBOX")
    payload = json.dumps({}).encode()
    samples: dict[str, dict[str, list[float]]] = {
        "on": {"warm": [], "cold": [], "aws": []},
        "off": {"warm": [], "cold": [], "aws": []},
    }
    try:
        with bench_cloud() as endpoint:
            lam, iam = client("lambda", endpoint), client("iam", endpoint)
            for mode in samples:
                bench_function(lam, iam, f"sandbox-{mode}", HANDLER)
                bench_function(lam, iam, f"sandbox-aws-{mode}", AWS_HANDLER)
                _mode(mode == "on")
                lam.invoke(FunctionName=f"sandbox-{mode}", Payload=payload)  # warm it
                lam.invoke(FunctionName=f"sandbox-aws-{mode}", Payload=payload)
            for _ in range(ROUNDS_WARM):
                for mode in samples:
                    samples[mode]["warm"] += timed(_call(lam, f"sandbox-{mode}", payload), 1)
            for _ in range(ROUNDS_AWS):
                for mode in samples:
                    samples[mode]["aws"] += timed(_call(lam, f"sandbox-aws-{mode}", payload), 1)
            for i in range(ROUNDS_COLD):
                for mode in samples:
                    name = f"sandbox-{mode}"
                    lam.update_function_configuration(
                        FunctionName=name, Environment={"Variables": {"ROUND": str(i)}}
                    )
                    _mode(mode == "on")
                    samples[mode]["cold"] += timed(_call(lam, name, payload), 1)
    finally:
        if saved is None:
            os.environ.pop("COURSEWARE_SANDBOX", None)
        else:
            os.environ["COURSEWARE_SANDBOX"] = saved
    print(f"isolation here: {status().mechanism} ({status().detail})")
    for mode, figures in samples.items():
        warm, cold = figures["warm"], figures["cold"]
        print(
            f"sandbox {mode:3}  warm Invoke p50 {median(warm):7.2f} ms  p95 {p(warm, 95):7.2f} ms"
            f"   cold Invoke p50 {median(cold):7.2f} ms"
            f"   warm Invoke + 1 SQS call p50 {median(figures['aws']):7.2f} ms"
        )
    on, off = samples["on"], samples["off"]
    print(f"  warm cost of the sandbox: {median(on['warm']) - median(off['warm']):+.2f} ms (p50)")
    print(f"  cold cost of the sandbox: {median(on['cold']) - median(off['cold']):+.2f} ms (p50)")
    print(f"  AWS-call cost of the sandbox: {median(on['aws']) - median(off['aws']):+.2f} ms (p50)")
