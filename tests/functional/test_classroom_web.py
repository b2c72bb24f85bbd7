"""``serve --class``: nothing without a session; roster links and reloads keep one account."""

from __future__ import annotations

import asyncio
import csv
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

from courseware.cloud.endpoint import Endpoint, client
from courseware.commands._class_web import COOKIE
from courseware.course.classroom import ClassRoom
from tests.functional.test_serve import _free_port


def _start(home: Path, web_port: int, *extra: str) -> tuple[subprocess.Popen[str], str, str]:
    """Start ``serve --class room``; return it, its cloud's URL and the instructor's link."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "courseware",
            "serve",
            "--class",
            "room",
            "--web-port",
            str(web_port),
            "--cloud-port",
            "0",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COURSEWARE_HOME": str(home)},
    )
    assert server.stdout is not None
    cloud = ""
    for _ in range(10):
        line = server.stdout.readline()
        cloud = cloud or next(iter(re.findall(r"cloud at (http://[\d.:]+);", line)), "")
        found = re.search(r"instructor: (http://\S+)", line)
        if found:
            return server, cloud, found.group(1)
    server.terminate()
    raise AssertionError("serve --class printed no instructor link")


def _stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    server.wait(timeout=60)


async def _ready(http: aiohttp.ClientSession, base: str) -> None:
    for _ in range(300):  # the web server may still be binding
        try:
            async with http.get(f"{base}/join"):
                return
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.1)


async def _refused(base: str) -> list[int]:
    async with aiohttp.ClientSession() as http:
        await _ready(http, base)
        statuses = []
        for path in ("/", "/ws?width=80&height=24", "/whoami", "/download/x"):
            async with http.get(base + path, allow_redirects=False) as response:
                statuses.append(response.status)
                if path == "/":
                    assert response.headers["Location"] == "/join"
        return statuses


def _cookie(response: aiohttp.ClientResponse) -> dict[str, str]:
    assert response.status == 303, response.status
    return {"Cookie": f"{COOKIE}={response.cookies[COOKIE].value}"}


async def _join_link(base: str, link: str) -> tuple[dict[str, str], dict[str, Any]]:
    async with aiohttp.ClientSession() as http:
        await _ready(http, base)
        async with http.get(link, allow_redirects=False) as response:
            cookie = _cookie(response)
    return cookie, await _reload(base, cookie)


async def _whoami(http: aiohttp.ClientSession, base: str) -> dict[str, Any]:
    async with http.get(f"{base}/whoami") as response:
        assert response.status == 200
        data: dict[str, Any] = await response.json()
        return data


async def _reload(base: str, cookie: dict[str, str]) -> dict[str, Any]:
    async with aiohttp.ClientSession(headers=cookie) as http:
        await _ready(http, base)
        async with http.get(f"{base}/") as page:
            assert page.status == 200 and "courseware" in await page.text()
        return await _whoami(http, base)


async def _join_with_code(base: str, code: str, name: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as http:
        await _ready(http, base)
        form = {"code": code, "name": name}
        async with http.post(f"{base}/join", data=form, allow_redirects=False) as response:
            if response.status != 303:
                return response.status, {}
            cookie = _cookie(response)
    return 303, await _reload(base, cookie)


async def _screen(base: str, cookie: dict[str, str], wanted: str) -> str:
    """Open the app's websocket with the session cookie; what the learner's app drew."""
    seen = ""
    deadline = time.monotonic() + 120
    async with (
        aiohttp.ClientSession(headers=cookie) as http,
        http.ws_connect(base.replace("http", "ws") + "/ws?width=110&height=30") as ws,
    ):
        while wanted not in seen and time.monotonic() < deadline:
            try:
                message = await ws.receive(timeout=5)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data.decode("utf-8", "replace")
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
    return seen


def test_sessions_guard_and_keep_the_account(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    web_port = _free_port()
    base = f"http://127.0.0.1:{web_port}"
    home = tmp_path / "home"
    server, cloud, instructor = _start(home, web_port, "--roster", str(roster))
    try:
        assert asyncio.run(_refused(base)) == [303, 401, 401, 401]
        with (home / "classes" / "room" / "invites.csv").open(encoding="utf-8") as handle:
            link = next(csv.DictReader(handle))["link"]
        cookie, first = asyncio.run(_join_link(base, link))
        assert first["name"] == "Ada Lovelace" and re.fullmatch(r"\d{12}", first["account"])
        assert asyncio.run(_reload(base, cookie)) == first
        assert asyncio.run(_join_link(base, link))[1] == first  # the same link, another browser
        code = re.search(r'"code": "(\w+)"', (home / "classes/room/class.json").read_text())
        assert code is not None
        assert asyncio.run(_join_with_code(base, "WRONG", "Eve"))[0] == 403
        status, grace = asyncio.run(_join_with_code(base, code.group(1), "Grace"))
        assert status == 303 and grace["account"] not in ("", first["account"])
        ready = "cloud ready at " + cloud.removeprefix("http://")
        drawn = asyncio.run(_screen(base, cookie, ready))  # the app runs, as Ada
        assert ready in drawn, drawn[-2000:]
        boss, who = asyncio.run(_join_link(base, instructor))
        assert who == {"learner": "@instructor", "account": ""}
        grid = asyncio.run(_screen(base, boss, "Grace"))  # the instructor's grid lists learners
        assert "Grace" in grid and "Ada Lovelace" in grid, grid[-2000:]
    finally:
        _stop(server)
    server, cloud, _ = _start(home, web_port)  # a restart keeps sessions, accounts and keys
    try:
        assert asyncio.run(_reload(base, cookie)) == first
        ada = ClassRoom("room", home / "classes").learner("Ada Lovelace")
        sts = client("sts", Endpoint.from_url(cloud), ada.creds)
        assert sts.get_caller_identity()["Account"] == first["account"]
    finally:
        _stop(server)
