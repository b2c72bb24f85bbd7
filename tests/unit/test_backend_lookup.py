"""The cached host → backend lookup answers as moto's own does; fails loudly if moto moves it."""

from __future__ import annotations

import inspect

from courseware.cloud.backend_lookup import cache_backend_lookup
from courseware.cloud.server import configure_moto


def test_cached_lookup_matches_moto_and_is_remembered() -> None:
    configure_moto()
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    # the seam: routing goes through get_backend_for_host(host), under the dispatcher's lock
    assert "self.get_backend_for_host(host)" in inspect.getsource(
        DomainDispatcherApplication.get_application
    )
    plain = DomainDispatcherApplication(create_backend_app)
    cached = DomainDispatcherApplication(create_backend_app)
    cache_backend_lookup(cached)
    hosts = [
        "sqs.us-east-1.amazonaws.com",
        "dynamodb",
        "lambda.us-east-1.amazonaws.com",
        "moto_api",
        "nothing.example",
        None,
    ]
    for host in hosts * 2:
        assert cached.get_backend_for_host(host) == plain.get_backend_for_host(host), host
    info = cached.get_backend_for_host.cache_info()
    assert (info.hits, info.misses) == (len(hosts), len(hosts))
