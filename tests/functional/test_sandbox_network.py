"""A handler has no network of its own: it reaches the emulator (and X-Ray) and nothing else."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.functional.lambda_helpers import grant, invoke, make_function, wait_for

PY_HANDLER = r"""
import socket
import boto3

def handler(event, context):
    reached = []
    for host, port in event["targets"]:
        try:
            socket.create_connection((host, port), timeout=5).close()
            reached.append([host, port])
        except OSError:
            pass
    names = boto3.client("sqs").list_queues().get("QueueUrls", [])
    return {"reached": reached, "queues": names}
"""

NODE_HANDLER = r"""
import net from "node:net";
import dgram from "node:dgram";

function tryConnect(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 5000 });
    s.on("connect", () => { s.destroy(); resolve(true); });
    s.on("error", () => resolve(false));
    s.on("timeout", () => { s.destroy(); resolve(false); });
  });
}

export const handler = async (event) => {
  const reached = [];
  for (const [host, port] of event.targets) if (await tryConnect(host, port)) reached.push([host, port]);
  const res = await fetch(process.env.AWS_ENDPOINT_URL + "/moto-api/reset", { method: "POST" });
  const [h, p] = process.env.AWS_XRAY_DAEMON_ADDRESS.split(":");
  const udp = dgram.createSocket("udp4");
  const doc = '{"format":"json","version":1}\n' + JSON.stringify(event.segment);
  await new Promise((resolve) => udp.send(doc, Number(p), h, () => { udp.close(); resolve(); }));
  return { reached, status: res.status };
};
"""


def _outside_address() -> str:
    """This machine's address on a non-loopback interface (the route a packet out would take)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent by a UDP connect
        return str(probe.getsockname()[0])
    finally:
        probe.close()


@pytest.fixture
def listeners() -> Iterator[tuple[list[list[Any]], list[str]]]:
    """TCP listeners on an outside address and on a loopback port that is not the emulator."""
    hits: list[str] = []
    socks = []
    for host in (_outside_address(), "127.0.0.1"):
        sock = socket.create_server((host, 0))
        sock.settimeout(0.2)
        socks.append(sock)
    stop = threading.Event()

    def accept(sock: socket.socket) -> None:
        while not stop.is_set():
            try:
                conn, peer = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            hits.append(f"{sock.getsockname()} from {peer}")
            conn.close()

    threads = [threading.Thread(target=accept, args=(s,), daemon=True) for s in socks]
    for thread in threads:
        thread.start()
    yield [list(s.getsockname()[:2]) for s in socks], hits
    stop.set()
    for thread in threads:
        thread.join(timeout=5)
    for sock in socks:
        sock.close()


def test_a_python_handler_reaches_the_emulator_and_nothing_else(
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    listeners: tuple[list[list[Any]], list[str]],
) -> None:
    targets, hits = listeners
    lam, iam, sqs = aws_client("lambda"), aws_client("iam"), aws_client("sqs")
    queue = sqs.create_queue(QueueName=unique("netq"))["QueueUrl"]
    name = unique("netpy")
    make_function(lam, iam, name, PY_HANDLER, Timeout=30)
    grant(iam, f"{name}-role", ["sqs:ListQueues"], ["*"])  # what AWS requires of its role
    result, response = invoke(lam, name, {"targets": targets})
    assert "FunctionError" not in response, result
    assert result["reached"] == [], f"the handler got out: {result['reached']}"
    assert hits == []
    assert queue in result["queues"]  # boto3 to AWS_ENDPOINT_URL still works


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_a_node_handler_reaches_the_emulator_and_xray_and_nothing_else(
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    listeners: tuple[list[list[Any]], list[str]],
) -> None:
    targets, hits = listeners
    lam, iam, xray = aws_client("lambda"), aws_client("iam"), aws_client("xray")
    name = unique("netnode")
    make_function(
        lam,
        iam,
        name,
        NODE_HANDLER,
        runtime="nodejs22.x",
        filename="index.mjs",
        handler="index.handler",
        Timeout=30,
    )
    now = time.time()
    trace_id = f"1-{int(now):08x}-{uuid.uuid4().hex[:24]}"
    segment = {
        "name": name,
        "id": os.urandom(8).hex(),
        "trace_id": trace_id,
        "start_time": now,
        "end_time": now + 0.01,
    }
    result, response = invoke(lam, name, {"targets": targets, "segment": segment})
    assert "FunctionError" not in response, result
    assert result["reached"] == [], f"the handler got out: {result['reached']}"
    assert hits == []
    assert result["status"] == 403  # the emulator answered (its guard refuses /moto-api)

    def stored() -> list[Any]:
        traces = xray.batch_get_traces(TraceIds=[trace_id])["Traces"]
        return [json.loads(s["Document"]) for t in traces for s in t["Segments"]]

    documents = wait_for(stored, timeout=30)
    assert [d["id"] for d in documents] == [segment["id"]]
