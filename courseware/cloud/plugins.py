"""The narrow seam where courseware's own services attach to moto.

Each plugin is a module with ``install()`` (patch moto, once per process),
``started(endpoint)`` (the server is listening) and ``stopping()`` (release
workers, threads and files). A plugin that serves its own paths also has
``wrap_app(app)``, returning a WSGI app that handles them and passes the rest on.
Order matters: the runtime comes first; ``accounts`` wraps outermost, so a request's
account override is stripped before any route or moto sees it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from courseware.cloud.endpoint import Endpoint

# Modules listed here are loaded when the cloud starts.
PLUGIN_MODULES: list[str] = [
    "courseware.cloud.health",  # outermost: counts every answer, GET /_courseware/health
    "courseware.cloud.accounts",
    "courseware.cloud.lazy",  # outermost route: deferred patches run before moto sees a request
    "courseware.cloud.lambda_rt.plugin",
    "courseware.cloud.iam.service_checks",  # innermost: the other Lambda hooks wrap it
    "courseware.cloud.iam.send_permissions",  # DLQ and destinations need the role's send rights
    "courseware.cloud.lambda_rt.limits",
    "courseware.cloud.lambda_rt.code_location",
    "courseware.cloud.lambda_rt.qualifier",
    "courseware.cloud.lambda_rt.layers",
    "courseware.cloud.lambda_rt.permissions",
    "courseware.cloud.apigw.plugin",
    "courseware.cloud.events.sns_lambda",  # before sns_delivery and async_invoke (they wrap it)
    "courseware.cloud.iam.s3_destinations",  # before async_invoke, which wraps its delivery
    "courseware.cloud.iam.sns_delivery",
    "courseware.cloud.events.async_invoke",
    "courseware.cloud.events.sns_scope",
    "courseware.cloud.events.event_filter",
    "courseware.cloud.events.sqs_poller",
    "courseware.cloud.events.stream_poller",
    "courseware.cloud.events.sqs_speed",
    "courseware.cloud.events.sqs_index",  # after the poller: delete, receive, counts indexed
    "courseware.cloud.events.sqs_receive",  # after sqs_index: its lock wraps the indexed receive
    "courseware.cloud.events.sfn_names",
    "courseware.cloud.iam_partitions",
    "courseware.cloud.sfn.express_sync",
    "courseware.cloud.cfn.plugin",
    "courseware.cloud.xray.plugin",
    "courseware.cloud.events.sqs_message_ids",
    "courseware.cloud.sfn_credentials",
    "courseware.cloud.iam.enforce",
    "courseware.cloud.iam.cfn_roles",
    "courseware.cloud.iam.mode",  # GET /_courseware/iam: whether this cloud enforces IAM
]

_installed: list[ModuleType] = []


def _modules() -> list[ModuleType]:
    if not _installed:
        _installed.extend(importlib.import_module(name) for name in PLUGIN_MODULES)
    return _installed


def install_all() -> None:
    """Patch moto with every plugin (idempotent)."""
    for module in _modules():
        module.install()


def wrap_app(app: Any) -> Any:
    """Put the WSGI routes of the plugins that have some in front of ``app``."""
    for module in reversed(_modules()):
        wrap = getattr(module, "wrap_app", None)
        if wrap is not None:
            app = wrap(app)
    return app


def started(endpoint: Endpoint) -> None:
    """Tell every plugin where the cloud listens."""
    for module in _modules():
        module.started(endpoint)


def stopping() -> None:
    """Let every plugin release what it holds, last installed first."""
    for module in reversed(_modules()):
        module.stopping()
