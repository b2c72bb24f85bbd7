"""A ``courseware cloud`` process that a test can kill -9 and start again on the same state."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from courseware.cloud.endpoint import Endpoint, client
from tests.functional.cloud_process import start_cloud_process, stop_cloud_process


class KillableCloud:
    """Start, kill -9 and restart one cloud whose data dir is ``home``."""

    def __init__(self, home: Path, *extra: str) -> None:
        self.home, self.extra = home, extra
        self.proc: subprocess.Popen[str] | None = None
        self.endpoint: Endpoint | None = None
        self.kills = 0
        self._clients: dict[str, Any] = {}

    def start(self) -> KillableCloud:
        """Start the cloud and wait for its ready line."""
        self.proc, ready = start_cloud_process(self.home, *self.extra)
        assert "ready at" in ready, self.proc.stderr.read() if self.proc.stderr else ready
        url = ready.split("ready at ", 1)[1].split()[0]
        host, port = url.removeprefix("http://").rsplit(":", 1)
        self.endpoint = Endpoint(host, int(port))
        self._clients.clear()
        return self

    def client(self, service: str) -> Any:
        """A boto3 client bound to the cloud as it runs now."""
        assert self.endpoint is not None
        if service not in self._clients:
            self._clients[service] = client(service, self.endpoint)
        return self._clients[service]

    def kill9(self) -> None:
        """SIGKILL the cloud (no handler runs, nothing is flushed) and reap it."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=60)
        self.kills += 1

    def restart_after_kill9(self) -> None:
        """kill -9, then start again on the same state folder."""
        self.kill9()
        self.start()

    def stop(self) -> None:
        """SIGTERM and require a clean exit."""
        if self.proc is not None and self.proc.poll() is None:
            stop_cloud_process(self.proc)


def wait_for(check: Callable[[], bool], what: str, timeout: float = 300) -> None:
    """Poll ``check`` until true; fail naming ``what`` after a generous ``timeout``."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def scan_keys(ddb: Any, table: str, key: str) -> set[str]:
    """Every ``key`` value in ``table`` (string or number attribute)."""
    found: set[str] = set()
    kwargs: dict[str, Any] = {"TableName": table, "ConsistentRead": True}
    while True:
        page = ddb.scan(**kwargs)
        found.update(next(iter(item[key].values())) for item in page["Items"])
        if "LastEvaluatedKey" not in page:
            return found
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def drain_bodies(sqs: Any, url: str) -> list[dict[str, Any]]:
    """Receive (and keep hidden) every message of a queue; their JSON bodies."""
    bodies: list[dict[str, Any]] = []
    empty = 0
    while empty < 2:
        got = sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=900, WaitTimeSeconds=0
        ).get("Messages", [])
        empty = 0 if got else empty + 1
        bodies += [json.loads(m["Body"]) for m in got]
    return bodies
