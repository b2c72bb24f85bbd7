"""Idle warm workers are capped: the least recently used is reclaimed, its next invoke is cold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.functional.killable import KillableCloud
from tests.functional.lambda_helpers import invoke, make_function

# Counts its invocations in this execution environment: 1 means it started cold.
COUNTER = """
COUNT = 0

def handler(event, context):
    global COUNT
    COUNT += 1
    return COUNT
"""


@pytest.fixture
def capped_cloud(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KillableCloud]:
    monkeypatch.setenv("COURSEWARE_LAMBDA_IDLE_WORKERS", "2")
    cloud = KillableCloud(tmp_path).start()
    try:
        yield cloud
    finally:
        cloud.stop()


def test_the_least_recently_used_idle_worker_is_reclaimed(capped_cloud: KillableCloud) -> None:
    lam, iam = capped_cloud.client("lambda"), capped_cloud.client("iam")
    for name in ("first", "second", "third"):
        make_function(lam, iam, name, COUNTER)
    assert [invoke(lam, name)[0] for name in ("first", "second", "first")] == [1, 1, 2]
    # Two idle workers are kept: a third function's worker reclaims the least recently used
    # (second's), not first's, which ran after it.
    assert invoke(lam, "third")[0] == 1
    assert invoke(lam, "first")[0] == 3  # still warm
    assert invoke(lam, "second")[0] == 1  # reclaimed: a cold start


def test_a_bad_cap_is_refused_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSEWARE_LAMBDA_IDLE_MB", "lots")
    cloud = KillableCloud(tmp_path)
    with pytest.raises(AssertionError) as refused:
        cloud.start()
    assert "COURSEWARE_LAMBDA_IDLE_MB='lots': expected a positive number" in str(refused.value)
