"""AWS_REGION everywhere, one CloudWatch event per logged message, newer runtimes run."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pytest

from tests.functional.lambda_helpers import invoke, log_messages, make_function

LOGGER = """import logging, os
log = logging.getLogger()
log.setLevel(logging.INFO)
def handler(event, context):
    print("printed one\\nprinted two")
    try:
        {}["missing"]
    except KeyError:
        log.exception("lookup failed\\nsecond line")
    return os.environ.get("AWS_REGION")
"""
NODE_LOG = """exports.handler = async () => {
  console.log({ order: { id: 1, items: ["a", "b"], note: "x".repeat(80) } });
  console.log("first line\\nsecond line");
  return process.env.AWS_REGION;
};
"""


def test_courseware_env_exports_aws_region(cloud: Any, cw: Callable[..., Any]) -> None:
    done = cw("env")
    assert done.returncode == 0, done.stderr
    assert "export AWS_REGION=us-east-1" in done.stdout.splitlines()


def test_python_logger_record_is_one_event(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("onelog")
    make_function(lam, iam, name, LOGGER)
    region, _ = invoke(lam, name)
    assert region == "us-east-1"
    messages = log_messages(logs, name)
    record = [m for m in messages if "lookup failed" in m]
    assert len(record) == 1, messages
    assert "second line" in record[0] and "Traceback (most recent call last)" in record[0]
    assert "KeyError: 'missing'" in record[0]
    assert "printed one" in messages and "printed two" in messages  # print splits, as in AWS


def test_node_console_log_of_an_object_is_one_event(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("nodelog")
    make_function(
        lam, iam, name, NODE_LOG, runtime="nodejs20.x", filename="index.js", handler="index.handler"
    )
    region, _ = invoke(lam, name)
    assert region == "us-east-1"
    messages = log_messages(logs, name)
    objects = [m for m in messages if "order" in m]
    assert len(objects) == 1 and "items" in objects[0] and "\n" in objects[0], messages
    assert len([m for m in messages if "first line" in m and "second line" in m]) == 1


def test_python_3_14_runs_on_the_nearest_interpreter(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, logs = aws_client("lambda"), aws_client("iam"), aws_client("logs")
    name = unique("py314")
    source = "import sys\ndef handler(e, c):\n    return list(sys.version_info[:2])\n"
    make_function(lam, iam, name, source, runtime="python3.14")
    version, response = invoke(lam, name)
    assert "FunctionError" not in response, version
    assert version[0] == 3 and version[1] >= 9
    if shutil.which("python3.14") is None:
        notes = [m for m in log_messages(logs, name) if "python3.14 was not found on PATH" in m]
        assert notes and f"{version[0]}.{version[1]}." in notes[0]
