"""X-Ray: Active tracing is kept, the handler sees its trace header, each invocation is a trace."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from courseware.cloud.awscli import run_aws
from courseware.cloud.endpoint import Endpoint
from tests.functional.lambda_helpers import invoke, make_function, wait_for
from tests.functional.xray_helpers import sdk_package, traced_role

HEADER_HANDLER = """
import os
def handler(event, context):
    return {"trace": os.environ.get("_X_AMZN_TRACE_ID", ""),
            "daemon": os.environ.get("AWS_XRAY_DAEMON_ADDRESS", "")}
"""

SDK_HANDLER = """
import boto3
from aws_xray_sdk.core import patch, xray_recorder
patch(["boto3"])
def handler(event, context):
    with xray_recorder.in_subsegment("work") as sub:
        sub.put_annotation("order", event["order"])
    boto3.client("sqs").list_queues()
    return "ok"
"""


def _traces(xray: Any, trace_id: str) -> list[dict[str, Any]]:
    traces = xray.batch_get_traces(TraceIds=[trace_id])["Traces"]
    return [json.loads(s["Document"]) for t in traces for s in t["Segments"]]


def _root(header: str) -> str:
    return dict(p.split("=", 1) for p in header.split(";"))["Root"]


def test_active_tracing_gives_each_invocation_a_trace_with_the_lambda_segments(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, xray = aws_client("lambda"), aws_client("iam"), aws_client("xray")
    name = unique("traced")
    make_function(lam, iam, name, HEADER_HANDLER)
    untraced, _ = invoke(lam, name)
    assert untraced["trace"].endswith(";Sampled=0"), untraced

    done = run_aws(
        cloud,
        ["lambda", "update-function-configuration", "--function-name", name,
         "--tracing-config", "Mode=Active"],
        capture=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    config = lam.get_function_configuration(FunctionName=name)
    assert config["TracingConfig"] == {"Mode": "Active"}

    began = time.time() - 5
    first, _ = invoke(lam, name)
    second, _ = invoke(lam, name)
    assert first["trace"].startswith("Root=1-") and first["trace"].endswith(";Sampled=1")
    assert "Parent=" in first["trace"]
    assert first["daemon"].startswith("127.0.0.1:")
    assert _root(first["trace"]) != _root(second["trace"])

    documents = _traces(xray, _root(first["trace"]))
    origins = sorted(d.get("origin", "") for d in documents)
    assert origins == ["AWS::Lambda", "AWS::Lambda::Function"]
    function = next(d for d in documents if d["origin"] == "AWS::Lambda::Function")
    assert function["name"] == name
    assert function["id"] == dict(p.split("=", 1) for p in first["trace"].split(";"))["Parent"]
    assert "Invocation" in [s["name"] for s in function["subsegments"]]

    summaries = xray.get_trace_summaries(StartTime=began, EndTime=time.time() + 60)
    ids = {s["Id"] for s in summaries["TraceSummaries"]}
    assert {_root(first["trace"]), _root(second["trace"])} <= ids


def _sdk_package(tmp: Path, handler: str = SDK_HANDLER) -> bytes:
    return sdk_package(tmp, handler)


def _traced_role(iam: Any, name: str, action: str) -> str:
    return traced_role(iam, name, action)


def test_segments_the_xray_sdk_sends_from_the_handler_join_the_trace(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    lam, iam, xray = aws_client("lambda"), aws_client("iam"), aws_client("xray")
    name = unique("sdk-traced")
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=_traced_role(iam, f"{name}-role", "sqs:ListQueues"),
        Handler="app.handler",
        Code={"ZipFile": _sdk_package(tmp_path)},
        TracingConfig={"Mode": "Active"},
        Timeout=30,
    )
    payload, response = invoke(lam, name, {"order": "o-1"}, LogType="Tail")
    assert payload == "ok", response
    log_tail = response.get("LogResult", "")
    [trace_id] = [
        d["trace_id"]
        for t in xray.get_trace_summaries(StartTime=time.time() - 600, EndTime=time.time() + 60)[
            "TraceSummaries"
        ]
        for d in _traces(xray, t["Id"])
        if d.get("origin") == "AWS::Lambda::Function" and d["name"] == name
    ]

    def documents() -> list[dict[str, Any]]:
        return [d for d in _traces(xray, trace_id) if d.get("name") in {"work", "sqs"}]

    sent = wait_for(lambda: len(documents()) == 2 and documents(), 30)
    by_name = {d["name"]: d for d in sent}
    function = next(
        d for d in _traces(xray, trace_id) if d.get("origin") == "AWS::Lambda::Function"
    )
    assert {d["parent_id"] for d in sent} == {function["id"]}, log_tail
    assert by_name["work"]["annotations"] == {"order": "o-1"}
    assert by_name["sqs"]["aws"]["operation"] == "ListQueues"


def test_a_traced_state_machine_stores_a_segment_per_execution(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sfn, xray = aws_client("stepfunctions"), aws_client("xray")
    definition = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
    role = "arn:aws:iam::123456789012:role/sfn-role"
    traced = sfn.create_state_machine(
        name=unique("traced-sm"),
        definition=definition,
        roleArn=role,
        type="EXPRESS",
        tracingConfiguration={"enabled": True},
    )["stateMachineArn"]
    plain = sfn.create_state_machine(
        name=unique("plain-sm"), definition=definition, roleArn=role, type="EXPRESS"
    )["stateMachineArn"]
    began = time.time() - 5
    done = sfn.start_sync_execution(stateMachineArn=traced)
    sfn.start_sync_execution(stateMachineArn=plain)

    def machine_segments() -> list[dict[str, Any]]:
        summaries = xray.get_trace_summaries(StartTime=began, EndTime=time.time() + 60)
        return [
            d
            for s in summaries["TraceSummaries"]
            for d in _traces(xray, s["Id"])
            if d.get("origin") == "AWS::StepFunctions::StateMachine"
            and d["aws"]["state_machine_arn"] in {traced, plain}
        ]

    [segment] = wait_for(machine_segments, 30)
    assert segment["aws"]["execution_arn"] == done["executionArn"]
    assert segment["annotations"] == {"status": "SUCCEEDED"}


def test_an_invoke_carrying_a_trace_header_joins_the_callers_trace(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, xray = aws_client("lambda"), aws_client("iam"), aws_client("xray")
    name = unique("joined")
    make_function(lam, iam, name, HEADER_HANDLER)
    lam.update_function_configuration(FunctionName=name, TracingConfig={"Mode": "Active"})
    root, parent = "1-5f84c7a5-0123456789abcdef01234567", "53995c3f42cd8ad8"

    def add_header(request: Any, **_: Any) -> None:
        request.headers["X-Amzn-Trace-Id"] = f"Root={root};Parent={parent};Sampled=1"

    lam.meta.events.register_first("before-sign.lambda.Invoke", add_header)
    try:
        called, _ = invoke(lam, name)
    finally:
        lam.meta.events.unregister("before-sign.lambda.Invoke", add_header)
    assert _root(called["trace"]) == root
    documents = _traces(xray, root)
    service = next(d for d in documents if d.get("origin") == "AWS::Lambda")
    assert service["parent_id"] == parent
    assert service["name"] == name


CALLER_HANDLER = """
import json, os
import boto3
from aws_xray_sdk.core import patch
patch(["boto3"])
def handler(event, context):
    answer = boto3.client("lambda").invoke(FunctionName=os.environ["CALLEE"], Payload=b"{}")
    return json.loads(answer["Payload"].read())
