"""Resource-policy decisions for service principals, as AWS makes them."""

from __future__ import annotations

from typing import Any

from courseware.cloud.iam.resource_policy import service_allowed, source_context

QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders"
TOPIC = "arn:aws:sns:us-east-1:123456789012:events"


def _policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _allow(**extra: Any) -> dict[str, Any]:
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "SQS:SendMessage",
        "Resource": QUEUE,
    }
    statement.update(extra)
    return statement


def _sns_may_send(policy: Any, source: str = TOPIC) -> bool:
    return service_allowed(
        policy,
        "sns.amazonaws.com",
        "sqs:SendMessage",
        QUEUE,
        source_context(source, "123456789012"),
    )


def test_no_policy_and_another_principal_allow_nothing() -> None:
    assert not _sns_may_send(None)
    assert not _sns_may_send(_policy(_allow(Principal={"Service": "s3.amazonaws.com"})))


def test_actions_match_case_insensitively_and_with_wildcards() -> None:
    assert _sns_may_send(_policy(_allow()))
    assert _sns_may_send(_policy(_allow(Action="sqs:*")))
    assert not _sns_may_send(_policy(_allow(Action="sqs:ReceiveMessage")))


def test_source_arn_conditions_are_respected() -> None:
    scoped = _policy(_allow(Condition={"ArnEquals": {"aws:SourceArn": TOPIC}}))
    assert _sns_may_send(scoped)
    assert not _sns_may_send(scoped, source=TOPIC + "-other")
    like = _policy(_allow(Condition={"ArnLike": {"AWS:SourceArn": "arn:aws:sns:*:*:ev*"}}))
    assert _sns_may_send(like)


def test_a_missing_key_fails_a_condition_unless_if_exists_or_negated() -> None:
    owner = {"StringEquals": {"AWS:SourceOwner": "123456789012"}}
    assert not _sns_may_send(_policy(_allow(Principal={"AWS": "*"}, Condition=owner)))
    if_exists = {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}}
    assert _sns_may_send(_policy(_allow(Condition=if_exists)))
    negated = {"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}}
    assert _sns_may_send(_policy(_allow(Condition=negated)))


def test_an_explicit_deny_wins_and_principal_star_is_anyone() -> None:
    deny = {**_allow(), "Effect": "Deny"}
    assert not _sns_may_send(_policy(_allow(Principal="*"), deny))
    assert _sns_may_send(_policy(_allow(Principal="*")))
    assert _sns_may_send(_policy(_allow(Principal={"AWS": "*"})))
