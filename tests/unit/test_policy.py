"""Evaluating identity policies for role checks."""

from __future__ import annotations

from courseware.course.iam_templates import LAMBDA_TRUST_POLICY, template_policy
from courseware.course.policy import evaluate, trusts_service

POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1:123456789012:*"},
        {"Effect": "Deny", "Action": "sqs:DeleteQueue", "Resource": "*"},
        {"Effect": "Allow", "Action": ["dynamodb:Get*"], "Resource": "*"},
    ],
}


def test_wildcards_deny_and_implicit_deny() -> None:
    assert evaluate([POLICY], "sqs:ReceiveMessage") == "allowed"
    assert evaluate([POLICY], "SQS:receivemessage") == "allowed"
    assert evaluate([POLICY], "sqs:DeleteQueue") == "denied"
    assert evaluate([POLICY], "dynamodb:GetItem") == "allowed"
    assert evaluate([POLICY], "dynamodb:PutItem") == "implicit-deny"
    assert evaluate([POLICY], "sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:1:q") == "implicit-deny"


def test_templates_grant_what_the_console_says() -> None:
    doc = template_policy(["Simple microservice permissions", "Amazon SQS poller permissions"])
    for action in [
        "dynamodb:PutItem",
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "logs:PutLogEvents",
    ]:
        assert evaluate([doc], action) == "allowed", action
    assert evaluate([doc], "dynamodb:DeleteTable") == "implicit-deny"


def test_trust_policy() -> None:
    assert trusts_service(LAMBDA_TRUST_POLICY, "lambda.amazonaws.com")
    assert not trusts_service(LAMBDA_TRUST_POLICY, "states.amazonaws.com")
