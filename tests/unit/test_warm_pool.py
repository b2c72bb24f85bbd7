"""The warm pool's caps: least recently used out, by count and by memory."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from courseware.cloud.lambda_rt.warm_pool import limits_from_env, over_cap


@dataclass(eq=False)
class _Worker:
    last_used: float
    resident_mb: float


def test_count_cap_takes_the_least_recently_used_first() -> None:
    a, b, c = _Worker(1, 10), _Worker(3, 10), _Worker(2, 10)
    pools = {"f": [a, b], "g": [c]}
    assert over_cap(pools, max_workers=2, max_mb=1000) == [a]
    assert pools == {"f": [b], "g": [c]}


def test_memory_cap_and_an_emptied_pool_goes() -> None:
    a, b, c = _Worker(1, 100), _Worker(2, 100), _Worker(3, 100)
    pools = {"f": [a], "g": [b], "h": [c]}
    assert over_cap(pools, max_workers=10, max_mb=150) == [a, b]
    assert pools == {"h": [c]}


def test_the_newest_stays_even_alone_over_the_memory_cap() -> None:
    big = _Worker(5, 900)
    pools = {"f": [big]}
    assert over_cap(pools, max_workers=10, max_mb=100) == []
    assert pools == {"f": [big]}


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSEWARE_LAMBDA_IDLE_WORKERS", "4")
    monkeypatch.setenv("COURSEWARE_LAMBDA_IDLE_MB", "64")
    assert limits_from_env() == (4, 64.0)
    monkeypatch.setenv("COURSEWARE_LAMBDA_IDLE_WORKERS", "0")
    with pytest.raises(ValueError, match="COURSEWARE_LAMBDA_IDLE_WORKERS='0'"):
        limits_from_env()
