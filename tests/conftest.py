"""Shared fixtures: an isolated data dir for every test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from courseware.cloud.endpoint import Endpoint, write_address
from courseware.cloud.lambda_rt import sandbox
from courseware.cloud.server import EmbeddedCloud

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every test's progress, cloud state and address file out of the user's."""
    home = tmp_path_factory.mktemp("courseware-home")
    old = {k: os.environ.get(k) for k in ("COURSEWARE_HOME", "PYTHONPATH")}
    os.environ["COURSEWARE_HOME"] = str(home)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), old["PYTHONPATH"]]))
    os.environ.pop("AWS_ENDPOINT_URL", None)
    yield home
    for key, value in old.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def cloud(_isolated_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """The one real embedded cloud of the test session (one per process, like the app's)."""
    # Handlers run in a sandbox that sees none of the host's files; the tests' own temporary
    # folders (gates, meeting points) are shared with it.
    sandbox.share(tmp_path_factory.getbasetemp())
    server = EmbeddedCloud(port=0)
    endpoint = server.start()
    write_address(endpoint)
    yield endpoint
    server.stop()
