"""A class of two in one cloud: each learner's resources, checks, handlers and resets are theirs."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import botocore.exceptions
import pytest

from courseware.cloud.endpoint import Endpoint, fresh_client
from courseware.course.classroom.actions import check_learner, reset_learner_lab
from courseware.course.loader import load_course
from tests.functional.classroom_helpers import as_learner, join, learner_env, new_room
from tests.functional.lambda_helpers import invoke, make_function

LAB = "event-driven"
FIRST_STEPS = ["table", "queue", "role", "function"]

WHOAMI = """
import boto3
def handler(event, context):
    return boto3.client("sts").get_caller_identity()["Account"]
"""


def _statuses(done: CompletedProcess[str]) -> dict[str, str]:
    return {s["id"]: s["status"] for s in json.loads(done.stdout)["steps"]}


def test_two_learners_each_own_their_same_named_lab(
    cloud: Endpoint, cw: Callable[..., CompletedProcess[str]]
) -> None:
    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")
    assert ada.creds and bob.creds and ada.creds.account_id != bob.creds.account_id
    ada_env, bob_env = learner_env(room, ada, cloud), learner_env(room, bob, cloud)

    solved = cw("lab", "solve", LAB, "--until", "function", env=ada_env, timeout=600)
    assert solved.returncode == 0, solved.stdout + solved.stderr
    ada_check = _statuses(cw("lab", "check", LAB, "--json", env=ada_env))
    bob_check = _statuses(cw("lab", "check", LAB, "--json", env=bob_env))
    assert [ada_check[s] for s in FIRST_STEPS] == ["passed"] * 4
    assert [bob_check[s] for s in FIRST_STEPS] == ["failed"] * 4  # Ada's table is not Bob's

    solved = cw("lab", "solve", LAB, "--until", "function", env=bob_env, timeout=600)
    assert solved.returncode == 0, solved.stdout + solved.stderr
    for learner in (ada, bob):
        clients = as_learner(learner, cloud)
        arn = clients("dynamodb").describe_table(TableName="ProductVisits")["Table"]["TableArn"]
        fn = clients("lambda").get_function(FunctionName="productVisitsDataHandler")
        assert learner.creds and f":{learner.creds.account_id}:" in arn
        assert f":{learner.creds.account_id}:" in fn["Configuration"]["FunctionArn"]

    lab = load_course().lab(LAB)
    assert lab is not None
    reset_learner_lab(room, ada, lab, cloud)
    with pytest.raises(botocore.exceptions.ClientError, match="ResourceNotFoundException"):
        as_learner(ada, cloud)("dynamodb").describe_table(TableName="ProductVisits")
    bob_after = {r.step_id: r.status for r in check_learner(room, bob, lab, cloud)}
    ada_after = {r.step_id: r.status for r in check_learner(room, ada, lab, cloud)}
    assert [bob_after[s] for s in FIRST_STEPS] == ["passed"] * 4
    assert [ada_after[s] for s in FIRST_STEPS] == ["failed"] * 4


def test_a_learners_handler_runs_with_their_own_account(cloud: Endpoint) -> None:
    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")
    for learner in (ada, bob):
        clients = as_learner(learner, cloud)
        make_function(clients("lambda"), clients("iam"), "whoami", WHOAMI)
    for learner in (ada, bob):
        clients = as_learner(learner, cloud)
        account, _ = invoke(clients("lambda"), "whoami")
        assert learner.creds and account == learner.creds.account_id
        group = clients("logs").describe_log_groups(logGroupNamePrefix="/aws/lambda/whoami")
        assert [g["logGroupName"] for g in group["logGroups"]] == ["/aws/lambda/whoami"]


def _with_header(boto: Any, account: str) -> Any:
    def add(request: Any, **_: Any) -> None:
        request.headers["x-moto-account-id"] = account

    boto.meta.events.register("before-sign", add)
    return boto


def test_an_account_header_from_outside_is_ignored(cloud: Endpoint) -> None:
    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")
    assert ada.creds is not None
    as_learner(ada, cloud)("sqs").create_queue(QueueName="ada-private")
    for creds in (bob.creds, None):  # Bob's key, or the single user's dummy key
        sqs = _with_header(fresh_client("sqs", cloud, creds), ada.creds.account_id)
        with pytest.raises(botocore.exceptions.ClientError, match="NonExistentQueue"):
            sqs.get_queue_url(QueueName="ada-private")
    assert as_learner(ada, cloud)("sqs").get_queue_url(QueueName="ada-private")["QueueUrl"]


def test_the_reset_route_resets_only_the_callers_account(cloud: Endpoint) -> None:
    from courseware.cloud.accounts import reset_my_account

    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")
    assert ada.creds and bob.creds
    for learner in (ada, bob):
        as_learner(learner, cloud)("sqs").create_queue(QueueName="mine")
    reset_my_account(cloud, ada.creds)
    assert as_learner(ada, cloud)("sqs").list_queues().get("QueueUrls", []) == []
    assert len(as_learner(bob, cloud)("sqs").list_queues()["QueueUrls"]) == 1
    who = as_learner(ada, cloud)("sts").get_caller_identity()["Account"]
    assert who == ada.creds.account_id  # her key still names her account
    forged = ada.creds.__class__(ada.creds.access_key, "not-the-secret", ada.creds.account_id)
    with pytest.raises(Exception, match="403"):
        reset_my_account(cloud, forged)


def test_junit_export_has_one_testcase_per_step(
    cloud: Endpoint, cw: Callable[..., CompletedProcess[str]]
) -> None:
    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")
    as_learner(ada, cloud)("dynamodb").create_table(
        TableName="ProductVisits",
        KeySchema=[{"AttributeName": "ProductVisitKey", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "ProductVisitKey", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    done = cw("lab", "check", LAB, "--step", "table", env=learner_env(room, ada, cloud))
    assert done.returncode == 0, done.stdout + done.stderr
    exported = cw("class", "--class", room.name, "export", "--format", "junit")
    assert exported.returncode == 0, exported.stderr
    suites = ET.fromstring(exported.stdout)
    steps = [(lab.id, s.id) for lab in load_course().labs for s in lab.steps]
    assert [s.get("name") for s in suites.findall("testsuite")] == ["Ada", "Bob"]
    for suite in suites.findall("testsuite"):
        cases = suite.findall("testcase")
        assert [(c.get("classname", "").split(".", 1)[1], c.get("name")) for c in cases] == steps
    ada_table = suites.find("testsuite[@name='Ada']/testcase[@name='table']")
    bob_table = suites.find("testsuite[@name='Bob']/testcase[@name='table']")
    assert ada_table is not None and bob_table is not None
    assert list(ada_table) == [] and bob_table.find("skipped") is not None
    as_csv = cw("class", "--class", room.name, "export", "--format", "csv").stdout.splitlines()
    assert f"ada,Ada,{ada.creds.account_id if ada.creds else ''},{LAB},table,passed" in "\n".join(
        as_csv
    )
    assert len(as_csv) == 1 + 2 * len(steps)
    as_json = json.loads(cw("class", "--class", room.name, "export", "--format", "json").stdout)
    assert [lr["passed"] for lr in as_json["learners"]] == [1, 0]
    assert os.path.exists(room.home(bob.id))


def test_a_learners_state_machine_calls_their_own_function(cloud: Endpoint) -> None:
    from tests.functional.lambda_helpers import states_role, wait_for

    room = new_room()
    ada = join(room, cloud, "Ada")
    clients = as_learner(ada, cloud)
    fn = make_function(clients("lambda"), clients("iam"), "whoami", WHOAMI)
    definition = {
        "StartAt": "Call",
        "States": {"Call": {"Type": "Task", "Resource": fn["FunctionArn"], "End": True}},
    }
    machine = clients("stepfunctions").create_state_machine(
        name="who",
        definition=json.dumps(definition),
        roleArn=states_role(clients("iam"), "sfn-role", [fn["FunctionArn"]]),
    )["stateMachineArn"]
    run = clients("stepfunctions").start_execution(stateMachineArn=machine)["executionArn"]

    def finished() -> Any:
        done = clients("stepfunctions").describe_execution(executionArn=run)
        return done if done["status"] != "RUNNING" else None

    done = wait_for(finished, timeout=120)
    assert ada.creds and done["status"] == "SUCCEEDED", done
    assert str(json.loads(done["output"])) == ada.creds.account_id


def test_offline_exports_merge_into_one_class_report(
    tmp_path: Path, cw: Callable[..., CompletedProcess[str]]
) -> None:
    from courseware.course.progress import ProgressStore

    files = []
    for name, steps in (("ada", ["table", "queue"]), ("bob", ["table"])):
        with ProgressStore(tmp_path / name / "progress.sqlite3") as store:
            for step in steps:
                store.record_step(LAB, step, passed=True, used_hint=step == "queue")
            path = tmp_path / f"{name}.json"
            path.write_text(json.dumps(store.export_json()), encoding="utf-8")
            files.append(str(path))
    room = new_room()
    done = cw("progress", "import", "--class", room.name, *files)
    assert done.returncode == 0, done.stderr
    report = json.loads(cw("class", "--class", room.name, "export", "--format", "json").stdout)
    assert [(lr["name"], lr["passed"]) for lr in report["learners"]] == [("ada", 2), ("bob", 1)]
    hinted = [s["step"] for s in report["learners"][0]["steps"] if s["used_hint"]]
    assert hinted == ["queue"]
    bad = tmp_path / "carol.json"
    bad.write_text("{}", encoding="utf-8")
    refused = cw("progress", "import", "--class", room.name, str(bad))
    assert refused.returncode == 1 and "carol.json" in refused.stderr
    assert [lr.name for lr in room.learners()] == ["ada", "bob"]


def test_reserved_concurrency_counts_per_learner(cloud: Endpoint, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from tests.functional.gate import HOLD, Gate

    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")
    source = HOLD + "def handler(event, context):\n    hold(event['gate'])\n    return 'ran'\n"
    for learner in (ada, bob):
        clients = as_learner(learner, cloud)
        make_function(clients("lambda"), clients("iam"), "held", source, Timeout=30)
        clients("lambda").put_function_concurrency(
            FunctionName="held", ReservedConcurrentExecutions=1
        )
    with ThreadPoolExecutor(1) as pool:
        gate = Gate(tmp_path)  # Ada's call holds her function's one slot
        first = pool.submit(invoke, as_learner(ada, cloud)("lambda"), "held", {"gate": gate.path})
        gate.wait_started()
        try:
            opened = Gate(tmp_path / "bob")
            opened.open()
            result, _ = invoke(as_learner(bob, cloud)("lambda"), "held", {"gate": opened.path})
        finally:
            gate.open()
        assert result == "ran"  # Bob's same-named function has its own slot
        assert first.result()[0] == "ran"
