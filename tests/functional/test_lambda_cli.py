"""The learner's path: `courseware cloud --port 0`, then `courseware aws lambda …` and `aws logs …`."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.functional.lambda_helpers import TRUST_LAMBDA, zipped


def test_cli_create_invoke_and_read_logs(tmp_path: Path, cw: Callable[..., Any]) -> None:
    env = {**os.environ, "COURSEWARE_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "courseware", "cloud", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        assert "ready at" in proc.stdout.readline()
        package = tmp_path / "function.zip"
        package.write_bytes(
            zipped(
                {
                    "lambda_function.py": (
                        "def lambda_handler(event, context):\n"
                        "    print('Hello from Lambda!', event['name'])\n"
                        "    return {'statusCode': 200, 'body': 'Hello ' + event['name']}\n"
                    )
                }
            )
        )

        def aws(*args: str) -> Any:
            result = cw("aws", *args, "--output", "json", env=env)
            assert result.returncode == 0, result.stderr
            return json.loads(result.stdout) if result.stdout.strip() else None

        role = aws(
            "iam",
            "create-role",
            "--role-name",
            "cli-role",
            "--assume-role-policy-document",
            TRUST_LAMBDA,
        )["Role"]["Arn"]
        aws(  # the console's basic permissions: without them Lambda writes no logs (as AWS)
            "iam",
            "attach-role-policy",
            "--role-name",
            "cli-role",
            "--policy-arn",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        )
        aws(
            "lambda",
            "create-function",
            "--function-name",
            "cli-fn",
            "--runtime",
            "python3.12",
            "--role",
            role,
            "--handler",
            "lambda_function.lambda_handler",
            "--zip-file",
            f"fileb://{package}",
        )
        out = tmp_path / "out.json"
        meta = aws(
            "lambda",
            "invoke",
            "--function-name",
            "cli-fn",
            "--payload",
            '{"name": "learner"}',
            "--log-type",
            "Tail",
            str(out),
        )
        assert meta["StatusCode"] == 200
        assert json.loads(out.read_text()) == {"statusCode": 200, "body": "Hello learner"}
        assert "Hello from Lambda! learner" in base64.b64decode(meta["LogResult"]).decode()
        streams = aws("logs", "describe-log-streams", "--log-group-name", "/aws/lambda/cli-fn")
        stream = streams["logStreams"][0]["logStreamName"]
        events = aws(
            "logs",
            "get-log-events",
            "--log-group-name",
            "/aws/lambda/cli-fn",
            "--log-stream-name",
            stream,
        )["events"]
        assert any(e["message"].startswith("REPORT RequestId:") for e in events)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    assert proc.returncode == 0