"""


def test_a_traced_function_invoking_another_makes_one_trace_of_both(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    lam, iam, xray = aws_client("lambda"), aws_client("iam"), aws_client("xray")
    callee, caller = unique("callee"), unique("caller")
    make_function(lam, iam, callee, HEADER_HANDLER)
    lam.update_function_configuration(FunctionName=callee, TracingConfig={"Mode": "Active"})
    lam.create_function(
        FunctionName=caller,
        Runtime="python3.12",
        Role=_traced_role(iam, f"{caller}-role", "lambda:InvokeFunction"),
        Handler="app.handler",
        Code={"ZipFile": _sdk_package(tmp_path, CALLER_HANDLER)},
        TracingConfig={"Mode": "Active"},
        Environment={"Variables": {"CALLEE": callee}},
        Timeout=30,
    )
    answer, response = invoke(lam, caller, LogType="Tail")
    assert "trace" in answer, response
    trace_id = _root(answer["trace"])

    def call() -> list[dict[str, Any]]:
        return [d for d in _traces(xray, trace_id) if d.get("name") == "lambda"]

    [subsegment] = wait_for(call, 30)
    names = {d.get("name") for d in _traces(xray, trace_id) if d.get("origin")}
    assert names == {caller, callee}
    assert subsegment["aws"]["operation"] == "Invoke"
    served = next(
        d
        for d in _traces(xray, trace_id)
        if d.get("origin") == "AWS::Lambda" and d["name"] == callee
    )
    assert served["parent_id"] == subsegment["id"]
