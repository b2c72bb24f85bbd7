"""Starting the cloud imports only what a request needs (issue 22: start like moto)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from courseware.cloud.endpoint import client
    from courseware.cloud.server import EmbeddedCloud

    # The interpreter and its backend are the slow part (parser.api is a light type module).
    HEAVY = ("moto.stepfunctions.parser.asl", "moto.stepfunctions.parser.backend",
             "moto.stepfunctions.parser.models")
    loaded = lambda: any(m.startswith(HEAVY) for m in sys.modules)
    cloud = EmbeddedCloud(port=0)
    endpoint = cloud.start()
    try:
        print("after start:", loaded(), "moto.cloudformation.parsing" in sys.modules)
        client("sqs", endpoint).list_queues()
        print("after an SQS call:", loaded())
        sfn = client("stepfunctions", endpoint)
        iam = client("iam", endpoint)
        role = iam.create_role(
            RoleName="startup-sfn",
            AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[]}',
        )["Role"]["Arn"]
        arn = sfn.create_state_machine(
            name="startup",
            definition='{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
            roleArn=role,
        )["stateMachineArn"]
        first = sfn.start_execution(stateMachineArn=arn)["executionArn"]
        second = sfn.start_execution(stateMachineArn=arn)["executionArn"]
        print("after Step Functions:", loaded(), first != second)
    finally:
        cloud.stop()
    """
)


def test_the_step_functions_parser_loads_on_the_first_step_functions_request() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "after start: False False",
        "after an SQS call: False",
        "after Step Functions: True True",
    ], result.stderr


PARTITIONS_SCRIPT = textwrap.dedent(
    """
    from courseware.cloud.endpoint import client
    from courseware.cloud.server import EmbeddedCloud

    cloud = EmbeddedCloud(port=0)
    endpoint = cloud.start()
    try:
        client("sqs", endpoint).list_queues()
        iam = client("iam", endpoint)
        iam.create_user(UserName="partition-probe")
        key = iam.create_access_key(UserName="partition-probe")["AccessKey"]
        from moto.iam.models import iam_backends
        from moto.core import DEFAULT_ACCOUNT_ID

        print(sorted(dict.keys(iam_backends[DEFAULT_ACCOUNT_ID])))
        from moto.iam.models import get_account_id_from

        print(get_account_id_from(key["AccessKeyId"]) == DEFAULT_ACCOUNT_ID)
    finally:
        cloud.stop()
    """
)


def test_signed_requests_build_iam_for_the_partition_in_use_only() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PARTITIONS_SCRIPT],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["['aws']", "True"], result.stderr
