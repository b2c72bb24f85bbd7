"""``courseware serve``: the app runs in a browser session and shares the one embedded cloud."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_browser_session_runs_the_app_on_the_shared_cloud(tmp_path: Path) -> None:
    web_port = _free_port()
    env = {**os.environ, "COURSEWARE_HOME": str(tmp_path)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "courseware",
            "serve",
            "--web-port",
            str(web_port),
            "--cloud-port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        match = re.search(
            r"cloud at http://127\.0\.0\.1:(\d+); open http://127\.0\.0\.1:(\d+)/", first
        )
        assert match, first
        cloud_port = match.group(1)
        screen = asyncio.run(_session(web_port, f"127.0.0.1:{cloud_port} (shared)"))
        assert f"cloud ready at 127.0.0.1:{cloud_port} (shared)" in screen
    finally:
        server.terminate()
        server.wait(timeout=30)


async def _session(web_port: int, wanted: str) -> str:
    """Open the app's websocket like the browser page does; return what it drew."""
    seen = ""
    deadline = time.monotonic() + 60
    async with aiohttp.ClientSession() as http:
        for _ in range(100):  # the web server may still be binding
            try:
                async with http.get(f"http://127.0.0.1:{web_port}/") as page:
                    assert page.status == 200
                    assert "courseware" in await page.text()
                break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
        url = f"ws://127.0.0.1:{web_port}/ws?width=100&height=30"
        async with http.ws_connect(url) as ws:
            while wanted not in seen and time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=5)
                except TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data.decode("utf-8", "replace")
                elif message.type == aiohttp.WSMsgType.TEXT:
                    seen += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
            await ws.send_json(["stdin", "\x11"])  # ctrl+q
    return seen
