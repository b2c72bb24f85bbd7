"""Our Lambda runtime behind moto's Invoke API: handlers really run, logs look like AWS's."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any

from tests.functional.lambda_helpers import grant, invoke, log_messages, make_function, zipped

HELLO = """
import json, os
def handler(event, context):
    print("hello from", context.function_name)
    return {
        "event": event,
        "request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "arn": context.invoked_function_arn,
        "memory": context.memory_limit_in_mb,
        "group": context.log_group_name,
        "stream": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "greeting": os.environ.get("GREETING"),
        "env_name": os.environ["AWS_LAMBDA_FUNCTION_NAME"],
        "handler": os.environ["_HANDLER"],
        "region": os.environ["AWS_REGION"],
        "pid": os.getpid(),
    }
"""


def test_invoke_runs_the_handler_with_context_and_environment(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("hello")
    make_function(
        lam,
        iam,
        name,
        HELLO,
        Timeout=5,
        MemorySize=256,
        Environment={"Variables": {"GREETING": "hi"}},
    )
    body, response = invoke(lam, name, {"a": 1})
    assert "FunctionError" not in response
    assert body["event"] == {"a": 1}
    assert body["function_name"] == name
    assert body["function_version"] == "$LATEST"
    assert body["arn"] == f"arn:aws:lambda:us-east-1:123456789012:function:{name}"
    assert body["memory"] == 256
    assert body["group"] == f"/aws/lambda/{name}"
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}", body["stream"])
    assert 0 < body["remaining"] <= 5000
    assert body["greeting"] == "hi"
    assert (body["env_name"], body["handler"], body["region"]) == (name, "app.handler", "us-east-1")
    assert re.fullmatch(r"[0-9a-f-]{36}", body["request_id"])


def test_logs_have_start_end_report_and_output(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("logs")
    make_function(lam, iam, name, HELLO)
    first, _ = invoke(lam, name)
    second, _ = invoke(lam, name)
    messages = log_messages(logs, name)
    starts = [m for m in messages if m.startswith("START RequestId:")]
    reports = [m for m in messages if m.startswith("REPORT RequestId:")]
    assert len(starts) == 2 and len(reports) == 2
    assert f"START RequestId: {first['request_id']} Version: $LATEST" in messages
    assert f"END RequestId: {second['request_id']}" in messages
    assert messages.count(f"hello from {name}") == 2
    cold, warm = reports
    pattern = (
        r"REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\t"
        r"Memory Size: 128 MB\tMax Memory Used: \d+ MB\t"
    )
    assert re.match(pattern + r"Init Duration: \d+\.\d\d ms\t$", cold), cold
    assert re.fullmatch(pattern, warm), warm
    assert first["pid"] == second["pid"], "a warm start must reuse the worker"
    assert any(m.startswith("INIT_START Runtime Version: python:3.12") for m in messages)


def test_log_type_tail_returns_the_last_4kb(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("tail")
    source = (
        "def handler(event, context):\n    print('x' * 100 + 'LINE', flush=True)\n"
        "    for i in range(100):\n        print(f'line {i:03d}')\n    return 1\n"
    )
    make_function(lam, iam, name, source)
    _, response = invoke(lam, name, LogType="Tail")
    tail = base64.b64decode(response["LogResult"]).decode()
    assert len(tail.encode()) <= 4096
    assert "line 099" in tail and "REPORT RequestId:" in tail
    _, plain = invoke(lam, name)
    assert "LogResult" not in plain


def test_update_code_runs_the_new_code_as_a_cold_start(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("update")
    # An id made at INIT tells execution environments apart (in their PID namespaces every
    # worker may have the same pid, as in Lambda).
    env_id = "import uuid\nME = uuid.uuid4().hex\n"
    make_function(lam, iam, name, env_id + "def handler(e, c):\n    return ['v1', ME]\n")
    (v1, pid1), _ = invoke(lam, name)
    lam.update_function_code(
        FunctionName=name,
        ZipFile=zipped({"app.py": env_id + "def handler(e, c):\n    return ['v2', ME]\n"}),
    )
    (v2, pid2), _ = invoke(lam, name)
    assert (v1, v2) == ("v1", "v2")
    assert pid1 != pid2
    lam.update_function_configuration(FunctionName=name, Timeout=7)
    (_, pid3), _ = invoke(lam, name)
    assert pid3 != pid2, "a configuration change must retire warm workers"
    reports = [m for m in log_messages(logs, name) if m.startswith("REPORT")]
    assert sum("Init Duration" in r for r in reports) == 3


def test_handler_boto3_reaches_the_embedded_cloud(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, ddb = aws_client("lambda"), aws_client("iam"), aws_client("dynamodb")
    table, name = unique("Visits"), unique("writer")
    ddb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    source = f"""
import boto3
table = boto3.resource("dynamodb").Table("{table}")
def handler(event, context):
    table.put_item(Item={{"id": event["id"], "note": "written by lambda"}})
    return "ok"
"""
    made = make_function(lam, iam, name, source)
    table_arn = made["FunctionArn"].split(":function:")[0].replace(":lambda:", ":dynamodb:")
    grant(iam, f"{name}-role", ["dynamodb:PutItem"], [f"{table_arn}:table/{table}"])
    body, response = invoke(lam, name, {"id": "42"})
    assert body == "ok", response
    item = ddb.get_item(TableName=table, Key={"id": {"S": "42"}})["Item"]
    assert item["note"] == {"S": "written by lambda"}


def test_dry_run_and_event_invocation_types(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("types")
    make_function(lam, iam, name, "def handler(e, c):\n    print('ran', e['n'])\n")
    dry = lam.invoke(FunctionName=name, InvocationType="DryRun", Payload=b"{}")
    assert dry["StatusCode"] == 204
    queued = lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"n": 7}))
    assert queued["StatusCode"] == 202
    from tests.functional.lambda_helpers import wait_for

    wait_for(lambda: "ran 7" in log_messages(logs, name) if _group_exists(logs, name) else False)


def _group_exists(logs: Any, name: str) -> bool:
    groups = logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{name}")["logGroups"]
    return bool(groups)


def test_python_logging_uses_the_lambda_format(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("logging")
    source = (
        "import logging\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n"
        "def handler(e, c):\n    logger.info('processing %s', e['n'])\n    return c.aws_request_id\n"
    )
    make_function(lam, iam, name, source)
    request_id, _ = invoke(lam, name, {"n": 3})
    line = next(m for m in log_messages(logs, name) if "processing 3" in m)
    assert re.fullmatch(
        rf"\[INFO\]\t\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z\t{request_id}\tprocessing 3", line
    ), line


def test_invalid_json_payload_is_rejected_like_aws(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("badjson")
    make_function(lam, iam, name, "def handler(e, c):\n    return e\n")
    try:
        lam.invoke(FunctionName=name, Payload=b"{not json")
    except lam.exceptions.InvalidRequestContentException as exc:
        assert "Could not parse request body into json" in str(exc)
    else:
        raise AssertionError("invalid JSON was accepted")


def test_corrupt_zip_is_refused_at_create(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    from tests.functional.lambda_helpers import make_role

    role = make_role(iam, unique("zip-role"))
    try:
        lam.create_function(
            FunctionName=unique("corrupt"),
            Runtime="python3.12",
            Role=role,
            Handler="app.handler",
            Code={"ZipFile": b"PK\x03\x04 definitely not a zip"},
        )
    except lam.exceptions.InvalidParameterValueException as exc:
        assert "Could not unzip uploaded file" in str(exc)
    else:
        raise AssertionError("a corrupt zip was accepted")
