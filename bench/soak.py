"""Soak: 5,000 messages through the app's own cloud while the lab runner keeps re-checking.

The app runs headless (Pilot) with its own embedded cloud, state saving on as by default. The
event-driven lab's setup steps are solved (table, queue, role, function, trigger), the lab is
opened in the runner, and ``TOTAL`` product-visit messages are sent with SendMessageBatch from
a thread while the app re-checks every step twice a second (``cloud_changed``). The run is
bounded (``DEADLINE_S``). Audits (a miss fails ``make bench``): every message acknowledged and
stored once, no request the cloud answered with a 5xx (``GET /_courseware/health``), no failed
save (the app's own save watch), no sender error.

Run: ``.venv/bin/python -m bench soak`` (``BENCH_SOAK_TOTAL=500`` for a shorter run).
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import threading
import time
import urllib.request
from typing import Any

from bench._table import Row, at_least, exactly, row

TOTAL = int(os.environ.get("BENCH_SOAK_TOTAL", "5000"))
DEADLINE_S = 900.0
SETUP = ("table", "queue", "role", "function", "trigger")
VISIT = {"ProductId": "P-1", "ProductName": "Beans", "Category": "Coffee", "PricePerUnit": "1"}


def _send_all(sqs: Any, url: str, sent: list[int], errors: list[str]) -> None:
    for start in range(0, TOTAL, 10):
        entries = [
            {"Id": str(i), "MessageBody": json.dumps({**VISIT, "CustomerId": f"C-{i}"})}
            for i in range(start, min(start + 10, TOTAL))
        ]
        try:
            reply = sqs.send_message_batch(QueueUrl=url, Entries=entries)
        except Exception as exc:  # the audit names it
            errors.append(f"SendMessageBatch: {exc}")
            continue
        sent[0] += len(reply.get("Successful", []))
        errors.extend(f"send {f['Id']}: {f['Code']}" for f in reply.get("Failed", []))


def _count(ddb: Any) -> int:
    count, kwargs = 0, {"TableName": "ProductVisits", "Select": "COUNT"}
    while True:
        page = ddb.scan(**kwargs)
        count += int(page["Count"])
        if "LastEvaluatedKey" not in page:
            return count
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


async def _soak() -> dict[str, Any]:
    from courseware.cloud.endpoint import client
    from courseware.course.loader import load_course
    from courseware.course.runner import solve_step
    from courseware.tui.shell.app import CoursewareApp

    app = CoursewareApp()
    figures: dict[str, Any] = {"save_problems": 0, "checks": 0}
    async with app.run_test(size=(120, 36)) as pilot:
        while app.endpoint is None or "cloud ready" not in app.cloud_status:
            assert "error" not in app.cloud_status, app.cloud_status
            await asyncio.sleep(0.1)
        endpoint = app.endpoint
        lab = load_course().lab("event-driven")
        assert lab is not None
        for step in lab.steps:
            if step.id in SETUP:
                solved = await asyncio.to_thread(solve_step, lab, step, endpoint)
                assert solved.ok, (step.id, solved)
        await app.open_lab("event-driven")
        await pilot.pause()
        sqs, ddb = client("sqs", endpoint), client("dynamodb", endpoint)
        url = sqs.get_queue_url(QueueName="ProductVisitsDataQueue")["QueueUrl"]
        sent, errors = [0], []
        sender = threading.Thread(target=_send_all, args=(sqs, url, sent, errors), daemon=True)
        began = time.perf_counter()
        sender.start()
        stored = 0
        while time.perf_counter() - began < DEADLINE_S:
            app.cloud_changed.publish("soak")  # the lab runner re-checks every step
            figures["checks"] += 1
            if app._save_problem is not None:
                figures["save_problems"] += 1
            await asyncio.sleep(0.5)
            if not sender.is_alive():
                stored = await asyncio.to_thread(_count, ddb)
                if stored >= sent[0]:
                    break
        figures["seconds"] = time.perf_counter() - began
        figures.update(sent=sent[0], stored=stored, errors=errors)
        with urllib.request.urlopen(endpoint.url + "/_courseware/health", timeout=30) as reply:
            figures["health"] = json.loads(reply.read())
    return figures


def rows() -> list[Row]:
    """The figures for ``make bench``."""
    home = tempfile.mkdtemp(prefix="courseware-soak-")
    saved = {k: os.environ.get(k) for k in ("COURSEWARE_HOME", "XDG_DATA_HOME")}
    os.environ.update(COURSEWARE_HOME=home, XDG_DATA_HOME=home)
    try:
        figures = asyncio.run(_soak())
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    health = figures["health"]
    rate = figures["stored"] / figures["seconds"] if figures["seconds"] else 0.0
    print(
        f"soak: {figures['sent']} sent, {figures['stored']} stored in {figures['seconds']:.0f} s"
        f" ({rate:.0f} msg/s), {figures['checks']} re-check rounds asked,"
        f" {health['requests']} requests, {health['server_errors']} server errors"
        f" {health['last_server_errors']}, sender errors {figures['errors'][:3]}"
    )
    return [
        row("soak: messages acknowledged", figures["sent"], "msgs", exactly(TOTAL), audit=True),
        row("soak: messages stored", figures["stored"], "msgs", exactly(TOTAL), audit=True),
        row("soak: cloud 5xx answers", health["server_errors"], "", exactly(0), audit=True),
        row("soak: failed saves seen", figures["save_problems"], "", exactly(0), audit=True),
        row("soak: sender errors", len(figures["errors"]), "", exactly(0), audit=True),
        row("soak: throughput with re-checks", rate, "msg/s", at_least(50)),
    ]


if __name__ == "__main__":
    from bench._table import render

    print(render(rows()))
