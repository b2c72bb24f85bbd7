"""Checks verify the work: no hollow passes, no brittle fails, every right answer accepted.

Each case is one a new learner met with the old checks (issue 15).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate, session
from courseware.course.loader import load_course
from courseware.course.model import Lab
from courseware.course.runner import StepResult, run_step
from courseware.course.validate import reset_cloud
from courseware.paths import project_root
from tests.functional.lambda_helpers import TRUST_LAMBDA, zipped

LABS = project_root() / "labs"
ROLE_ARN = "arn:aws:iam::123456789012:role/"
CONSOLE_DEFAULT = (
    LABS / "simple-lambda" / "fixtures" / "console-default" / "python" / "lambda_function.py"
).read_text()


@pytest.fixture
def fresh(cloud: Endpoint) -> Iterator[Endpoint]:
    """The session cloud, emptied, with no recorded lab state."""
    reset_cloud(cloud)
    for lab_id in ("simple-lambda", "event-driven", "state-machine"):
        labstate.clear(lab_id)
    yield cloud


def _lab(lab_id: str) -> Lab:
    lab = load_course().lab(lab_id)
    assert lab is not None
    return lab


def _status(lab: Lab, step_id: str, endpoint: Endpoint, answer: str | None = None) -> StepResult:
    step = lab.step(step_id)
    assert step is not None
    return run_step(lab, step, endpoint, answer)


def _simple_lambda_from_console(aws_client: Callable[[str], Any]) -> None:
    """What Lambda → Create function in the app leaves: a role and the default code."""
    iam, lam = aws_client("iam"), aws_client("lambda")
    iam.create_role(RoleName="hello-lambda-role", AssumeRolePolicyDocument=TRUST_LAMBDA)
    iam.attach_role_policy(
        RoleName="hello-lambda-role",
        PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    )
    lam.create_function(
        FunctionName="hello-lambda",
        Runtime="python3.12",
        Role=ROLE_ARN + "hello-lambda-role",
        Handler="lambda_function.lambda_handler",
        Code={"ZipFile": zipped({"lambda_function.py": CONSOLE_DEFAULT})},
    )


def test_console_default_code_does_not_pass_edit_and_deploy(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab("simple-lambda")
    _simple_lambda_from_console(aws_client)
    assert _status(lab, "function", fresh).status == "passed"
    hollow = _status(lab, "edit-code", fresh)
    assert hollow.status == "failed"
    assert "Hello from Lambda" in hollow.actual and "Hello, courseware-probe-" in hollow.expected
    # The check's probe invocation left nothing in the learner's logs: 'test' is still to do.
    assert _status(lab, "test", fresh).status == "failed"
    assert (
        aws_client("logs").describe_log_groups(logGroupNamePrefix="/aws/lambda/hello-lambda")[
            "logGroups"
        ]
        == []
        or not aws_client("logs").describe_log_streams(logGroupName="/aws/lambda/hello-lambda")[
            "logStreams"
        ]
    )


def test_a_greeting_that_ignores_the_name_is_not_the_asked_for_change(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab("simple-lambda")
    _simple_lambda_from_console(aws_client)
    aws_client("lambda").update_function_code(
        FunctionName="hello-lambda",
        ZipFile=zipped(
            {"lambda_function.py": "def lambda_handler(e, c):\n    return 'Hello, Ada!'\n"}
        ),
    )
    assert _status(lab, "edit-code", fresh).status == "failed"
    node = (LABS / "simple-lambda" / "solution" / "node" / "index.mjs").read_text()
    lam = aws_client("lambda")
    lam.update_function_configuration(
        FunctionName="hello-lambda", Runtime="nodejs22.x", Handler="index.handler"
    )
    lam.update_function_code(FunctionName="hello-lambda", ZipFile=zipped({"index.mjs": node}))
    assert _status(lab, "edit-code", fresh).status == "passed"


def _event_driven_basics(aws_client: Callable[[str], Any]) -> None:
    ddb, sqs, iam = aws_client("dynamodb"), aws_client("sqs"), aws_client("iam")
    ddb.create_table(
        TableName="ProductVisits",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "ProductVisitKey", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "ProductVisitKey", "AttributeType": "S"}],
    )
    sqs.create_queue(QueueName="ProductVisitsDataQueue")
    folder = LABS / "event-driven"
    iam.create_role(
        RoleName="lambdaRoleForSQSPermissions",
        AssumeRolePolicyDocument=(folder / "trust-policy.json").read_text(),
    )
    iam.put_role_policy(
        RoleName="lambdaRoleForSQSPermissions",
        PolicyName="templates",
        PolicyDocument=(folder / "role-policy.json").read_text(),
    )


def _create_handler(aws_client: Callable[[str], Any], handler: str, files: dict[str, str]) -> None:
    aws_client("lambda").create_function(
        FunctionName="productVisitsDataHandler",
        Runtime="nodejs22.x" if handler.endswith(".handler") else "python3.12",
        Role=ROLE_ARN + "lambdaRoleForSQSPermissions",
        Handler=handler,
        Timeout=15,
        Code={"ZipFile": zipped(files)},
    )


def test_event_driven_function_without_its_code_does_not_pass(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab("event-driven")
    _event_driven_basics(aws_client)
    _create_handler(
        aws_client, "lambda_function.lambda_handler", {"lambda_function.py": CONSOLE_DEFAULT}
    )
    hollow = _status(lab, "function", fresh)
    assert hollow.status == "failed"
    assert "stored nothing in ProductVisits" in hollow.message
    assert "ProductVisitKey" in hollow.expected


def test_own_handler_file_that_does_the_job_passes(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab("event-driven")
    _event_driven_basics(aws_client)
    own = (LABS / "event-driven" / "fixtures" / "own-handler" / "python" / "index.py").read_text()
    _create_handler(aws_client, "index.lambda_handler", {"index.py": own})
    assert _status(lab, "function", fresh).status == "passed"
    # The probe's item was deleted again and its log lines never written.
    assert aws_client("dynamodb").scan(TableName="ProductVisits")["Items"] == []
    assert _status(lab, "send-message", fresh).status == "failed"
    assert _status(lab, "logs", fresh, "P-0000").status == "failed"


def test_a_polled_in_flight_message_id_is_a_right_answer(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab("event-driven")
    _event_driven_basics(aws_client)
    sqs = aws_client("sqs")
    url = sqs.get_queue_url(QueueName="ProductVisitsDataQueue")["QueueUrl"]
    sent = sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"ProductId": "P-1"}))
    polled = sqs.receive_message(QueueUrl=url, VisibilityTimeout=600)["Messages"][0]
    assert polled["MessageId"] == sent["MessageId"]
    # In flight: no receive sees it now ...
    assert "Messages" not in sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)
    # ... but its id is what the learner saw, and the answer is accepted.
    assert _status(lab, "poll", fresh, polled["MessageId"]).status == "passed"
    wrong = _status(lab, "poll", fresh, "5fea7756-0ea4-451a-a703-a558b933e274")
    assert wrong.status == "failed" and "is not what the cloud shows" in wrong.message


def test_an_answer_with_nothing_to_compare_names_what_is_missing(fresh: Endpoint) -> None:
    result = _status(_lab("event-driven"), "poll", fresh, "some-id")
    assert result.status == "failed"
    assert "queue ProductVisitsDataQueue holds no message" in result.message
    assert result.actual.startswith("queue ProductVisitsDataQueue")


def test_hints_opened_after_a_pass_do_not_change_how_it_was_passed(
    fresh: Endpoint, aws_client: Callable[[str], Any], cw: Callable[..., Any]
) -> None:
    lab = _lab("simple-lambda")
    step = lab.step("role")
    assert step is not None
    _simple_lambda_from_console(aws_client)
    assert session.check_step(lab, step, fresh).status == "passed"
    session.used_hint(lab, step, 2)
    assert session.help_used(lab, step) == ""
    assert session.hints_shown(lab) == {"role": 2}
    assert session.check_step(lab, step, fresh).status == "passed"
    exported = cw("progress", "export", "-")
    assert exported.returncode == 0, exported.stderr
    steps = _exported_steps(json.loads(exported.stdout), "simple-lambda")
    assert steps["role"]["status"] == "passed" and steps["role"]["used_hint"] is False
    other = lab.step("function")
    assert other is not None
    session.used_hint(lab, other, 1)  # opened before the pass: it helped
    assert session.check_step(lab, other, fresh).status == "passed"
    assert session.help_used(lab, other) == "hint"


def _exported_steps(data: dict[str, Any], lab_id: str) -> dict[str, dict[str, Any]]:
    return {r["step"]: r for r in data["lab_steps"] if r["lab"] == lab_id}


def test_lab_check_embedded_says_it_is_not_your_cloud(cw: Callable[..., Any]) -> None:
    done = cw("lab", "check", "simple-lambda", "--embedded", timeout=300)
    assert done.returncode == 1
    assert "private, empty cloud" in done.stderr and "not your cloud" in done.stderr


def test_a_completed_lab_says_so_with_time_help_and_what_next(
    fresh: Endpoint, cw: Callable[..., Any]
) -> None:
    solved = cw("lab", "solve", "state-machine", timeout=600)
    assert solved.returncode == 0, solved.stderr
    done = cw("lab", "check", "state-machine", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Lab state-machine complete" in done.stdout
    assert "passed with a hint, 7 with the solution" in done.stdout
    assert "Next: read" in done.stdout and "quiz" in done.stdout
