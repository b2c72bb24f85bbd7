"""Knowledge probes: read an answer from live state that only someone who looked would know."""

from __future__ import annotations

import json
import re

from courseware.course.checks.base import Cloud, Param, probe
from courseware.course.checks.iam_checks import role_name_of
from courseware.course.checks.lambda_checks import get_function, invocation_logs
from courseware.course.checks.sfn_checks import find_state_machine


@probe(numeric=True, function=Param(str), field=Param(str, False, "Duration"))
def report_field(cloud: Cloud, function: str, field: str = "Duration") -> list[str]:
    """A figure from the latest REPORT line, e.g. Duration or Max Memory Used."""
    invocations = invocation_logs(cloud, function)
    if not invocations:
        return []
    match = re.search(rf"{re.escape(field)}: ([\d.]+)", invocations[-1][-1])
    return [match.group(1)] if match else []


@probe(queue=Param(str), table=Param(str, False, ""), key=Param(str, False, ""))
def queue_message_ids(cloud: Cloud, queue: str, table: str = "", key: str = "") -> list[str]:
    """MessageIds in the queue (peeked with a zero visibility timeout), and, when ``table`` and
    ``key`` are given, those a consumer already stored there keyed by message id.

    A message in flight (received by a poll and not yet visible again) cannot be seen
    without receiving it, as on AWS; the step's hints say to wait for it.
    """
    url = cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    messages = cloud.sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0, WaitTimeSeconds=0
    ).get("Messages", [])
    ids = [m["MessageId"] for m in messages]
    if table and key:
        try:
            items = cloud.dynamodb.scan(TableName=table, ProjectionExpression=key)["Items"]
        except Exception:  # no table yet: only the queue counts
            items = []
        ids += [str(next(iter(item[key].values()))) for item in items if key in item]
    return ids


@probe(function=Param(str))
def managed_policies(cloud: Cloud, function: str) -> list[str]:
    """Names of the managed policies attached to the function's execution role."""
    config = get_function(cloud, function)
    if config is None:
        return []
    role = role_name_of(str(config["Role"]))
    attached = cloud.iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]
    return [a["PolicyName"] for a in attached]


@probe(state_machine=Param(str), state_type=Param(str, False, "Task"))
def executed_state_names(cloud: Cloud, state_machine: str, state_type: str = "Task") -> list[str]:
    """Names of states of a type that the latest succeeded execution entered."""
    machine = find_state_machine(cloud, state_machine)
    if machine is None:
        return []
    executions = cloud.sfn.list_executions(
        stateMachineArn=machine["stateMachineArn"], statusFilter="SUCCEEDED"
    )["executions"]
    if not executions:
        return []
    latest = max(executions, key=lambda e: e["startDate"])
    types = {
        n: s.get("Type") for n, s in json.loads(machine["definition"]).get("States", {}).items()
    }
    events = cloud.sfn.get_execution_history(executionArn=latest["executionArn"])["events"]
    names = [
        e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e
    ]
    return [n for n in names if types.get(n) == state_type]


@probe(function=Param(str), pattern=Param(str))
def log_match(cloud: Cloud, function: str, pattern: str) -> list[str]:
    """The first group of ``pattern`` in every line the function logged (latest last)."""
    found: list[str] = []
    for invocation in invocation_logs(cloud, function):
        for line in invocation:
            match = re.search(pattern, line)
            if match:
                found.append(match.group(1))
    return found
