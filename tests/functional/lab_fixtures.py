"""What every lab's functional test starts from: the lab, and the session cloud emptied for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate
from courseware.course.loader import load_course
from courseware.course.model import Lab
from courseware.course.validate import reset_cloud


def lab_named(lab_id: str) -> Lab:
    """The course's lab ``lab_id`` (it must exist)."""
    lab = load_course().lab(lab_id)
    assert lab is not None, lab_id
    return lab


def fresh_cloud_for(lab_id: str) -> Callable[..., Any]:
    """A ``fresh`` fixture: the session cloud, emptied, with no recorded answers for the lab."""

    @pytest.fixture
    def fresh(cloud: Endpoint) -> Iterator[Endpoint]:
        reset_cloud(cloud)
        labstate.clear(lab_id)
        yield cloud

    return fresh
