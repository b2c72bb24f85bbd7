"""Remember which moto backend serves a host name, instead of matching every URL pattern per call.

moto's ``DomainDispatcherApplication.get_application`` routes each request by turning it into a
host name (``sqs.us-east-1.amazonaws.com``) and then ``get_backend_for_host`` matches that name
against every service's URL regexes in turn, under one lock shared by all requests: 0.8 ms for
an SQS call (its patterns come late), during which no other request can be routed. The answer
depends on the host name alone, so it is kept per name (least recently used out after
:data:`SIZE` names: the name comes from the client's credential scope, so there may be many).
"""

from __future__ import annotations

import functools
from typing import Any

SIZE = 512


def cache_backend_lookup(dispatcher: Any) -> None:
    """Make ``dispatcher`` (moto's ``DomainDispatcherApplication``) remember host → backend.

    Raises:
        RuntimeError: moto no longer routes through ``get_backend_for_host`` (an upgrade moved
            the seam).
    """
    lookup = getattr(dispatcher, "get_backend_for_host", None)
    if not callable(lookup):
        raise RuntimeError("moto's DomainDispatcherApplication has no get_backend_for_host")
    dispatcher.get_backend_for_host = functools.lru_cache(maxsize=SIZE)(lookup)
