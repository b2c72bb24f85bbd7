"""A stack that cannot be built fails, as CloudFormation does, instead of a fake CREATE_COMPLETE.

moto 5.2 skips a resource type it does not know ("No Moto CloudFormation support") and lets
an exception in a resource escape as a 500. Here a stack (or a change set being executed)
whose template names an unknown type, or whose resource raises, gets the resource's
``CREATE_FAILED`` event with the logical id and the reason, then ``ROLLBACK_IN_PROGRESS``,
what was created is deleted, and the stack ends ``ROLLBACK_COMPLETE``
(``UPDATE_ROLLBACK_COMPLETE`` for an update, with the previous template and resources
restored by ``rollback``). UpdateStack fails the same way instead of answering with the
resource's error. A change set executed successfully gets
the stack's Outputs rebuilt from its template (moto kept the empty ones of the new stack).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

from courseware.cloud.cfn import rollback

log = logging.getLogger(__name__)
_failing = threading.local()  # (logical id, type, reason) of the innermost resource that raised


def unsupported(template: dict[str, Any]) -> tuple[str, str] | None:
    """The first resource (logical id, type) moto's CloudFormation cannot create, if any."""
    from moto.cloudformation import parsing

    for logical_id, resource in (template.get("Resources") or {}).items():
        kind = str(resource.get("Type", "")) if isinstance(resource, dict) else ""
        if kind in parsing.NULL_MODELS or kind.startswith("Custom::"):
            continue
        if kind not in parsing.get_model_map():
            return str(logical_id), kind
    return None


def _event(stack: Any, logical_id: str, kind: str, status: str, reason: str | None) -> None:
    from moto.cloudformation.models import Event

    stack.events.append(
        Event(
            stack_id=stack.stack_id,
            stack_name=stack.name,
            logical_resource_id=logical_id,
            physical_resource_id="",
            resource_type=kind,
            resource_status=status,
            resource_status_reason=reason,
            resource_properties=None,
        )
    )


def fail(stack: Any, logical_id: str, kind: str, reason: str, update: bool = False) -> None:
    """Record the failed resource, roll back what was created, and end the stack rolled back."""
    verb = "update" if update else "create"
    _event(stack, logical_id, kind, f"{verb.upper()}_FAILED", reason)
    prefix = "UPDATE_ROLLBACK" if update else "ROLLBACK"
    stack._add_stack_event(
        f"{prefix}_IN_PROGRESS",
        resource_status_reason=(
            f"The following resource(s) failed to {verb}: [{logical_id}]. "
            "Rollback requested by user."
        ),
    )
    if not update:
        with contextlib.suppress(Exception):  # partially built resources may not delete cleanly
            stack.resource_map.delete()
    stack._add_stack_event(f"{prefix}_COMPLETE")
    stack.status = f"{prefix}_COMPLETE"


def unsupported_reason(kind: str) -> str:
    """The CREATE_FAILED reason for a type moto cannot build."""
    return (
        f"Resource type {kind} is not supported by courseware's embedded cloud "
        "(moto's CloudFormation has no model for it), so the stack cannot be created"
    )


def track_resource(original: Any) -> Any:
    """Wrap ``parsing.parse_and_create_resource`` to remember which resource raised."""

    def parse_and_create_resource(
        logical_id: str, resource_json: Any, resources_map: Any, *args: Any, **kwargs: Any
    ) -> Any:
        try:
            return original(logical_id, resource_json, resources_map, *args, **kwargs)
        except Exception as exc:
            if getattr(_failing, "value", None) is None:
                kind = str(resource_json.get("Type", "")) if isinstance(resource_json, dict) else ""
                _failing.value = (logical_id, kind, f"{type(exc).__name__}: {exc}")
            raise

    parse_and_create_resource.__wrapped__ = original  # type: ignore[attr-defined]
    return parse_and_create_resource


def _run_or_fail(
    stack: Any, template: dict[str, Any], run: Any, update: bool, announce: str | None = None
) -> bool:
    """Run ``run()``; on an unknown type or an exception fail the stack. True when it succeeded.

    ``announce`` is the stack event ``run`` would have added first (moto's change sets add one).
    """
    missing = unsupported(template)
    if missing is not None:
        if announce:
            stack._add_stack_event(announce, resource_status_reason="User Initiated")
        fail(stack, missing[0], missing[1], unsupported_reason(missing[1]), update)
        return False
    _failing.value = None
    before = rollback.take(stack) if update else None
    try:
        run()
    except Exception as exc:
        log.info("stack %s failed: %s", stack.name, exc)
        if before is not None:
            rollback.restore(stack, before)
        logical_id, kind, reason = _failing.value or (
            stack.name,
            "",
            f"{type(exc).__name__}: {exc}",
        )
        fail(stack, logical_id, kind, reason, update)
        return False
    finally:
        _failing.value = None
    return True


def wrap_create_resources(original: Any) -> Any:
    """``Stack.create_resources`` that fails the stack instead of skipping or raising."""

    def create_resources(self: Any) -> None:
        self.status = "CREATE_IN_PROGRESS"
        _run_or_fail(self, self.template_dict, lambda: original(self), update=False)

    create_resources.__wrapped__ = original  # type: ignore[attr-defined]
    return create_resources


def wrap_update(original: Any) -> Any:
    """``Stack.update`` (UpdateStack) that rolls a failed update back instead of raising."""

    def update(
        self: Any,
        template: str,
        role_arn: str | None = None,
        parameters: dict[str, Any] | None = None,
        tags: dict[str, str] | None = None,
    ) -> None:
        new = self.parse_template(template) if template else self.template_dict
        _run_or_fail(
            self,
            new if isinstance(new, dict) else {},
            lambda: original(self, template, role_arn, parameters=parameters, tags=tags),
            update=True,
            announce="UPDATE_IN_PROGRESS",
        )

    update.__wrapped__ = original  # type: ignore[attr-defined]
    return update


def wrap_execute_change_set(original: Any) -> Any:
    """``CloudFormationBackend.execute_change_set`` with failures and the stack's Outputs."""

    def execute_change_set(self: Any, change_set_name: str, stack_name: str | None = None) -> None:
        change_set = self.change_sets.get(change_set_name) or next(
            (c for c in self.change_sets.values() if c.change_set_name == change_set_name), None
        )
        if change_set is None:
            original(self, change_set_name, stack_name)  # moto's own error
            return
        stack = self.stacks[change_set.stack_id]
        update = change_set.change_set_type != "CREATE"
        ok = _run_or_fail(
            stack,
            change_set.template_dict,
            lambda: original(self, change_set_name, stack_name),
            update,
            announce="UPDATE_IN_PROGRESS" if update else "CREATE_IN_PROGRESS",
        )
        if not ok:
            change_set.execution_status = "EXECUTE_FAILED"
            return
        stack._parse_template()
        stack.output_map = stack._create_output_map()
        for export in stack.exports:
            self.exports[export.name] = export

    execute_change_set.__wrapped__ = original  # type: ignore[attr-defined]
    return execute_change_set
