"""The bench table: goal beside each figure, and a failed audit fails the run."""

from __future__ import annotations

from bench._table import at_least, at_most, exactly, failed_audit, render, row


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


def test_exact_audit_catches_misplaced_work_even_when_the_sum_matches() -> None:
    # 10 good messages dead-lettered: items + DLQ still sum to the total, the audit must fail.
    rows = [
        row("good items written", 940, "", exactly(950), audit=True),
        row("poison dead-lettered", 60, "", exactly(50), audit=True),
    ]
    assert failed_audit(rows)
