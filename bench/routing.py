"""Routing a request to its moto backend: moto's pattern scan vs the cached lookup (paired).

Times ``DomainDispatcherApplication.get_application`` for a signed SQS and a DynamoDB request,
on two dispatchers, one with ``cloud/backend_lookup.py``'s cache; the calls alternate, medians
of ``ROUNDS`` batches. This runs under moto's one routing lock, so it is time no other request
can be routed.

Run: ``.venv/bin/python -m bench routing``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench._table import Row, at_most, row
from courseware.cloud.backend_lookup import cache_backend_lookup
from courseware.cloud.server import configure_moto

ROUNDS, BATCH = 30, 50
AUTH = "AWS4-HMAC-SHA256 Credential=AKIA/20261204/us-east-1/{}/aws4_request, Signature=x"
REQUESTS = [
    {"HTTP_AUTHORIZATION": AUTH.format("sqs"), "HTTP_X_AMZ_TARGET": "AmazonSQS.SendMessage"},
    {
        "HTTP_AUTHORIZATION": AUTH.format("dynamodb"),
        "HTTP_X_AMZ_TARGET": "DynamoDB_20120810.GetItem",
    },
]


def _batch(dispatcher: Any, environ: dict[str, str]) -> float:
    began = time.perf_counter()
    for _ in range(BATCH):
        dispatcher.get_application({"PATH_INFO": "/", "HTTP_HOST": "127.0.0.1", **environ})
    return (time.perf_counter() - began) / BATCH * 1e6


def rows() -> list[Row]:
    """The figures for ``make bench``."""
    configure_moto()
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    plain, cached = (DomainDispatcherApplication(create_backend_app) for _ in range(2))
    cache_backend_lookup(cached)
    out: list[Row] = []
    for environ in REQUESTS:
        service = environ["HTTP_AUTHORIZATION"].split("/")[3]
        times: dict[str, list[float]] = {"plain": [], "cached": []}
        for _ in range(ROUNDS):
            times["plain"].append(_batch(plain, environ))
            times["cached"].append(_batch(cached, environ))
        moto_us, ours_us = (statistics.median(times[k]) for k in ("plain", "cached"))
        print(f"routing {service}: moto {moto_us:.1f} µs, cached {ours_us:.1f} µs per request")
        out.append(
            row(f"routing a {service} request", ours_us, "µs", at_most(20), ratio=ours_us / moto_us)
        )
    return out


if __name__ == "__main__":
    from bench._table import render

    print(render(rows()))
