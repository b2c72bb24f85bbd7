"""A state machine's Lambda tasks run as its role: lambda:InvokeFunction is required (real cloud)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID
from tests.functional.lambda_helpers import grant, make_function, wait_for

HELLO = "def handler(event, context):\n    return {'hello': event.get('who', 'world')}\n"
STATES_TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "states.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def _states_role(iam: Any, name: str) -> str:
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(STATES_TRUST))
    return str(role["Role"]["Arn"])


def _run(sfn: Any, machine: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    execution = sfn.start_execution(stateMachineArn=machine, input=json.dumps(payload or {}))
    arn = execution["executionArn"]
    wait_for(lambda: sfn.describe_execution(executionArn=arn)["status"] != "RUNNING", timeout=30)
    return {
        "status": sfn.describe_execution(executionArn=arn)["status"],
        "events": sfn.get_execution_history(executionArn=arn)["events"],
        "output": sfn.describe_execution(executionArn=arn).get("output"),
    }


def _denied_text(role: str, function_arn: str) -> tuple[str, str]:
    """AWS's text around the session name (Step Functions picks it)."""
    return (f"User: arn:aws:sts::{ACCOUNT_ID}:assumed-role/{role}/"), (
        f" is not authorized to perform: lambda:InvokeFunction on resource: {function_arn}"
        " because no identity-based policy allows the lambda:InvokeFunction action"
    )


def test_an_invoke_task_without_invoke_function_fails_as_on_aws_until_the_policy_is_added(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sfn = aws_client("lambda"), aws_client("iam"), aws_client("stepfunctions")
    fn = make_function(lam, iam, unique("hello"), HELLO)
    role = unique("sfn-role")
    definition = {
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": fn["FunctionName"], "Payload.$": "$"},
                "OutputPath": "$.Payload",
                "End": True,
            }
        },
    }
    machine = sfn.create_state_machine(
        name=unique("invoke"), definition=json.dumps(definition), roleArn=_states_role(iam, role)
    )["stateMachineArn"]

    denied = _run(sfn, machine)
    assert denied["status"] == "FAILED"
    failed = [e for e in denied["events"] if e["type"] == "TaskFailed"]
    assert failed, [e["type"] for e in denied["events"]]
    details = failed[0]["taskFailedEventDetails"]
    assert details["error"] == "Lambda.AWSLambdaException"
    head, tail = _denied_text(role, fn["FunctionArn"])
    assert details["cause"].startswith(head), details["cause"]
    assert (
        tail + " (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException"
        in (details["cause"])
    )
    end = next(e for e in denied["events"] if e["type"] == "ExecutionFailed")
    assert end["executionFailedEventDetails"]["error"] == "Lambda.AWSLambdaException"

    grant(iam, role, ["lambda:InvokeFunction"], [fn["FunctionArn"]])
    allowed = _run(sfn, machine, {"who": "sfn"})  # the same machine: not recreated
    assert allowed["status"] == "SUCCEEDED", allowed["events"][-1]
    assert json.loads(allowed["output"]) == {"hello": "sfn"}


def test_a_bare_function_arn_task_is_denied_and_the_denial_is_catchable(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sfn = aws_client("lambda"), aws_client("iam"), aws_client("stepfunctions")
    fn = make_function(lam, iam, unique("hello"), HELLO)
    role = unique("sfn-role")
    definition = {
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": fn["FunctionArn"],
                "Catch": [{"ErrorEquals": ["Lambda.AWSLambdaException"], "Next": "Caught"}],
                "End": True,
            },
            "Caught": {"Type": "Pass", "Result": {"caught": True}, "End": True},
        },
    }
    machine = sfn.create_state_machine(
        name=unique("bare"), definition=json.dumps(definition), roleArn=_states_role(iam, role)
    )["stateMachineArn"]

    caught = _run(sfn, machine)
    assert caught["status"] == "SUCCEEDED"
    assert json.loads(caught["output"]) == {"caught": True}
    failed = [e for e in caught["events"] if e["type"] == "LambdaFunctionFailed"]
    assert failed, [e["type"] for e in caught["events"]]
    details = failed[0]["lambdaFunctionFailedEventDetails"]
    assert details["error"] == "Lambda.AWSLambdaException"
    head, tail = _denied_text(role, fn["FunctionArn"])
    assert details["cause"].startswith(head) and tail in details["cause"], details["cause"]

    grant(iam, role, ["lambda:InvokeFunction"], [fn["FunctionArn"]])
    allowed = _run(sfn, machine, {"who": "arn"})
    assert allowed["status"] == "SUCCEEDED"
    assert json.loads(allowed["output"]) == {"hello": "arn"}


def test_an_explicit_deny_in_the_role_beats_its_allow(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sfn = aws_client("lambda"), aws_client("iam"), aws_client("stepfunctions")
    fn = make_function(lam, iam, unique("hello"), HELLO)
    role = unique("sfn-role")
    arn = _states_role(iam, role)
    grant(iam, role, ["lambda:*"], ["*"], name="all")
    deny = {"Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": fn["FunctionArn"]}
    iam.put_role_policy(
        RoleName=role,
        PolicyName="no-invoke",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [deny]}),
    )
    definition = {
        "StartAt": "Call",
        "States": {"Call": {"Type": "Task", "Resource": fn["FunctionArn"], "End": True}},
    }
    machine = sfn.create_state_machine(
        name=unique("deny"), definition=json.dumps(definition), roleArn=arn
    )["stateMachineArn"]
    denied = _run(sfn, machine)
    assert denied["status"] == "FAILED"
    causes = [
        e["lambdaFunctionFailedEventDetails"]["cause"]
        for e in denied["events"]
        if e["type"] == "LambdaFunctionFailed"
    ]
    assert causes and "with an explicit deny in an identity-based policy" in causes[0], causes


def test_a_machine_whose_role_does_not_exist_cannot_invoke(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sfn = aws_client("lambda"), aws_client("iam"), aws_client("stepfunctions")
    fn = make_function(lam, iam, unique("hello"), HELLO)
    definition = {
        "StartAt": "Call",
        "States": {"Call": {"Type": "Task", "Resource": fn["FunctionArn"], "End": True}},
    }
    machine = sfn.create_state_machine(
        name=unique("ghost"),
        definition=json.dumps(definition),
        roleArn=f"arn:aws:iam::{ACCOUNT_ID}:role/{unique('no-such-role')}",
    )["stateMachineArn"]
    denied = _run(sfn, machine)
    assert denied["status"] == "FAILED"
    errors = [
        e["lambdaFunctionFailedEventDetails"]["error"]
        for e in denied["events"]
        if e["type"] == "LambdaFunctionFailed"
    ]
    assert errors == ["Lambda.AWSLambdaException"], [e["type"] for e in denied["events"]]
