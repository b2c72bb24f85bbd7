"""The app starts its own cloud in the background, moves off a busy port, and stops it on ctrl+q.

The app runs in a child process: a process holds one embedded cloud, and this
test session already has one.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from courseware.cloud.endpoint import Endpoint, reachable

SCENARIO = """
import asyncio, json, sys
from courseware.cloud.endpoint import address_path, reachable
from courseware.tui.shell.app import CoursewareApp

async def main(port):
    app = CoursewareApp(port=port)
    seen = {}
    async with app.run_test(size=(80, 24)) as pilot:
        seen["first_status"] = app.sub_title  # first paint does not wait for the cloud
        for _ in range(600):
            if app.endpoint is not None:
                break
            await asyncio.sleep(0.05)
        await pilot.pause()
        seen["status"] = app.sub_title
        seen["port"] = app.endpoint.port
        seen["reachable_while_running"] = reachable(app.endpoint)
        seen["address_file_while_running"] = address_path().exists()
        await pilot.press("f3")  # quit from another area
        await pilot.pause()
        await pilot.press("ctrl+q")
    seen["reachable_after_quit"] = reachable(app.endpoint)
    seen["address_file_after_quit"] = address_path().exists()
    print(json.dumps(seen))

asyncio.run(main(int(sys.argv[1])))
"""


def test_busy_port_is_avoided_shown_and_the_cloud_stops_on_quit(tmp_path: Path) -> None:
    env = {**os.environ, "COURSEWARE_HOME": str(tmp_path)}  # no running cloud recorded here
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        busy = squatter.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-c", SCENARIO, str(busy)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["first_status"] == "cloud starting…"
    port = seen["port"]
    assert port != busy
    assert seen["status"] == (
        f"cloud ready at 127.0.0.1:{port} (port {busy} was busy) · IAM enforced"
    )
    assert seen["reachable_while_running"] and seen["address_file_while_running"]
    assert not seen["reachable_after_quit"], "ctrl+q must stop the embedded cloud"
    assert not seen["address_file_after_quit"], "the address file must go with the cloud"
    assert not reachable(Endpoint("127.0.0.1", port))
