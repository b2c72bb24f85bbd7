"""DynamoDB Streams -> Lambda: how soon a write reaches the function, and stream throughput.

Latency: 50 single PutItems, one at a time; the handler logs when it sees each record, so
the figure is write-to-handler time as a learner would observe it (poller pick-up plus a
warm invoke). Throughput: 1,000 PutItems, then wall time until the handler has seen them all
(batch size 100, as Lambda's default). Ratios are against one PutItem round trip.
"""

from __future__ import annotations

import json
import time

from bench._util import bench_cloud, bench_function, median, p, timed

HANDLER = """
import json, time
def handler(event, context):
    now = time.time()
    for r in event["Records"]:
        print("SEEN", json.dumps({"k": r["dynamodb"]["Keys"]["k"]["S"], "at": now}))
"""
TOTAL = 1000


def _seen(logs: object, group: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for stream in logs.describe_log_streams(logGroupName=group)["logStreams"]:  # type: ignore[attr-defined]
        kwargs = {
            "logGroupName": group,
            "logStreamName": stream["logStreamName"],
            "startFromHead": True,
        }
        while True:
            page = logs.get_log_events(**kwargs)  # type: ignore[attr-defined]
            for event in page["events"]:
                if event["message"].startswith("SEEN "):
                    seen = json.loads(event["message"][5:])
                    found[seen["k"]] = seen["at"]
            if not page["events"] or page["nextForwardToken"] == kwargs.get("nextToken"):
                break
            kwargs["nextToken"] = page["nextForwardToken"]
    return found


def main() -> None:
    """Run the stream benchmark and print its figures."""
    from courseware.cloud.endpoint import client

    with bench_cloud() as endpoint:
        ddb, lam, iam, logs = (client(s, endpoint) for s in ("dynamodb", "lambda", "iam", "logs"))
        ddb.create_table(
            TableName="bench-stream",
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
        )
        stream = ddb.describe_table(TableName="bench-stream")["Table"]["LatestStreamArn"]
        floor = median(
            timed(lambda: ddb.put_item(TableName="bench-stream", Item={"k": {"S": "floor"}}), 50)
        )
        bench_function(lam, iam, "bench-stream", HANDLER)
        iam.attach_role_policy(  # what AWS requires of a stream mapping's role
            RoleName="bench-stream-role",
            PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
        )
        lam.create_event_source_mapping(
            FunctionName="bench-stream", EventSourceArn=stream, StartingPosition="LATEST"
        )
        group = "/aws/lambda/bench-stream"
        ddb.put_item(TableName="bench-stream", Item={"k": {"S": "warm"}})  # a warm worker first
        while "warm" not in (_seen(logs, group) if _exists(logs, group) else {}):
            time.sleep(0.05)
        sent: dict[str, float] = {}
        for n in range(50):
            key = f"one-{n}"
            sent[key] = time.time()
            ddb.put_item(TableName="bench-stream", Item={"k": {"S": key}})
            while key not in _seen(logs, group):
                time.sleep(0.005)
        seen = _seen(logs, group)
        latency = [(seen[k] - sent[k]) * 1000 for k in sent]
        began = time.perf_counter()
        for n in range(TOTAL):
            ddb.put_item(TableName="bench-stream", Item={"k": {"S": f"many-{n}"}})
        written = time.perf_counter() - began
        deadline = time.monotonic() + 300
        while sum(k.startswith("many-") for k in _seen(logs, group)) < TOTAL:
            if time.monotonic() > deadline:
                raise SystemExit("stream bench: not every record reached the handler in 300 s")
            time.sleep(0.1)
        wall = time.perf_counter() - began
    print(f"floor: one PutItem               {floor:7.2f} ms")
    print(
        f"write -> handler (50, serial)    p50 {median(latency):6.1f} ms  p95 {p(latency, 95):6.1f} ms"
        f"  = {median(latency) / floor:4.1f}x a PutItem"
    )
    print(f"{TOTAL} PutItems written             {written:7.2f} s")
    print(
        f"all {TOTAL} seen by the handler     {wall:7.2f} s   ({TOTAL / wall:5.0f} records/s,"
        f" {wall / TOTAL * 1000 / floor:4.2f}x a PutItem each)"
    )


def _exists(logs: object, group: str) -> bool:
    found = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]  # type: ignore[attr-defined]
    return bool(found)
