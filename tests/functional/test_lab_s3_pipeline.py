"""The s3-pipeline lab done start to finish on a fresh cloud, then the pipeline it builds
followed with a learner's own upload, and the recursion guard of its role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from courseware.cloud.endpoint import Endpoint
from courseware.course.runner import run_step, solve_step, wait_until_passed
from tests.functional.lab_fixtures import fresh_cloud_for, lab_named
from tests.functional.lambda_helpers import wait_for

LAB = "s3-pipeline"


fresh = fresh_cloud_for(LAB)


def test_the_cli_solution_passes_every_step_and_the_pipeline_runs(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    for step in lab.steps:
        assert run_step(lab, step, fresh).status != "passed", step.id
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
        assert wait_until_passed(lab, step, fresh, solved.answer, 60).status == "passed", step.id
        if step.id == "break":
            assert solved.answer == "0"
    s3, ddb = aws_client("s3"), aws_client("dynamodb")
    assert ddb.scan(TableName="ProcessedFiles")["Items"] == [], "the checks' probes cleaned up"
    assert s3.list_objects_v2(Bucket="pipeline-results").get("KeyCount") == 0
    s3.put_object(Bucket="pipeline-uploads", Key="incoming/skip.csv", Body=b"not text")
    s3.put_object(Bucket="pipeline-uploads", Key="incoming/my notes.txt", Body=b"three small words")
    item = wait_for(
        lambda: ddb.get_item(
            TableName="ProcessedFiles", Key={"FileKey": {"S": "incoming/my notes.txt"}}
        ).get("Item"),
        timeout=60,
    )
    assert item["Words"] == {"N": "3"} and item["OutputBucket"] == {"S": "pipeline-results"}
    out = s3.get_object(Bucket="pipeline-results", Key="incoming/my notes.txt")["Body"].read()
    assert out == b"THREE SMALL WORDS"
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="pipeline-results").get("Contents", [])]
    assert keys == ["incoming/my notes.txt"], "the .csv matched no filter"


def test_before_add_permission_the_step_fails_and_the_role_cannot_write_back_to_uploads(
    fresh: Endpoint, aws_client: Callable[[str], Any]
) -> None:
    lab = lab_named(LAB)
    for step in lab.steps[: [s.id for s in lab.steps].index("transform") + 1]:
        solved = solve_step(lab, step, fresh)
        assert solved.ok, solved.output
    permission = lab.step("permission")
    assert permission is not None and run_step(lab, permission, fresh).status == "failed"
    sts = aws_client("sts")
    role = aws_client("iam").get_role(RoleName="transform-role")["Role"]["Arn"]
    creds = sts.assume_role(RoleArn=role, RoleSessionName="probe")["Credentials"]
    as_role = boto3.client(
        "s3",
        endpoint_url=fresh.url,
        region_name="us-east-1",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    with pytest.raises(ClientError) as caught:
        as_role.put_object(Bucket="pipeline-uploads", Key="incoming/loop.txt", Body=b"x")
    denied = caught.value.response
    assert denied["ResponseMetadata"]["HTTPStatusCode"] == 403
    # (botocore's S3 parser finds no Code in the enforcer's error body: see the report)
    assert "not authorized to perform: s3:PutObject" in str(denied)
    as_role.put_object(Bucket="pipeline-results", Key="incoming/ok.txt", Body=b"x")
