"""Role policy evaluation on moto's own statement engine: deny > allow > implicit deny."""

from __future__ import annotations

import json
from typing import Any

import pytest
from moto.core.config import default_user_config
from moto.iam.models import iam_backends

from courseware.cloud.iam import evaluate as ev

ACCOUNT = "210987654321"  # its own account: moto builds the backend with AWS managed policies
TABLE = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/ProductVisits"
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def _doc(effect: str, action: str, resource: str = "*", sid: str = "") -> str:
    statement = {"Effect": effect, "Action": action, "Resource": resource}
    if sid:
        statement["Sid"] = sid
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.fixture(autouse=True)
def _managed_policies(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the cloud configures moto (server.configure_moto): AWS managed policies loaded."""
    monkeypatch.setitem(default_user_config, "iam", {"load_aws_managed_policies": True})


def _role(name: str) -> Any:
    backend = iam_backends[ACCOUNT]["global"]
    backend.create_role(name, TRUST, "/", None, "", [], None)
    return backend


def test_the_seam_into_moto_is_where_we_use_it() -> None:
    ev.check_seam()


def test_a_role_without_policies_is_implicitly_denied_with_aws_text() -> None:
    backend = _role("eval-empty")
    decision = ev.evaluate(ev.role_policies(backend, "eval-empty"), "dynamodb:PutItem", TABLE)
    assert decision.outcome == ev.IMPLICIT_DENY
    arn = ev.assumed_role_arn(ACCOUNT, "eval-empty", "fn")
    assert ev.denied_message(arn, "dynamodb:PutItem", TABLE, decision) == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/eval-empty/fn is not authorized to perform:"
        f" dynamodb:PutItem on resource: {TABLE} because no identity-based policy allows the"
        " dynamodb:PutItem action"
    )


def test_an_inline_allow_allows_and_names_its_statement() -> None:
    backend = _role("eval-allow")
    backend.put_role_policy("eval-allow", "ddb", _doc("Allow", "dynamodb:*", TABLE, "Write"))
    decision = ev.evaluate(ev.role_policies(backend, "eval-allow"), "dynamodb:PutItem", TABLE)
    assert (decision.outcome, decision.source, decision.sid) == (ev.ALLOW, "ddb", "Write")
    other = ev.evaluate(ev.role_policies(backend, "eval-allow"), "dynamodb:PutItem", TABLE + "2")
    assert other.outcome == ev.IMPLICIT_DENY


def test_an_explicit_deny_beats_an_allow_whatever_the_order() -> None:
    backend = _role("eval-deny")
    backend.put_role_policy("eval-deny", "a-allow", _doc("Allow", "*"))
    backend.put_role_policy("eval-deny", "b-deny", _doc("Deny", "dynamodb:PutItem", TABLE))
    decision = ev.evaluate(ev.role_policies(backend, "eval-deny"), "dynamodb:PutItem", TABLE)
    assert (decision.outcome, decision.source) == (ev.EXPLICIT_DENY, "b-deny")
    assert "explicit deny" in ev.denied_message("arn", "dynamodb:PutItem", TABLE, decision)
    assert ev.evaluate(ev.role_policies(backend, "eval-deny"), "dynamodb:GetItem", TABLE).allowed


def test_action_names_match_whatever_their_case_resources_do_not() -> None:
    # IAM: "the prefix and the action name are case insensitive" (reference_policies_elements_action)
    backend = _role("eval-case")
    backend.put_role_policy("eval-case", "q", _doc("Allow", "SQS:sendmessage", "arn:aws:sqs:*:*:Q"))
    policies = ev.role_policies(backend, "eval-case")
    assert ev.evaluate(policies, "sqs:SendMessage", "arn:aws:sqs:us-east-1:1:Q").allowed
    assert not ev.evaluate(policies, "sqs:SendMessage", "arn:aws:sqs:us-east-1:1:q").allowed


def test_aws_managed_basic_execution_role_allows_logs_only() -> None:
    backend = _role("eval-managed")
    managed = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    backend.attach_role_policy(managed, "eval-managed")
    policies = ev.role_policies(backend, "eval-managed")
    group = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/lambda/fn"
    decision = ev.evaluate(policies, "logs:CreateLogGroup", group)
    assert (decision.outcome, decision.source) == (ev.ALLOW, managed)
    assert not ev.evaluate(policies, "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:1:q").allowed


def test_the_enforcement_hook_into_moto_is_where_we_wrap_it() -> None:
    import inspect

    from moto.core.authorization import ActionAuthenticatorMixin

    from courseware.cloud.iam import enforce

    hook = enforce._original.get(
        "authorize", ActionAuthenticatorMixin._authenticate_and_authorize_action
    )
    assert list(inspect.signature(hook).parameters) == enforce.EXPECTED_PARAMS
    from moto.sts.models import STSBackend

    assert callable(STSBackend.get_assumed_role_from_access_key)
    assert list(inspect.signature(STSBackend.assume_role).parameters)[1:] == [
        "region_name",
        "role_session_name",
        "role_arn",
        "policy",
        "duration",
        "external_id",
    ]
