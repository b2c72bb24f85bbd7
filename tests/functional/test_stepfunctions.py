"""Step Functions executions really run, Task states calling our Lambda runtime."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.functional.lambda_helpers import make_function, states_role, wait_for


def _run(
    sfn: Any, name: str, definition: dict[str, Any], payload: Any, role: str = ""
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    role = role or "arn:aws:iam::123456789012:role/sfn-role"  # a machine without Lambda tasks
    arn = sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=role)[
        "stateMachineArn"
    ]
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps(payload))["executionArn"]
    wait_for(
        lambda: sfn.describe_execution(executionArn=execution)["status"] != "RUNNING", timeout=30
    )
    history = sfn.get_execution_history(executionArn=execution)["events"]
    return sfn.describe_execution(executionArn=execution), history


def _entered(history: list[dict[str, Any]]) -> list[str]:
    return [
        e["stateEnteredEventDetails"]["name"] for e in history if "stateEnteredEventDetails" in e
    ]


def test_choice_parallel_map_and_catch_with_lambda_tasks(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sfn = aws_client("lambda"), aws_client("iam"), aws_client("stepfunctions")
    double = make_function(
        lam, iam, unique("double"), "def handler(e, c):\n    return e['n'] * 2\n"
    )
    fail = make_function(
        lam, iam, unique("fail"), "def handler(e, c):\n    raise ValueError('nope')\n"
    )
    definition = {
        "StartAt": "Route",
        "States": {
            "Route": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.kind", "StringEquals": "batch", "Next": "Both"}],
                "Default": "Rejected",
            },
            "Rejected": {"Type": "Fail", "Error": "Rejected", "Cause": "not a batch"},
            "Both": {
                "Type": "Parallel",
                "Branches": [
                    {
                        "StartAt": "Doubles",
                        "States": {
                            "Doubles": {
                                "Type": "Map",
                                "ItemsPath": "$.items",
                                "Iterator": {
                                    "StartAt": "Double",
                                    "States": {
                                        "Double": {
                                            "Type": "Task",
                                            "Resource": "arn:aws:states:::lambda:invoke",
                                            "Parameters": {
                                                "FunctionName": double["FunctionArn"],
                                                "Payload": {"n.$": "$"},
                                            },
                                            "OutputPath": "$.Payload",
                                            "End": True,
                                        }
                                    },
                                },
                                "End": True,
                            }
                        },
                    },
                    {
                        "StartAt": "Risky",
                        "States": {
                            "Risky": {
                                "Type": "Task",
                                "Resource": fail["FunctionArn"],
                                "Retry": [
                                    {
                                        "ErrorEquals": ["ValueError"],
                                        "MaxAttempts": 1,
                                        "IntervalSeconds": 1,
                                    }
                                ],
                                "Catch": [
                                    {
                                        "ErrorEquals": ["States.ALL"],
                                        "ResultPath": "$.error",
                                        "Next": "Recovered",
                                    }
                                ],
                                "End": True,
                            },
                            "Recovered": {"Type": "Pass", "Result": "recovered", "End": True},
                        },
                    },
                ],
                "Next": "Done",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    role = states_role(iam, unique("sfn-role"), [double["FunctionArn"], fail["FunctionArn"]])
    described, history = _run(
        sfn, unique("flow"), definition, {"kind": "batch", "items": [1, 2, 3]}, role
    )
    assert described["status"] == "SUCCEEDED", history[-3:]
    assert json.loads(described["output"]) == [[2, 4, 6], "recovered"]
    entered = _entered(history)
    assert {"Route", "Both", "Doubles", "Double", "Risky", "Recovered", "Done"} <= set(entered)
    assert "Rejected" not in entered
    rejected, _ = _run(sfn, unique("flow"), definition, {"kind": "single"}, role)
    assert rejected["status"] == "FAILED"


def test_hello_world_example_runs(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    from courseware.paths import project_root

    sfn = aws_client("stepfunctions")
    definition = json.loads(
        (project_root() / "labs" / "state-machine" / "hello-world.asl.json").read_text()
    )
    described, history = _run(sfn, unique("hello"), definition, {})
    assert described["status"] == "SUCCEEDED"
    assert _entered(history)[:4] == ["Pass", "Hello World example?", "Yes", "Wait 3 sec"]
    assert {"Hello", "World", "Hello World"} <= set(_entered(history))


def test_unnamed_executions_get_distinct_generated_names(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sfn = aws_client("stepfunctions")
    definition = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}
    arn = sfn.create_state_machine(
        name=unique("unnamed"),
        definition=json.dumps(definition),
        roleArn="arn:aws:iam::123456789012:role/any",
    )["stateMachineArn"]
    first = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    second = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert first != second
    names = [a.rpartition(":")[2] for a in (first, second)]
    assert all(len(n) == 36 and n.count("-") == 4 for n in names), names
