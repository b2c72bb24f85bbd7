"""SAM templates deployed as the course teaches: `aws cloudformation package` then `deploy`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from courseware.cloud.awscli import run_aws
from courseware.cloud.endpoint import Endpoint
from tests.functional.lambda_helpers import invoke, logged, wait_for

TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: a webhook and a queue worker
Globals:
  Function:
    Timeout: 10
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: sns.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt Jobs.Arn
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - AWSLambdaBasicExecutionRole
        - SQSPollerPolicy:
            QueueName: !GetAtt Jobs.QueueName
      Events:
        FromJobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 5
        Hook:
          Type: Api
          Properties:
            Path: /hook
            Method: post
Outputs:
  WorkerArn:
    Value: !GetAtt Worker.Arn
  WorkerName:
    Value: !Ref Worker
  QueueUrl:
    Value: !Ref Jobs
  HookUrl:
    Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/hook"
"""

HANDLER = """\
import json
def handler(event, context):
    for record in event.get("Records", []):
        print("GOT", json.dumps(record["body"]))
    return {"statusCode": 200, "body": json.dumps({"seen": event.get("n")})}
"""


def _aws(cloud: Endpoint, *args: str) -> Any:
    done = run_aws(cloud, list(args), capture=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _project(folder: Path, template: str) -> Path:
    (folder / "src").mkdir()
    (folder / "src" / "app.py").write_text(HANDLER)
    (folder / "template.yaml").write_text(template)
    return folder / "template.yaml"


def _outputs(cfn: Any, stack: str) -> dict[str, str]:
    described = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}


def test_package_and_deploy_a_sam_template_with_sqs_and_api_events(
    cloud: Endpoint,
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    tmp_path: Path,
) -> None:
    s3, cfn, lam, sqs = (aws_client(s) for s in ("s3", "cloudformation", "lambda", "sqs"))
    logs, apigw = aws_client("logs"), aws_client("apigateway")
    bucket, stack = unique("artifacts"), unique("webhook")
    s3.create_bucket(Bucket=bucket)
    template = _project(tmp_path, TEMPLATE)
    packaged = tmp_path / "packaged.yaml"

    _aws(
        cloud, "cloudformation", "package", "--template-file", str(template),
        "--s3-bucket", bucket, "--output-template-file", str(packaged),
    )  # fmt: skip
    code_uri = yaml.safe_load(packaged.read_text())["Resources"]["Worker"]["Properties"]["CodeUri"]
    assert code_uri.startswith(f"s3://{bucket}/")
    assert s3.head_object(Bucket=bucket, Key=code_uri.rsplit("/", 1)[-1])["ContentLength"] > 0

    # The function's role is an IAM resource: CloudFormation wants it acknowledged.
    refused = run_aws(
        cloud,
        ["cloudformation", "deploy", "--template-file", str(packaged), "--stack-name", stack],
        capture=True,
        timeout=300,
    )
    assert refused.returncode != 0
    assert "Requires capabilities : [CAPABILITY_IAM]" in refused.stderr
    _aws(
        cloud, "cloudformation", "deploy", "--template-file", str(packaged),
        "--stack-name", stack, "--capabilities", "CAPABILITY_IAM",
    )  # fmt: skip
    status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
    assert status == "CREATE_COMPLETE"
    outputs = _outputs(cfn, stack)
    function = lam.get_function(FunctionName=outputs["WorkerName"])["Configuration"]
    assert outputs["WorkerArn"] == function["FunctionArn"]
    assert function["Runtime"] == "python3.12" and function["Timeout"] == 10

    payload, _ = invoke(lam, outputs["WorkerName"], {"n": 3})
    assert json.loads(payload["body"]) == {"seen": 3}

    queue_arn = sqs.get_queue_attributes(QueueUrl=outputs["QueueUrl"], AttributeNames=["All"])[
        "Attributes"
    ]
    assert json.loads(queue_arn["Policy"])["Statement"][0]["Action"] == "sqs:SendMessage"
    mappings = lam.list_event_source_mappings(FunctionName=outputs["WorkerName"])
    [mapping] = mappings["EventSourceMappings"]
    assert (mapping["EventSourceArn"], mapping["BatchSize"]) == (queue_arn["QueueArn"], 5)
    sqs.send_message(QueueUrl=outputs["QueueUrl"], MessageBody="job-1")
    assert wait_for(lambda: logged(logs, outputs["WorkerName"]), timeout=60) == ["job-1"]

    api_id = outputs["HookUrl"].split("//", 1)[1].split(".", 1)[0]
    resources = apigw.get_resources(restApiId=api_id)["items"]
    [hook] = [r for r in resources if r.get("path") == "/hook"]
    integration = apigw.get_integration(restApiId=api_id, resourceId=hook["id"], httpMethod="POST")
    assert integration["type"] == "AWS_PROXY"
    assert function["FunctionArn"] in integration["uri"]
    assert "Prod" in [s["stageName"] for s in apigw.get_stages(restApiId=api_id)["item"]]
    policy = json.loads(lam.get_policy(FunctionName=outputs["WorkerName"])["Policy"])
    assert policy["Statement"][0]["Principal"] == {"Service": "apigateway.amazonaws.com"}

    # The template as sent, SAM transform and all, is what GetTemplate returns.
    body = cfn.get_template(StackName=stack)["TemplateBody"]
    assert "AWS::Serverless::Function" in (body if isinstance(body, str) else json.dumps(body))


UNSUPPORTED = """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Fleet:
    Type: AWS::GameLift::Fleet
    Properties:
      Name: never-built
"""


def test_a_resource_the_cloud_cannot_build_fails_the_stack_by_name(
    cloud: Endpoint,
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    tmp_path: Path,
) -> None:
    cfn, sqs = aws_client("cloudformation"), aws_client("sqs")
    created = unique("unbuildable")
    cfn.create_stack(StackName=created, TemplateBody=UNSUPPORTED)
    described = cfn.describe_stacks(StackName=created)["Stacks"][0]
    assert described["StackStatus"] == "ROLLBACK_COMPLETE"
    events = cfn.describe_stack_events(StackName=created)["StackEvents"]
    [failed] = [e for e in events if e["ResourceStatus"] == "CREATE_FAILED"]
    assert failed["LogicalResourceId"] == "Fleet"
    assert "AWS::GameLift::Fleet" in failed["ResourceStatusReason"]
    assert not [u for u in sqs.list_queues().get("QueueUrls", []) if created in u]

    template = tmp_path / "template.yaml"
    template.write_text(UNSUPPORTED)
    deployed = unique("unbuildable-deploy")
    done = run_aws(
        cloud,
        ["cloudformation", "deploy", "--template-file", str(template), "--stack-name", deployed],
        capture=True,
        timeout=300,
    )
    assert done.returncode != 0
    status = cfn.describe_stacks(StackName=deployed)["Stacks"][0]["StackStatus"]
    assert status == "ROLLBACK_COMPLETE"


def test_a_sam_template_the_translator_refuses_names_the_problem(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    from botocore.exceptions import ClientError

    cfn = aws_client("cloudformation")
    broken = TEMPLATE.replace(
        "      Handler: app.handler\n", "      Handler: app.handler\n      Events: 7\n", 1
    )
    try:
        cfn.create_stack(StackName=unique("broken"), TemplateBody=broken)
    except ClientError as exc:
        assert exc.response["Error"]["Code"] == "ValidationError"
        assert "Worker" in exc.response["Error"]["Message"]
    else:
        raise AssertionError("a template the SAM translator refuses was accepted")
