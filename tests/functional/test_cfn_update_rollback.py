"""A failed UpdateStack rolls back as CloudFormation does: UPDATE_ROLLBACK_COMPLETE, old resources kept.

AWS: "If the update of a resource fails, CloudFormation rolls back the stack to the previous
known good state" and the stack ends UPDATE_ROLLBACK_COMPLETE; resources the update created
are deleted (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks.html).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

GOOD = """\
Resources:
  Kept:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: {name}-kept
"""

BROKEN = """\
Resources:
  Kept:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: {name}-kept
  Added:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: {name}-added
  Bad:
    Type: AWS::SQS::Queue
    DependsOn: Added
    Properties:
      QueueName: {name}-bad.dlq
"""


def _queues(sqs: Any, name: str) -> set[str]:
    urls = sqs.list_queues(QueueNamePrefix=name).get("QueueUrls", [])
    return {str(u).rsplit("/", 1)[-1] for u in urls}


def test_a_failed_update_rolls_back_and_keeps_the_previous_resources(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    cfn, sqs = aws_client("cloudformation"), aws_client("sqs")
    name = unique("rollback")
    cfn.create_stack(StackName=name, TemplateBody=GOOD.format(name=name))
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"

    cfn.update_stack(StackName=name, TemplateBody=BROKEN.format(name=name))

    described = cfn.describe_stacks(StackName=name)["Stacks"][0]
    assert described["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    events = cfn.describe_stack_events(StackName=name)["StackEvents"]
    failed = [e for e in events if e["ResourceStatus"].endswith("_FAILED")]
    assert [e["LogicalResourceId"] for e in failed] == ["Bad"]
    statuses = [e["ResourceStatus"] for e in events if e["LogicalResourceId"] == name]
    assert "UPDATE_ROLLBACK_IN_PROGRESS" in statuses
    assert _queues(sqs, name) == {f"{name}-kept"}
    resources = cfn.describe_stack_resources(StackName=name)["StackResources"]
    assert {r["LogicalResourceId"] for r in resources} == {"Kept"}
    template = cfn.get_template(StackName=name)["TemplateBody"]
    assert "Added" not in str(template)


def test_a_failed_change_set_update_deletes_what_it_added_and_keeps_the_rest(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    cfn, sqs = aws_client("cloudformation"), aws_client("sqs")
    name = unique("rollback-cs")
    cfn.create_stack(StackName=name, TemplateBody=GOOD.format(name=name))
    cfn.create_change_set(
        StackName=name,
        ChangeSetName="broken",
        ChangeSetType="UPDATE",
        TemplateBody=BROKEN.format(name=name),
    )
    cfn.execute_change_set(StackName=name, ChangeSetName="broken")

    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == (
        "UPDATE_ROLLBACK_COMPLETE"
    )
    assert _queues(sqs, name) == {f"{name}-kept"}
    resources = cfn.describe_stack_resources(StackName=name)["StackResources"]
    assert {r["LogicalResourceId"] for r in resources} == {"Kept"}
    events = cfn.describe_stack_events(StackName=name)["StackEvents"]
    assert [e["LogicalResourceId"] for e in events if e["ResourceStatus"] == "UPDATE_FAILED"] == [
        "Bad"
    ]


def test_an_update_naming_a_type_the_cloud_cannot_build_rolls_back(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    cfn = aws_client("cloudformation")
    name = unique("rollback-type")
    cfn.create_stack(StackName=name, TemplateBody=GOOD.format(name=name))
    broken = GOOD.format(name=name) + "  Fleet:\n    Type: AWS::GameLift::Fleet\n"
    cfn.update_stack(StackName=name, TemplateBody=broken)
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == (
        "UPDATE_ROLLBACK_COMPLETE"
    )
    resources = cfn.describe_stack_resources(StackName=name)["StackResources"]
    assert {r["LogicalResourceId"] for r in resources} == {"Kept"}
