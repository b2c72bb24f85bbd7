"""Functional fixtures: one real embedded cloud over HTTP for the session."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint, client


@pytest.fixture
def aws_client(cloud: Endpoint) -> Callable[[str], Any]:
    """Factory for boto3 clients bound to the embedded cloud."""
    return lambda service: client(service, cloud)


@pytest.fixture
def unique() -> Callable[[str], str]:
    """Unique resource names, so tests sharing one cloud never collide."""
    return lambda prefix: f"{prefix}-{uuid.uuid4().hex[:8]}"


def courseware_cli(
    *args: str, timeout: float = 120, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """Run the real ``courseware`` command (as ``python -m courseware``)."""
    return subprocess.run(
        [sys.executable, "-m", "courseware", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=kwargs.pop("env", os.environ.copy()),
        check=False,
        **kwargs,
    )


@pytest.fixture
def cw() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The ``courseware`` command as a fixture."""
    return courseware_cli
