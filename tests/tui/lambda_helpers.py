"""Helpers for the Lambda and IAM console tests: waiting on the UI, arranging functions."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from courseware.course.iam_templates import BASIC_EXECUTION_POLICY_ARN, LAMBDA_TRUST_POLICY
from courseware.tui.consoles.awslambda.lambda_code import build_zip
from courseware.tui.consoles.awslambda.lambda_console import LambdaScreen
from courseware.tui.consoles.awslambda.lambda_function import FunctionScreen
from courseware.tui.shell.app import CoursewareApp
from tests.tui.pilot_helpers import until

DEADLINE = 20.0


def ensure_role(aws_client: Callable[[str], Any], name: str) -> str:
    """A role trusting Lambda with basic permissions (created when missing); its ARN."""
    iam = aws_client("iam")
    try:
        return str(iam.get_role(RoleName=name)["Role"]["Arn"])
    except iam.exceptions.NoSuchEntityException:
        pass
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(LAMBDA_TRUST_POLICY))
    iam.attach_role_policy(RoleName=name, PolicyArn=BASIC_EXECUTION_POLICY_ARN)
    return str(arn["Role"]["Arn"])


def make_function(
    aws_client: Callable[[str], Any], name: str, source: str, role: str = "console-test-role"
) -> None:
    """Create a Python function (outside the console) whose lambda_function.py is ``source``."""
    aws_client("lambda").create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=ensure_role(aws_client, role),
        Handler="lambda_function.lambda_handler",
        Code={"ZipFile": build_zip({"lambda_function.py": source})},
    )


def text_of(widget: Any) -> str:
    """The plain text a Static shows."""
    rendered = widget.render()
    return str(getattr(rendered, "plain", rendered))


async def open_page(pilot: Any, app: CoursewareApp, name: str) -> FunctionScreen:
    """Open ``name``'s page from the function list."""
    assert isinstance(app.screen, LambdaScreen)
    app.screen.open_function(name)
    page: FunctionScreen = await until(
        pilot, lambda: isinstance(app.screen, FunctionScreen) and app.screen, "the page"
    )
    return page
