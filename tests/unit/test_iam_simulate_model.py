"""The IAM console's simulator model: the request it sends and the words for each decision."""

from __future__ import annotations

import pytest

from courseware.tui.consoles.iam.simulate_model import SimulateInputError, request, verdict

ROLE = "arn:aws:iam::123456789012:role/r"


def test_the_request_defaults_the_resource_to_star_and_refuses_bad_input() -> None:
    assert request(ROLE, " sqs:SendMessage ", "") == {
        "PolicySourceArn": ROLE,
        "ActionNames": ["sqs:SendMessage"],
        "ResourceArns": ["*"],
    }
    with pytest.raises(SimulateInputError, match="service:Action"):
        request(ROLE, "PutItem", "")
    with pytest.raises(SimulateInputError, match="resource ARN"):
        request(ROLE, "dynamodb:PutItem", "ProductVisits")


def test_each_decision_says_which_policy_decided() -> None:
    matched = [{"SourcePolicyId": "write", "SourcePolicyType": "role"}] * 2
    allowed = verdict(
        {
            "EvalActionName": "a:B",
            "EvalResourceName": "*",
            "EvalDecision": "allowed",
            "MatchedStatements": matched,
        }
    )
    assert (allowed.allowed, allowed.text) == (True, "a:B on *: allowed by write (inline)")
    denied = verdict(
        {
            "EvalActionName": "a:B",
            "EvalResourceName": "*",
            "EvalDecision": "explicitDeny",
            "MatchedStatements": [{"SourcePolicyId": "x", "SourcePolicyType": "aws-managed"}],
        }
    )
    assert not denied.allowed and "explicit Deny in x (AWS managed)" in denied.text
    implicit = verdict({"EvalActionName": "a:B", "EvalDecision": "implicitDeny"})
    assert not implicit.allowed and "denied (implicitly)" in implicit.text
