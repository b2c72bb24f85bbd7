"""Helpers to build deployment packages and functions the way a learner would."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable
from typing import Any

from courseware.course.iam_templates import LAMBDA_TRUST_POLICY

TRUST_LAMBDA = json.dumps(LAMBDA_TRUST_POLICY)


def zipped(files: dict[str, str]) -> bytes:
    """A zip archive holding ``files`` (name -> source)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, source in files.items():
            archive.writestr(name, source)
    return buffer.getvalue()


BASIC_EXECUTION_ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"


def make_role(iam: Any, name: str, *, logs: bool = True) -> str:
    """Create a role Lambda can assume, with the console's basic logging permissions unless
    ``logs`` is False; return its ARN."""
    arn = str(iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST_LAMBDA)["Role"]["Arn"])
    if logs:
        iam.attach_role_policy(RoleName=name, PolicyArn=BASIC_EXECUTION_ROLE)
    return arn


def make_function(
    lam: Any,
    iam: Any,
    name: str,
    source: str,
    *,
    runtime: str = "python3.12",
    filename: str = "app.py",
    handler: str = "app.handler",
    **extra: Any,
) -> dict[str, Any]:
    """Create a function from one source file."""
    role = make_role(iam, f"{name}-role")
    return dict(
        lam.create_function(
            FunctionName=name,
            Runtime=runtime,
            Role=role,
            Handler=handler,
            Code={"ZipFile": zipped({filename: source})},
            **extra,
        )
    )


def invoke(lam: Any, name: str, event: Any = None, **extra: Any) -> tuple[Any, dict[str, Any]]:
    """Invoke and return (decoded payload, raw response)."""
    response = lam.invoke(FunctionName=name, Payload=json.dumps(event or {}), **extra)
    body = response["Payload"].read()
    return (json.loads(body) if body else None), response


def log_messages(logs: Any, name: str) -> list[str]:
    """Every log event message of the function, oldest first."""
    group = f"/aws/lambda/{name}"
    messages: list[str] = []
    for stream in logs.describe_log_streams(logGroupName=group)["logStreams"]:
        events = logs.get_log_events(logGroupName=group, logStreamName=stream["logStreamName"])
        messages.extend(e["message"] for e in events["events"])
    return messages


def wait_for(predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.05) -> Any:
    """Poll ``predicate`` until it returns something truthy, or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


def logged(logs: Any, name: str, marker: str = "GOT ") -> list[Any]:
    """The JSON a handler printed after ``marker``, in order (empty before its log group exists)."""
    try:
        lines = log_messages(logs, name)
    except Exception:
        return []
    return [json.loads(m.split(marker, 1)[1]) for m in lines if m.startswith(marker)]


def table_with_stream(ddb: Any, name: str, view: str = "NEW_AND_OLD_IMAGES") -> str:
    """Create an on-demand table keyed by ``k`` (S) with a stream; return the stream's ARN."""
    ddb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": view},
    )
    return str(ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"])


STATES_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "states.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def states_role(iam: Any, name: str, functions: list[str]) -> str:
    """Create a role Step Functions can assume, allowed to invoke ``functions``; return its ARN."""
    arn = str(iam.create_role(RoleName=name, AssumeRolePolicyDocument=STATES_TRUST)["Role"]["Arn"])
    if functions:
        grant(iam, name, ["lambda:InvokeFunction"], functions, name="invoke")
    return arn


def grant(
    iam: Any, role: str, actions: list[str], resources: list[str], name: str = "grant"
) -> None:
    """Give ``role`` an inline policy allowing ``actions`` on ``resources`` (what AWS requires)."""
    statement = {"Effect": "Allow", "Action": actions, "Resource": resources}
    document = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    iam.put_role_policy(RoleName=role, PolicyName=name, PolicyDocument=document)


SQS_EXECUTION_ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"


def allow_sqs_trigger(iam: Any, function_name: str) -> None:
    """Attach the AWS managed policy an SQS trigger needs to the function's ``<name>-role``."""
    iam.attach_role_policy(RoleName=f"{function_name}-role", PolicyArn=SQS_EXECUTION_ROLE)
