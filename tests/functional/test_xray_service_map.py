"""X-Ray reads of a two-function flow: summaries, trace durations, the service map, REPORT."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from courseware.cloud.awscli import run_aws
from courseware.cloud.endpoint import Endpoint
from tests.functional.lambda_helpers import invoke, make_function, wait_for
from tests.functional.xray_helpers import sdk_package, traced_role

BACK = """
import time
def handler(event, context):
    time.sleep(0.3)
    return {"price": 7}
"""

FRONT = """
import json, os
import boto3
from aws_xray_sdk.core import patch
patch(["boto3"])
def handler(event, context):
    boto3.client("dynamodb").get_item(TableName=os.environ["TABLE"], Key={"id": {"S": "o-1"}})
    answer = boto3.client("lambda").invoke(FunctionName=os.environ["BACK"], Payload=b"{}")
    return json.loads(answer["Payload"].read())
"""


def _documents(xray: Any, trace_id: str) -> list[dict[str, Any]]:
    traces = xray.batch_get_traces(TraceIds=[trace_id])["Traces"]
    return [json.loads(s["Document"]) for t in traces for s in t["Segments"]]


def _flow(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp: Path
) -> dict[str, str]:
    lam, iam, ddb = aws_client("lambda"), aws_client("iam"), aws_client("dynamodb")
    names = {"back": unique("back"), "front": unique("front"), "table": unique("orders")}
    ddb.create_table(
        TableName=names["table"],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    make_function(lam, iam, names["back"], BACK, TracingConfig={"Mode": "Active"}, Timeout=10)
    lam.create_function(
        FunctionName=names["front"],
        Runtime="python3.12",
        Role=traced_role(
            iam, f"{names['front']}-role", "lambda:InvokeFunction", "dynamodb:GetItem"
        ),
        Handler="app.handler",
        Code={"ZipFile": sdk_package(tmp, FRONT)},
        TracingConfig={"Mode": "Active"},
        Environment={"Variables": {"BACK": names["back"], "TABLE": names["table"]}},
        Timeout=30,
    )
    return names


def test_a_traced_two_function_flow_reads_as_on_aws(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    lam, xray = aws_client("lambda"), aws_client("xray")
    names = _flow(aws_client, unique, tmp_path)
    began = time.time() - 5
    answer, response = invoke(lam, names["front"], LogType="Tail")
    assert answer == {"price": 7}, response
    report = base64.b64decode(response["LogResult"]).decode().splitlines()[-1]
    assert report.startswith("REPORT RequestId: ") and "\tXRAY TraceId: 1-" in report, report
    trace_id = report.split("XRAY TraceId: ")[1].split("\t")[0]
    assert "\tSampled: true" in report

    def complete() -> list[dict[str, Any]]:
        documents = _documents(xray, trace_id)
        sent = [d for d in documents if d.get("name") in {"dynamodb", "lambda"}]
        return documents if len(sent) == 2 and len(documents) == 6 else []

    documents = wait_for(complete, 30)
    [summary] = [
        s
        for s in xray.get_trace_summaries(StartTime=began, EndTime=time.time() + 60)[
            "TraceSummaries"
        ]
        if s["Id"] == trace_id
    ]
    # The back function sleeps 0.3 s inside the front's response: both figures cover it.
    assert summary["ResponseTime"] >= 0.3 and summary["Duration"] >= summary["ResponseTime"]
    assert summary["EntryPoint"]["Name"] == names["front"]
    assert {(s["Name"], s["Type"]) for s in summary["ServiceIds"]} >= {
        (names["front"], "AWS::Lambda::Function"),
        (names["back"], "AWS::Lambda::Function"),
    }
    assert summary["HasFault"] is False and summary["HasError"] is False
    [trace] = xray.batch_get_traces(TraceIds=[trace_id])["Traces"]
    assert trace["Duration"] == summary["Duration"]
    back = next(
        d
        for d in documents
        if d["name"] == names["back"] and d["origin"] == "AWS::Lambda::Function"
    )
    assert back["end_time"] - back["start_time"] >= 0.3

    done = run_aws(
        cloud,
        ["xray", "get-service-graph", "--start-time", str(int(began)),
         "--end-time", str(int(time.time()) + 60)],
        capture=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    services = json.loads(done.stdout)["Services"]
    by_key = {(s["Name"], s["Type"]): s for s in services}
    front_fn = by_key[(names["front"], "AWS::Lambda::Function")]
    back_service = by_key[(names["back"], "AWS::Lambda")]
    table = by_key[("dynamodb", "AWS::DynamoDB::Table")]
    assert by_key[(names["front"], "AWS::Lambda")]["Root"] is True
    assert {e["ReferenceId"] for e in front_fn["Edges"]} >= {
        back_service["ReferenceId"],
        table["ReferenceId"],
    }
    back_fn = by_key[(names["back"], "AWS::Lambda::Function")]
    assert back_fn["SummaryStatistics"]["TotalCount"] >= 1
    assert back_fn["SummaryStatistics"]["TotalResponseTime"] >= 0.3


def test_a_failing_traced_function_is_a_fault_in_its_summary_and_on_the_map(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, xray = aws_client("lambda"), aws_client("iam"), aws_client("xray")
    name = unique("faulty")
    make_function(
        lam, iam, name, "def handler(e, c):\n    raise ValueError('no')\n",
        TracingConfig={"Mode": "Active"},
    )  # fmt: skip
    began = time.time() - 5
    _, response = invoke(lam, name, LogType="Tail")
    assert response["FunctionError"] == "Unhandled"
    report = base64.b64decode(response["LogResult"]).decode().splitlines()[-1]
    trace_id = report.split("XRAY TraceId: ")[1].split("\t")[0]
    end = time.time() + 60
    [summary] = [
        s
        for s in xray.get_trace_summaries(StartTime=began, EndTime=end)["TraceSummaries"]
        if s["Id"] == trace_id
    ]
    assert summary["HasFault"] is True
    graph = xray.get_service_graph(StartTime=began, EndTime=end)["Services"]
    [node] = [s for s in graph if s["Name"] == name and s["Type"] == "AWS::Lambda::Function"]
    assert node["SummaryStatistics"]["FaultStatistics"]["TotalCount"] == 1
    assert node["SummaryStatistics"]["OkCount"] == 0
