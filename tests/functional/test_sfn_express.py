"""Express state machines: StartSyncExecution answers with the output; logging reaches the log group."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from courseware.cloud.awscli import run_aws
from courseware.cloud.endpoint import Endpoint
from tests.functional.lambda_helpers import make_function, states_role, wait_for

ROLE = "arn:aws:iam::123456789012:role/sfn-role"  # for machines without Lambda tasks


def _express(
    sfn: Any, name: str, definition: dict[str, Any], role: str = ROLE, **extra: Any
) -> str:
    return str(
        sfn.create_state_machine(
            name=name, definition=json.dumps(definition), roleArn=role, type="EXPRESS", **extra
        )["stateMachineArn"]
    )


def test_sync_execution_returns_the_output_to_boto3_and_the_cli(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sfn = aws_client("lambda"), aws_client("iam"), aws_client("stepfunctions")
    fn = make_function(lam, iam, unique("triple"), "def handler(e, c):\n    return e['n'] * 3\n")
    definition = {
        "StartAt": "Triple",
        "States": {
            "Triple": {
                "Type": "Task",
                "Resource": fn["FunctionArn"],
                "ResultPath": "$.n",
                "Next": "Done",
            },
            "Done": {"Type": "Pass", "Parameters": {"result.$": "$.n"}, "End": True},
        },
    }
    arn = _express(
        sfn, unique("express"), definition, states_role(iam, unique("sfn"), [fn["FunctionArn"]])
    )

    answer = sfn.start_sync_execution(stateMachineArn=arn, input=json.dumps({"n": 5}))
    assert answer["status"] == "SUCCEEDED"
    assert json.loads(answer["output"]) == {"result": 15}
    assert ":express:" in answer["executionArn"]

    done = run_aws(
        cloud,
        [
            "stepfunctions",
            "start-sync-execution",
            "--state-machine-arn",
            arn,
            "--input",
            '{"n": 7}',
        ],
        capture=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["status"] == "SUCCEEDED"
    assert json.loads(printed["output"]) == {"result": 21}


def test_sync_execution_reports_failure_and_refuses_standard_machines(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sfn = aws_client("stepfunctions")
    failing = {"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Nope", "Cause": "why"}}}
    answer = sfn.start_sync_execution(stateMachineArn=_express(sfn, unique("fails"), failing))
    assert (answer["status"], answer["error"], answer["cause"]) == ("FAILED", "Nope", "why")

    standard = sfn.create_state_machine(
        name=unique("standard"), definition=json.dumps(failing), roleArn=ROLE
    )["stateMachineArn"]
    with pytest.raises(ClientError) as raised:
        sfn.start_sync_execution(stateMachineArn=standard)
    assert raised.value.response["Error"]["Code"] == "StateMachineTypeNotSupported"


def test_logging_configuration_writes_execution_events_to_the_log_group(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sfn, logs = aws_client("stepfunctions"), aws_client("logs")
    group = f"/aws/vendedlogs/states/{unique('log')}"
    logs.create_log_group(logGroupName=group)
    group_arn = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0]["arn"]
    logging = {
        "level": "ALL",
        "includeExecutionData": True,
        "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": group_arn}}],
    }
    definition = {
        "StartAt": "Hi",
        "States": {"Hi": {"Type": "Pass", "Result": "hello", "End": True}},
    }
    express = _express(sfn, unique("logged"), definition, loggingConfiguration=logging)
    assert sfn.start_sync_execution(stateMachineArn=express)["status"] == "SUCCEEDED"
    standard = sfn.create_state_machine(
        name=unique("logged-std"),
        definition=json.dumps(definition),
        roleArn=ROLE,
        loggingConfiguration=logging,
    )["stateMachineArn"]
    sfn.start_execution(stateMachineArn=standard)

    def types() -> list[str]:
        events = logs.filter_log_events(logGroupName=group)["events"]
        return [json.loads(e["message"])["type"] for e in events]

    wait_for(lambda: types().count("ExecutionSucceeded") == 2, timeout=30)
    assert types().count("ExecutionStarted") == 2
    assert "PassStateEntered" in types()
