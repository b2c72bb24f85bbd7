"""The per-account reset seam: moto's BackendDict keeps one entry per account; drop only one."""

from __future__ import annotations

from moto.core.base_backend import BackendDict
from moto.iam.models import iam_backends
from moto.sqs.models import sqs_backends

from courseware.cloud.account_reset import reset_account

A, B = "111111111111", "222222222222"


def test_the_seam_is_where_moto_keeps_it() -> None:
    assert isinstance(BackendDict._instances, list)
    assert isinstance(sqs_backends, dict) and isinstance(sqs_backends, BackendDict)


def test_reset_forgets_one_account_and_keeps_its_learner_key() -> None:
    for account in (A, B):
        sqs_backends[account]["us-east-1"].create_queue("q")
    iam = iam_backends[A]["global"]
    iam.create_user("us-east-1", "courseware-learner")
    key = iam.create_access_key("courseware-learner")
    iam.create_user("us-east-1", "someone-else")

    removed = reset_account(A, keep_user="courseware-learner")

    assert {"sqs", "iam"} <= set(removed)
    assert list(sqs_backends[A]["us-east-1"].queues) == []
    assert list(sqs_backends[B]["us-east-1"].queues) == ["q"]
    after = iam_backends[A]["global"]
    assert set(after.users) == {"courseware-learner"}
    assert after.access_keys[key.access_key_id].secret_access_key == key.secret_access_key
