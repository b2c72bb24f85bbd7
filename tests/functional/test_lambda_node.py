"""Node.js handlers: CommonJS, ESM, async and callback styles, with AWS's error shapes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pytest

from tests.functional.lambda_helpers import grant, invoke, log_messages, make_function

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")


@pytest.mark.parametrize(
    ("filename", "source"),
    [
        ("index.mjs", "export const handler = async (event) => ({ got: event.n, style: 'esm' });"),
        ("index.js", "exports.handler = async (event) => ({ got: event.n, style: 'cjs' });"),
        (
            "index.js",
            "exports.handler = (event, context, callback) => "
            "callback(null, { got: event.n, style: 'callback' });",
        ),
    ],
)
def test_node_handler_styles(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], filename: str, source: str
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("node")
    make_function(
        lam, iam, name, source, runtime="nodejs22.x", filename=filename, handler="index.handler"
    )
    body, response = invoke(lam, name, {"n": 5})
    assert "FunctionError" not in response, body
    assert body["got"] == 5
    assert any(m.startswith("REPORT RequestId:") for m in log_messages(logs, name))


def test_node_console_log_format_and_errors(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("nodeerr")
    source = "export const handler = async (e, ctx) => { console.log('seen', ctx.awsRequestId); throw new TypeError('bad input'); };"
    make_function(
        lam, iam, name, source, runtime="nodejs22.x", filename="index.mjs", handler="index.handler"
    )
    body, response = invoke(lam, name)
    assert response["FunctionError"] == "Unhandled"
    assert (body["errorType"], body["errorMessage"]) == ("TypeError", "bad input")
    assert body["trace"][0] == "TypeError: bad input"
    seen = next(m for m in log_messages(logs, name) if "\tINFO\tseen " in m)
    assert seen.split("\t")[1] == seen.split("seen ")[1]


def test_node_missing_handler_and_module(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("nodenf")
    make_function(
        lam,
        iam,
        name,
        "export const other = 1;",
        runtime="nodejs22.x",
        filename="index.mjs",
        handler="index.handler",
    )
    body, _ = invoke(lam, name)
    assert body["errorType"] == "Runtime.HandlerNotFound"
    other = unique("nodemod")
    make_function(
        lam, iam, other, "x", runtime="nodejs22.x", filename="index.mjs", handler="main.handler"
    )
    body, _ = invoke(lam, other)
    assert body["errorType"] == "Runtime.ImportModuleError"


def test_node_handler_uses_the_aws_sdk_against_the_embedded_cloud(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    from courseware.cloud.lambda_rt.code import node_sdk

    assert node_sdk() is not None, (
        "run `make node-sdk`: Lambda's Node.js runtimes include the AWS SDK v3"
    )
    lam, iam, ddb = aws_client("lambda"), aws_client("iam"), aws_client("dynamodb")
    table, name = unique("NodeTable"), unique("nodesdk")
    ddb.create_table(
        TableName=table,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    )
    source = (
        'import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";\n'
        "const db = new DynamoDBClient({});\n"
        "export const handler = async (e) => {\n"
        f'  await db.send(new PutItemCommand({{ TableName: "{table}", Item: {{ id: {{ S: e.id }} }} }}));\n'
        "  return 'stored';\n};\n"
    )
    make_function(
        lam,
        iam,
        name,
        source,
        runtime="nodejs22.x",
        filename="index.mjs",
        handler="index.handler",
        Timeout=15,
    )
    grant(iam, f"{name}-role", ["dynamodb:PutItem"], ["*"])  # what AWS requires of its role
    body, _ = invoke(lam, name, {"id": "n1"})
    assert body == "stored", body
    assert ddb.get_item(TableName=table, Key={"id": {"S": "n1"}})["Item"]["id"] == {"S": "n1"}


def test_a_32_mb_console_log_is_capped_not_fatal(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("nodebig")
    source = (
        "export const handler = async () => {"
        " const big = 'x'.repeat(32 * 1024 * 1024);"
        " console.log(big); process.stdout.write('y'.repeat(32 * 1024 * 1024) + '\\n');"
        " return 'survived'; };"
    )
    make_function(
        lam,
        iam,
        name,
        source,
        runtime="nodejs22.x",
        filename="index.mjs",
        handler="index.handler",
        Timeout=60,
        MemorySize=512,
    )
    for _ in range(2):  # the same warm worker, twice
        body, response = invoke(lam, name)
        assert "FunctionError" not in response, body
        assert body == "survived"
    messages = log_messages(logs, name)
    logged = [m for m in messages if "xxxx" in m or "yyyy" in m]
    assert len(logged) == 4
    assert all(len(m.encode()) <= 256 * 1024 for m in logged)
    assert any("\tINFO\txxxx" in m for m in logged)
