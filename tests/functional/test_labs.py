"""Each lab done start to finish the way a learner would, and typical mistakes explained."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate
from courseware.course.loader import load_course
from courseware.course.model import Lab
from courseware.course.runner import StepResult, run_step
from courseware.course.validate import reset_cloud
from courseware.paths import project_root
from tests.functional.lambda_helpers import SQS_EXECUTION_ROLE, TRUST_LAMBDA, wait_for, zipped

LABS = project_root() / "labs"


@pytest.fixture
def fresh(cloud: Endpoint) -> Iterator[Endpoint]:
    """The session cloud, emptied, with no recorded lab answers."""
    reset_cloud(cloud)
    for lab_id in ("simple-lambda", "event-driven", "state-machine"):
        labstate.clear(lab_id)
    yield cloud


def _lab(lab_id: str) -> Lab:
    lab = load_course().lab(lab_id)
    assert lab is not None
    return lab


def _status(lab: Lab, step_id: str, endpoint: Endpoint) -> StepResult:
    step = lab.step(step_id)
    assert step is not None
    return run_step(lab, step, endpoint)


def _zip_folder(folder: Path) -> bytes:
    return zipped({p.name: p.read_text() for p in folder.iterdir() if p.is_file()})


def test_simple_lambda_with_the_aws_cli(
    fresh: Endpoint, cw: Callable[..., Any], tmp_path: Path
) -> None:
    def aws(*args: str) -> Any:
        done = cw("aws", *args, "--output", "json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if done.stdout.strip() else None

    def step_status(step: str) -> str:
        done = cw("lab", "check", "simple-lambda", "--step", step, "--json")
        return str(json.loads(done.stdout)["steps"][0]["status"])

    assert step_status("role") == "failed"
    aws(
        "iam",
        "create-role",
        "--role-name",
        "hello-lambda-role",
        "--assume-role-policy-document",
        TRUST_LAMBDA,
    )
    aws(
        "iam",
        "attach-role-policy",
        "--role-name",
        "hello-lambda-role",
        "--policy-arn",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    )
    assert step_status("role") == "passed"

    package = tmp_path / "function.zip"
    package.write_bytes(_zip_folder(LABS / "simple-lambda" / "starter" / "python"))
    aws(
        "lambda",
        "create-function",
        "--function-name",
        "hello-lambda",
        "--runtime",
        "python3.12",
        "--role",
        "arn:aws:iam::123456789012:role/hello-lambda-role",
        "--handler",
        "lambda_function.lambda_handler",
        "--zip-file",
        f"fileb://{package}",
    )
    assert step_status("function") == "passed"

    edited = (
        (LABS / "simple-lambda" / "starter" / "python" / "lambda_function.py")
        .read_text()
        .replace(
            'return {"statusCode": 200, "body": json.dumps("Hello from Lambda!")}',
            'message = f"Hello, {event[\'name\']}!"\n    print(message)\n    return {"statusCode": 200, "body": message}',
        )
    )
    package.write_bytes(zipped({"lambda_function.py": edited}))
    aws(
        "lambda",
        "update-function-code",
        "--function-name",
        "hello-lambda",
        "--zip-file",
        f"fileb://{package}",
    )
    assert step_status("edit-code") == "passed"

    assert step_status("test") == "failed"
    aws(
        "lambda",
        "invoke",
        "--function-name",
        "hello-lambda",
        "--payload",
        '{"name": "Ada"}',
        str(tmp_path / "out.json"),
    )
    assert json.loads((tmp_path / "out.json").read_text())["body"] == "Hello, Ada!"
    assert step_status("test") == "passed"

    stream = aws("logs", "describe-log-streams", "--log-group-name", "/aws/lambda/hello-lambda")[
        "logStreams"
    ][-1]
    events = aws(
        "logs",
        "get-log-events",
        "--log-group-name",
        "/aws/lambda/hello-lambda",
        "--log-stream-name",
        stream["logStreamName"],
    )["events"]
    report = [e["message"] for e in events if e["message"].startswith("REPORT")][-1]
    duration = re.search(r"Duration: ([\d.]+) ms", report).group(1)  # type: ignore[union-attr]
    wrong = cw("lab", "answer", "simple-lambda", "read-logs", "99999")
    assert wrong.returncode == 1 and "not what the cloud shows" in wrong.stdout
    assert cw("lab", "answer", "simple-lambda", "read-logs", duration).returncode == 0

    policies = aws("iam", "list-attached-role-policies", "--role-name", "hello-lambda-role")
    name = policies["AttachedPolicies"][0]["PolicyName"]
    assert cw("lab", "answer", "simple-lambda", "permissions", name).returncode == 0

    final = cw("lab", "check", "simple-lambda", "--json")
    assert final.returncode == 0, final.stdout
    assert {s["status"] for s in json.loads(final.stdout)["steps"]} == {"passed"}


def _event_driven_basics(ddb: Any, sqs: Any, iam: Any) -> str:
    """Table, queue and role of the event-driven lab, as a learner creates them; the queue URL."""
    ddb.create_table(
        TableName="ProductVisits",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "ProductVisitKey", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "ProductVisitKey", "AttributeType": "S"}],
    )
    url = str(sqs.create_queue(QueueName="ProductVisitsDataQueue")["QueueUrl"])
    iam.create_role(RoleName="lambdaRoleForSQSPermissions", AssumeRolePolicyDocument=TRUST_LAMBDA)
    iam.put_role_policy(
        RoleName="lambdaRoleForSQSPermissions",
        PolicyName="templates",
        PolicyDocument=(LABS / "event-driven" / "role-policy.json").read_text(),
    )
    return url


def test_event_driven_with_boto3(fresh: Endpoint, aws_client: Callable[[str], Any]) -> None:
    lab = _lab("event-driven")
    ddb, sqs, iam, lam = (aws_client(s) for s in ("dynamodb", "sqs", "iam", "lambda"))
    url = _event_driven_basics(ddb, sqs, iam)
    lam.create_function(
        FunctionName="productVisitsDataHandler",
        Runtime="python3.12",
        Role="arn:aws:iam::123456789012:role/lambdaRoleForSQSPermissions",
        Handler="lambda_function.lambda_handler",
        Code={"ZipFile": _zip_folder(LABS / "event-driven" / "starter" / "python")},
    )
    for step in ("table", "queue", "role", "function"):
        assert _status(lab, step, fresh).status == "passed", step
    sent = sqs.send_message(
        QueueUrl=url, MessageBody=(LABS / "event-driven" / "message.json").read_text()
    )
    assert _status(lab, "send-message", fresh).status == "passed"
    polled = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"][0]["MessageId"]
    assert polled == sent["MessageId"]
    poll = lab.step("poll")
    assert poll is not None
    assert run_step(lab, poll, fresh, polled).status == "passed"
    lam.create_event_source_mapping(
        FunctionName="productVisitsDataHandler",
        BatchSize=10,
        EventSourceArn="arn:aws:sqs:us-east-1:123456789012:ProductVisitsDataQueue",
    )
    assert _status(lab, "trigger", fresh).status == "passed"
    sqs.send_message(
        QueueUrl=url, MessageBody=(LABS / "event-driven" / "message-2.json").read_text()
    )
    wait_for(lambda: len(ddb.scan(TableName="ProductVisits")["Items"]) >= 2, timeout=20)
    assert _status(lab, "item", fresh).status == "passed"
    logs = lab.step("logs")
    assert logs is not None
    # The handler's log lines reach CloudWatch Logs just after the item (eventually, as on AWS).
    wait_for(lambda: run_step(lab, logs, fresh, "P-2001").status == "passed", timeout=15)


def test_state_machine_with_boto3(fresh: Endpoint, aws_client: Callable[[str], Any]) -> None:
    lab = _lab("state-machine")
    iam, lam, sfn = aws_client("iam"), aws_client("lambda"), aws_client("stepfunctions")
    folder = LABS / "state-machine"
    iam.create_role(
        RoleName="StepFunctions-HelloWorld-role",
        AssumeRolePolicyDocument=(folder / "states-trust-policy.json").read_text(),
    )
    arn = sfn.create_state_machine(
        name="HelloWorld",
        definition=(folder / "hello-world.asl.json").read_text(),
        roleArn="arn:aws:iam::123456789012:role/StepFunctions-HelloWorld-role",
    )["stateMachineArn"]
    no_policy = _status(lab, "hello-world", fresh)  # the old CLI text stopped here
    assert no_policy.status == "failed" and "lambda:InvokeFunction" in no_policy.message
    iam.put_role_policy(
        RoleName="StepFunctions-HelloWorld-role",
        PolicyName="invoke-lambda",
        PolicyDocument=(folder / "states-role-policy.json").read_text(),
    )
    assert _status(lab, "hello-world", fresh).status == "passed"
    iam.create_role(RoleName="HelloFunction-role", AssumeRolePolicyDocument=TRUST_LAMBDA)
    iam.attach_role_policy(
        RoleName="HelloFunction-role",
        PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    )
    lam.create_function(
        FunctionName="HelloFunction",
        Runtime="python3.12",
        Handler="lambda_function.lambda_handler",
        Role="arn:aws:iam::123456789012:role/HelloFunction-role",
        Code={"ZipFile": _zip_folder(folder / "starter" / "python")},
    )
    assert _status(lab, "function", fresh).status == "passed"
    assert _status(lab, "task", fresh).status == "failed"
    sfn.update_state_machine(
        stateMachineArn=arn,
        definition=(folder / "solution" / "hello-world-with-task.asl.json").read_text(),
    )
    assert _status(lab, "task", fresh).status == "passed"
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
    wait_for(
        lambda: sfn.describe_execution(executionArn=execution)["status"] != "RUNNING", timeout=30
    )
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "SUCCEEDED", described
    assert "Hello from Lambda" in described["output"]
    assert _status(lab, "execute", fresh).status == "passed"
    history = sfn.get_execution_history(executionArn=execution)["events"]
    task = next(
        e["stateEnteredEventDetails"]["name"] for e in history if e["type"] == "TaskStateEntered"
    )
    step = lab.step("history")
    assert step is not None
    assert run_step(lab, step, fresh, "Hello World").status == "failed"
    assert run_step(lab, step, fresh, task).status == "passed"


def test_typical_mistakes_get_expected_vs_actual(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab("event-driven")
    ddb, sqs, iam, lam = (aws_client(s) for s in ("dynamodb", "sqs", "iam", "lambda"))
    ddb.create_table(
        TableName="ProductVisits",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    )
    wrong_key = _status(lab, "table", fresh)
    assert wrong_key.status == "failed"
    assert (
        "Table ProductVisits has partition key 'id' — the lab needs 'ProductVisitKey'"
        in wrong_key.message
    )
    assert (wrong_key.expected, wrong_key.actual) == ("ProductVisitKey", "id")

    sqs.create_queue(QueueName="ProductVisitsDataQueue.fifo", Attributes={"FifoQueue": "true"})
    fifo = _status(lab, "queue", fresh)
    assert fifo.status == "failed" and (fifo.expected, fifo.actual) == (
        "standard queue",
        "FIFO queue",
    )

    iam.create_role(RoleName="lambdaRoleForSQSPermissions", AssumeRolePolicyDocument=TRUST_LAMBDA)
    iam.attach_role_policy(
        RoleName="lambdaRoleForSQSPermissions",
        PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    )
    role = _status(lab, "role", fresh)
    assert role.status == "failed"
    assert (
        "does not allow sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes"
        in role.message
    )

    sqs.create_queue(QueueName="ProductVisitsDataQueue")
    lam.create_function(
        FunctionName="productVisitsDataHandler",
        Runtime="python3.12",
        Role="arn:aws:iam::123456789012:role/lambdaRoleForSQSPermissions",
        Handler="lambda_function.lambda_handler",
        Code={"ZipFile": _zip_folder(LABS / "event-driven" / "starter" / "python")},
    )
    with pytest.raises(
        ClientError, match="does not have permissions to call ReceiveMessage on SQS"
    ):
        lam.create_event_source_mapping(  # as on AWS: the role may not poll yet
            FunctionName="productVisitsDataHandler",
            EventSourceArn="arn:aws:sqs:us-east-1:123456789012:ProductVisitsDataQueue",
        )
    iam.attach_role_policy(RoleName="lambdaRoleForSQSPermissions", PolicyArn=SQS_EXECUTION_ROLE)
    mapping = lam.create_event_source_mapping(
        FunctionName="productVisitsDataHandler",
        Enabled=False,
        EventSourceArn="arn:aws:sqs:us-east-1:123456789012:ProductVisitsDataQueue",
    )
    disabled = _status(lab, "trigger", fresh)
    assert disabled.status == "failed" and disabled.expected == "Enabled"
    assert "exists but is Disabled" in disabled.message
    lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=True)
    assert _status(lab, "trigger", fresh).status == "passed"


def test_lab_check_json_and_exit_codes(fresh: Endpoint, cw: Callable[..., Any]) -> None:
    done = cw("lab", "check", "state-machine", "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["lab"] == "state-machine"
    assert [s["id"] for s in report["steps"]] == [
        "hello-world",
        "function",
        "task",
        "execute",
        "history",
        "break-invoke",
        "restore-invoke",
    ]
    assert set(report["steps"][0]) == {"id", "title", "status", "message", "expected", "actual"}
    assert next(s for s in report["steps"] if s["id"] == "history")["status"] == "pending"
    solved = cw("lab", "solve", "state-machine")
    assert solved.returncode == 0, solved.stdout + solved.stderr
    deadline = time.monotonic() + 30
    while (
        done := cw("lab", "check", "state-machine", "--json")
    ).returncode != 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert done.returncode == 0, done.stdout
    reset = cw("lab", "reset", "state-machine")
    assert "deleted" in reset.stdout and "state_machine HelloWorld" in reset.stdout
    assert cw("lab", "check", "state-machine", "--step", "hello-world").returncode == 1
    bad = cw("lab", "check", "state-machine", "--step", "nope")
    assert bad.returncode == 2 and "has no step 'nope'" in bad.stderr


@pytest.mark.timeout(1900)  # the whole lab proven: minutes on a loaded machine (cw waits 1800 s)
def test_validate_proves_a_lab_against_its_fixtures(cw: Callable[..., Any]) -> None:
    done = cw("validate", "--lab", "state-machine", timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    lab = _lab("state-machine")
    for step in lab.steps:
        found = re.search(
            rf"ok  lab state-machine step {step.id}: proven against (\d+) wrong and (\d+) right",
            done.stdout,
        )
        assert found, done.stdout
        assert int(found.group(2)) >= 2  # the CLI solution and at least one declared right state
    assert "ok  lab state-machine: every step fails on its wrong states" in done.stdout


def test_event_driven_node_variant_passes_the_same_checks(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab("event-driven")
    ddb, sqs, iam, lam = (aws_client(s) for s in ("dynamodb", "sqs", "iam", "lambda"))
    url = _event_driven_basics(ddb, sqs, iam)
    lam.create_function(
        FunctionName="productVisitsDataHandler",
        Runtime="nodejs22.x",
        Timeout=15,
        Role="arn:aws:iam::123456789012:role/lambdaRoleForSQSPermissions",
        Handler="index.handler",
        Code={"ZipFile": _zip_folder(LABS / "event-driven" / "starter" / "node")},
    )
    assert _status(lab, "function", fresh).status == "passed"
    lam.create_event_source_mapping(
        FunctionName="productVisitsDataHandler",
        EventSourceArn="arn:aws:sqs:us-east-1:123456789012:ProductVisitsDataQueue",
    )
    for message in ("message.json", "message-2.json"):
        sqs.send_message(QueueUrl=url, MessageBody=(LABS / "event-driven" / message).read_text())
    wait_for(lambda: len(ddb.scan(TableName="ProductVisits")["Items"]) >= 2, timeout=30)
    assert _status(lab, "item", fresh).status == "passed"
    logs = lab.step("logs")
    assert logs is not None
    # The handler's log lines reach CloudWatch Logs just after the item (eventually, as on AWS).
    wait_for(lambda: run_step(lab, logs, fresh, "P-1042").status == "passed", timeout=15)
