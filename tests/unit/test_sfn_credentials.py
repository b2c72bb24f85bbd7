"""The Step Functions client seam: every interpreter module builds clients through ours."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Any

from courseware.cloud import sfn_credentials


def test_the_clients_are_pointed_on_the_first_start_execution() -> None:
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    sfn_credentials.hook()
    assert sfn_credentials._hooked, "StartExecution is not wrapped"
    assert StepFunctionsParserBackend.start_execution.__name__ == "start_execution"


def test_every_interpreter_module_uses_the_account_client() -> None:
    sfn_credentials.point_clients()
    patched = [
        n
        for n, m in sys.modules.items()
        if getattr(m, "boto_client_for", None) is sfn_credentials.account_client
    ]
    left = [
        n
        for n, m in sys.modules.items()
        if getattr(m, "boto_client_for", None) is sfn_credentials._original[0]
    ]
    assert left == []
    assert any(n.endswith("state_task.lambda_eval_utils") for n in patched), patched


def test_a_role_of_an_unknown_account_keeps_motos_client(monkeypatch: Any) -> None:
    from courseware.cloud.iam import mode

    monkeypatch.setenv(
        mode.ENV, "off"
    )  # the account-key path (with IAM on, Lambda signs as the role)
    sfn_credentials.point_clients()
    role = SimpleNamespace(role_arn="arn:aws:iam::123456789012:role/r")
    made = sfn_credentials.account_client("us-east-1", "lambda", role)
    assert made.meta.region_name == "us-east-1"
