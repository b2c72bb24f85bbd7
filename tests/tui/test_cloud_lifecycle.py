"""The app starts its own cloud in the background, moves off a busy port, and stops it on ctrl+q."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from courseware.cloud.endpoint import Endpoint, address_path, reachable
from courseware.tui.app import CoursewareApp


@pytest.fixture
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir with no running cloud recorded, so the app must start its own."""
    monkeypatch.setenv("COURSEWARE_HOME", str(tmp_path))
    return tmp_path


def test_busy_port_is_avoided_shown_and_the_cloud_stops_on_quit(own_home: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        busy = squatter.getsockname()[1]
        endpoint = asyncio.run(_run_until_ready(busy))
    assert endpoint.port != busy
    assert not reachable(endpoint), "ctrl+q must stop the embedded cloud"
    assert not address_path().exists(), "the address file must go with the cloud"


async def _run_until_ready(port: int) -> Endpoint:
    app = CoursewareApp(port=port)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.sub_title == "cloud starting…"  # first paint does not wait for the cloud
        for _ in range(600):
            if app.endpoint is not None:
                break
            await asyncio.sleep(0.05)
        await pilot.pause()
        assert app.endpoint is not None, app.sub_title
        assert app.sub_title == (
            f"cloud ready at 127.0.0.1:{app.endpoint.port} (port {port} was busy)"
        )
        assert reachable(app.endpoint)
        assert address_path().exists()
        await pilot.press("f5")  # from another area
        await pilot.pause()
        endpoint = app.endpoint
        await pilot.press("ctrl+q")
    return endpoint
