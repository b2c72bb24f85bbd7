"""Knowledge probes: read an answer from live state that only someone who looked would know."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request

from courseware.course.checks.base import Cloud, Param, probe
from courseware.course.checks.iam_checks import role_name_of
from courseware.course.checks.lambda_checks import get_function, invocation_logs
from courseware.course.checks.sfn_checks import find_state_machine


@probe(
    numeric=True,
    empty="function {function} has no REPORT line in /aws/lambda/{function} yet: invoke it first",
    function=Param(str),
    field=Param(str, False, "Duration"),
)
def report_field(cloud: Cloud, function: str, field: str = "Duration") -> list[str]:
    """A figure from the latest REPORT line, e.g. Duration or Max Memory Used."""
    invocations = invocation_logs(cloud, function)
    if not invocations:
        return []
    match = re.search(rf"{re.escape(field)}: ([\d.]+)", invocations[-1][-1])
    return [match.group(1)] if match else []


def held_message_ids(cloud: Cloud, queue: str) -> list[str]:
    """Every MessageId the queue holds, in flight ones included (the cloud's read-only route)."""
    url = f"{cloud.endpoint.url}/_courseware/sqs-message-ids/{urllib.parse.quote(queue, safe='')}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return [str(i) for i in json.loads(response.read())["MessageIds"]]
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return []
        raise


@probe(
    empty="queue {queue} holds no message (and no consumer stored one) yet: send one first",
    queue=Param(str),
    table=Param(str, False, ""),
    key=Param(str, False, ""),
)
def queue_message_ids(cloud: Cloud, queue: str, table: str = "", key: str = "") -> list[str]:
    """MessageIds of the queue's messages (visible, in flight after a poll, or delayed) and,
    when ``table`` and ``key`` are given, those a consumer already stored there keyed by id.

    A message the learner polled in the console is in flight: invisible to any other receive
    for the visibility timeout, but its id is still a right answer.
    """
    ids = held_message_ids(cloud, queue)
    if table and key:
        try:
            items = cloud.dynamodb.scan(TableName=table, ProjectionExpression=key)["Items"]
        except Exception:  # no table yet: only the queue counts
            items = []
        ids += [str(next(iter(item[key].values()))) for item in items if key in item]
    return ids


@probe(
    empty="function {function} does not exist or its role has no managed policy attached",
    function=Param(str),
)
def managed_policies(cloud: Cloud, function: str) -> list[str]:
    """Names of the managed policies attached to the function's execution role."""
    config = get_function(cloud, function)
    if config is None:
        return []
    role = role_name_of(str(config["Role"]))
    attached = cloud.iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]
    return [a["PolicyName"] for a in attached]


@probe(
    empty="state machine {state_machine} has no succeeded execution yet: start one",
    state_machine=Param(str),
    state_type=Param(str, False, "Task"),
)
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


@probe(
    empty="function {function} has logged no line matching {pattern} yet",
    function=Param(str),
    pattern=Param(str),
)
def log_match(cloud: Cloud, function: str, pattern: str) -> list[str]:
    """The first group of ``pattern`` in every line the function logged (latest last)."""
    found: list[str] = []
    for invocation in invocation_logs(cloud, function):
        for line in invocation:
            match = re.search(pattern, line)
            if match:
                found.append(match.group(1))
    return found
