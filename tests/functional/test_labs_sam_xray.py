"""The ship-with-sam lab done start to finish on a fresh cloud: its CLI solution, then boto3."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate
from courseware.course.loader import load_course
from courseware.course.model import Lab
from courseware.course.runner import run_step, solve_step, wait_until_passed
from courseware.course.validate import reset_cloud

STACK, FUNCTION, BUCKET = "ship-with-sam", "ship-with-sam-greeter", "ship-with-sam-artifacts"


@pytest.fixture
def fresh(cloud: Endpoint) -> Iterator[Endpoint]:
    """The session cloud, emptied, with no recorded answers for the lab."""
    reset_cloud(cloud)
    labstate.clear(STACK)
    yield cloud


def _lab() -> Lab:
    lab = load_course().lab(STACK)
    assert lab is not None
    return lab


def _status(lab: Lab, step_id: str, endpoint: Endpoint, answer: str | None = None) -> str:
    step = lab.step(step_id)
    assert step is not None
    return wait_until_passed(lab, step, endpoint, answer, 30).status


def test_the_cli_solution_passes_every_step_in_order(fresh: Endpoint) -> None:
    lab = _lab()
    for step in lab.steps:
        before = run_step(lab, step, fresh)
        assert before.status != "passed", step.id
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
        assert _status(lab, step.id, fresh, solved.answer) == "passed", step.id
    assert _status(lab, "events", fresh, "DeadLetters") == "passed"


def _packaged(aws_client: Callable[[str], Any], folder: Path, key: str) -> str:
    """The template in ``folder`` with its code zipped to S3 (what `package` does), as text."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (folder / "src").iterdir():
            zipped.write(path, path.name)
    aws_client("s3").put_object(Bucket=BUCKET, Key=key, Body=archive.getvalue())
    text = (folder / "template.yaml").read_text()
    return text.replace("CodeUri: src/", f"CodeUri: s3://{BUCKET}/{key}")


def test_the_boto3_path_in_node_passes_every_step(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = _lab()
    s3, cfn, lam = aws_client("s3"), aws_client("cloudformation"), aws_client("lambda")
    s3.create_bucket(Bucket=BUCKET)
    v1 = _packaged(aws_client, lab.path / "starter" / "node", "v1.zip")
    assert _status(lab, "package", fresh) == "passed"

    cfn.create_stack(StackName=STACK, TemplateBody=v1, Capabilities=["CAPABILITY_IAM"])
    assert _status(lab, "deploy", fresh) == "passed"
    assert _status(lab, "update", fresh) != "passed"  # still v1

    v2 = _packaged(aws_client, lab.path / "solution" / "node", "v2.zip")
    cfn.update_stack(StackName=STACK, TemplateBody=v2, Capabilities=["CAPABILITY_IAM"])
    assert _status(lab, "update", fresh) == "passed"

    version = lam.publish_version(FunctionName=FUNCTION)["Version"]
    lam.create_alias(FunctionName=FUNCTION, Name="live", FunctionVersion=version)
    assert _status(lab, "alias", fresh) == "passed"

    broken = v2.replace(
        "Outputs:",
        "  DeadLetters:\n    Type: AWS::SQS::Queue\n    Properties:\n"
        "      QueueName: ship-with-sam-jobs.dlq\nOutputs:",
        1,
    )
    cfn.create_change_set(
        StackName=STACK,
        ChangeSetName="broken",
        TemplateBody=broken,
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
        ChangeSetType="UPDATE",
    )
    cfn.get_waiter("change_set_create_complete").wait(StackName=STACK, ChangeSetName="broken")
    cfn.execute_change_set(StackName=STACK, ChangeSetName="broken")
    assert _status(lab, "break", fresh) == "passed"
    assert _status(lab, "events", fresh, "Greeter") != "passed"
    assert _status(lab, "events", fresh, "DeadLetters") == "passed"
    # The rolled-back stack still serves version 2 behind its API and its alias.
    assert _status(lab, "update", fresh) == "passed"
    assert _status(lab, "alias", fresh) == "passed"
