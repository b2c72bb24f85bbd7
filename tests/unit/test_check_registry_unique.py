"""Two checks cannot share a name: the later would silently replace the first in every lab."""

from __future__ import annotations

import pytest

from courseware.course.checks.base import CHECKS, CheckResult, check


def test_a_second_check_of_the_same_name_is_refused() -> None:
    import courseware.course.checks  # noqa: F401  (every check registered)

    taken = sorted(CHECKS)[0]

    def clash() -> CheckResult:
        raise AssertionError("never run")

    clash.__name__ = taken
    with pytest.raises(ValueError, match=f"check {taken!r} is defined twice"):
        check()(clash)
    assert CHECKS[taken].run.__name__ == taken and CHECKS[taken].run is not clash
