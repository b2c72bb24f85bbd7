"""``courseware progress`` rounds percentages properly (7 of 9 is 78 %, not 77 %)."""

from __future__ import annotations

from courseware.commands.progress import percent


def test_percent_rounds_half_up() -> None:
    assert percent(7, 9) == "78 %"
    assert percent(1, 8) == "13 %"  # 12.5 → 13
    assert percent(1, 3) == "33 %"
    assert percent(9, 9) == "100 %"
    assert percent(0, 0) == "–"
