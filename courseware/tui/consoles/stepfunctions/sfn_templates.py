"""Starting definitions for a new state machine, as the Step Functions console offers them."""

from __future__ import annotations

import json
from pathlib import Path

HELLO_WORLD = "hello-world"
LAMBDA_TASK = "lambda-task"
BLANK = "blank"
TEMPLATES: dict[str, str] = {
    HELLO_WORLD: "Hello World (Pass, Choice, Wait, Parallel)",
    LAMBDA_TASK: "Lambda task (lambda:invoke)",
    BLANK: "Blank (one Pass state)",
}
HELLO_WORLD_FILE = Path("state-machine") / "hello-world.asl.json"


def lambda_task(function_arn: str) -> str:
    """A Task state that invokes ``function_arn`` through the optimised integration."""
    definition = {
        "Comment": "Invoke a Lambda function with the execution input as its event",
        "StartAt": "Call Lambda",
        "States": {
            "Call Lambda": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": function_arn, "Payload.$": "$"},
                "OutputPath": "$.Payload",
                "End": True,
            }
        },
    }
    return json.dumps(definition, indent=2) + "\n"


def blank() -> str:
    """The smallest valid machine: one Pass state."""
    definition = {
        "Comment": "A description of my state machine",
        "StartAt": "Pass",
        "States": {"Pass": {"Type": "Pass", "End": True}},
    }
    return json.dumps(definition, indent=2) + "\n"


def template(kind: str, labs_dir: Path | None, function_arn: str) -> str:
    """The definition text for template ``kind``.

    The Hello World is the lab's own file (``labs/state-machine/hello-world.asl.json``);
    if that cannot be read the blank template is used.
    """
    if kind == HELLO_WORLD and labs_dir is not None:
        try:
            return (labs_dir / HELLO_WORLD_FILE).read_text(encoding="utf-8")
        except OSError:
            return blank()
    if kind == LAMBDA_TASK:
        return lambda_task(function_arn)
    return blank()


STATES_TRUST_POLICY: dict[str, object] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "states.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}
INVOKE_LAMBDA_POLICY: dict[str, object] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "lambda:InvokeFunction",
            "Resource": "arn:aws:lambda:*:*:function:*",
        }
    ],
}


def new_role_name(machine: str) -> str:
    """The role the console would create for ``machine`` (``StepFunctions-<name>-role``)."""
    return f"StepFunctions-{machine}-role"


def trusts_step_functions(role: dict[str, object]) -> bool:
    """Whether Step Functions may assume ``role`` (from ``list_roles``)."""
    return "states.amazonaws.com" in json.dumps(role.get("AssumeRolePolicyDocument", ""))
