"""TUI fixtures: one real embedded cloud for the session, and apps bound to it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint, client
from courseware.tui.shell import settings
from courseware.tui.shell.app import CoursewareApp


@pytest.fixture(autouse=True)
def _default_theme() -> None:
    """Each test's apps start in the default theme: a theme an earlier test picked is remembered
    in the session's settings file and would otherwise colour every later snapshot."""
    settings.save(theme=None)


@pytest.fixture
def make_app(cloud: Endpoint) -> Callable[..., CoursewareApp]:
    """Factory: ``make_app(start_screen="lambda")`` → an app using the shared cloud."""
    return lambda **kwargs: CoursewareApp(endpoint=cloud, **kwargs)


@pytest.fixture
def aws_client(cloud: Endpoint) -> Callable[[str], Any]:
    """boto3 clients bound to the shared cloud (to arrange and to verify)."""
    return lambda service: client(service, cloud)


@pytest.fixture
def unique() -> Callable[[str], str]:
    """Unique resource names, so tests sharing one cloud never collide."""
    return lambda prefix: f"{prefix}-{uuid.uuid4().hex[:8]}"
