"""A failed stack update returns the stack to its previous template and resources.

CloudFormation rolls a failed update back "to the previous known good state": resources the
update added are deleted, resources it removed come back, and the stack keeps its old
template and outputs. moto 5.2 leaves the half-applied update in place, so ``take`` records
the stack before an update and ``restore`` undoes it. A resource the update *modified* keeps
moto's modified model (moto keeps no copy of the old one); the template and outputs revert.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """What a stack looked like before an update."""

    template: Any
    map_template: dict[str, Any]
    resource_json: dict[str, Any]


def take(stack: Any) -> Snapshot:
    """Record ``stack``'s template and resource definitions before an update."""
    resource_map = stack.resource_map
    return Snapshot(
        template=stack.template,
        map_template=resource_map._template,
        resource_json=dict(resource_map._resource_json_map),
    )


def restore(stack: Any, snapshot: Snapshot) -> None:
    """Delete what the failed update added, rebuild what it removed, restore template and outputs."""
    resource_map = stack.resource_map
    parsed = resource_map._parsed_resources
    for logical_id, resource_json in list(resource_map._resource_json_map.items()):
        if logical_id in snapshot.resource_json or logical_id not in parsed:
            continue
        try:
            resource_map._delete_resource(parsed[logical_id], resource_json)
        except Exception as exc:  # a half-built resource may not delete cleanly
            log.info("rollback of %s in %s: %s", logical_id, stack.name, exc)
        parsed.pop(logical_id, None)
    resource_map._template = snapshot.map_template
    resource_map._resource_json_map = dict(snapshot.resource_json)
    for logical_id in snapshot.resource_json:
        if logical_id not in parsed:
            with contextlib.suppress(Exception):  # rebuilt as the old template defines it
                _ = resource_map[logical_id]
    stack.template = snapshot.template
    stack._parse_template()
    with contextlib.suppress(Exception):
        stack.output_map = stack._create_output_map()
