"""The bench table: goal beside each figure, and a failed audit fails the run."""

from __future__ import annotations

from bench._table import at_least, at_most, failed_audit, render, row


def test_goal_decides_ok_and_is_printed_beside_the_figure() -> None:
    fast = row("cloud ready vs moto_server", 1.2, "x", at_most(1.5), ratio=1.2)
    slow = row("first paint vs bare Textual", 1.6, "x", at_most(1.3), ratio=1.6)
    table = render([fast, slow])
    assert fast.ok and not slow.ok
    assert "<= 1.5x" in table and "1.20x" in table
    assert table.splitlines()[2].endswith("miss")


def test_failed_audit_row_fails_the_run() -> None:
    delivered = row("pipeline 1000 delivered", 990, "msgs", at_least(1000), audit=True)
    assert failed_audit([delivered])
    assert "FAIL" in render([delivered])
    assert not failed_audit([row("ok", 1000, "msgs", at_least(1000), audit=True)])
