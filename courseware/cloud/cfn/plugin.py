"""The CloudFormation plugin: SAM expansion, extra resource types and honest failures.

Seams into moto 5.2 (each pinned by ``tests/unit/test_cfn_seams.py``):

- ``Stack.parse_template`` (static) and ``ChangeSet._parse_template``: a template declaring
  ``Transform: AWS::Serverless-2016-10-31`` is expanded by the SAM translator; a template
  the translator refuses is a ``ValidationError`` carrying the translator's message.
- ``parsing.parse_and_create_resource``, ``Stack.create_resources`` and
  ``CloudFormationBackend.execute_change_set``: see :mod:`courseware.cloud.cfn.failures`.
- ``CloudFormationResponse.create_stack`` / ``update_stack`` / ``create_change_set``:
  ``Capabilities`` checked (:mod:`courseware.cloud.cfn.capabilities`).
- ``parsing.get_model_list`` / ``get_model_map`` caches are cleared so the models of
  :mod:`courseware.cloud.cfn.resources` are found.

``GetTemplate`` still answers with the template as sent, as CloudFormation does.
"""

from __future__ import annotations

import inspect
from typing import Any

from courseware.cloud.endpoint import REGION, Endpoint

_originals: dict[str, Any] = {}


class CfnHookError(RuntimeError):
    """moto moved a CloudFormation function this plugin wraps; pin moto or update the plugin."""


def expanded(template: Any, region: str = REGION) -> Any:
    """``template`` with the SAM transform applied when it declares it; else unchanged.

    Raises:
        moto's ValidationError: the SAM translator refused the template.
    """
    from moto.cloudformation.exceptions import ValidationError

    from courseware.cloud.cfn import sam

    if not sam.is_sam(template):
        return template
    try:
        return sam.expand(template, region)
    except sam.SamTemplateError as exc:
        raise ValidationError(message=str(exc)) from None


def _wrap_parse_template(original: Any) -> Any:
    def parse_template(template: str) -> Any:
        return expanded(original(template))

    parse_template.__wrapped__ = original  # type: ignore[attr-defined]
    return staticmethod(parse_template)


def _wrap_change_set_parse(original: Any) -> Any:
    def _parse_template(self: Any) -> None:
        original(self)
        self.template_dict = expanded(self.template_dict, self.stack.region_name)

    _parse_template.__wrapped__ = original  # type: ignore[attr-defined]
    return _parse_template


def _check(owner: Any, name: str, params: list[str]) -> Any:
    current = inspect.getattr_static(owner, name, None)
    function = current.__func__ if isinstance(current, staticmethod) else current
    if function is None or list(inspect.signature(function).parameters) != params:
        raise CfnHookError(
            f"moto's {getattr(owner, '__name__', owner)}.{name} is not where courseware's "
            f"CloudFormation plugin expects it (found {function!r}); moto is pinned to 5.2.x"
        )
    return function


def install() -> None:
    """Patch on the first CloudFormation request (its parser imports nearly all of moto)."""
    from courseware.cloud import lazy

    lazy.when_first_used("cloudformation", patch)


def patch() -> None:
    """Patch moto's CloudFormation (idempotent); fail loudly if a seam moved.

    Raises:
        CfnHookError: a wrapped function is missing or has another signature.
    """
    from moto.cloudformation import models, parsing
    from moto.cloudformation.responses import CloudFormationResponse

    from courseware.cloud.cfn import capabilities, failures, resources

    if _originals:
        return
    parse = _check(models.Stack, "parse_template", ["template"])
    cs_parse = _check(models.ChangeSet, "_parse_template", ["self"])
    create = _check(models.Stack, "create_resources", ["self"])
    update = _check(models.Stack, "update", ["self", "template", "role_arn", "parameters", "tags"])
    execute = _check(
        models.CloudFormationBackend,
        "execute_change_set",
        ["self", "change_set_name", "stack_name"],
    )
    resource = _check(
        parsing,
        "parse_and_create_resource",
        ["logical_id", "resource_json", "resources_map", "account_id", "region_name"],
    )
    actions = {
        name: _check(CloudFormationResponse, name, ["self"]) for name in capabilities.ACTIONS
    }
    _originals.update(
        parse=parse,
        cs_parse=cs_parse,
        create=create,
        update=update,
        execute=execute,
        resource=resource,
    )
    _originals.update(actions)
    for name, original in actions.items():
        setattr(CloudFormationResponse, name, capabilities.wrap(original))
    models.Stack.parse_template = _wrap_parse_template(parse)
    models.ChangeSet._parse_template = _wrap_change_set_parse(cs_parse)
    models.Stack.create_resources = failures.wrap_create_resources(create)
    models.Stack.update = failures.wrap_update(update)
    models.CloudFormationBackend.execute_change_set = failures.wrap_execute_change_set(execute)
    parsing.parse_and_create_resource = failures.track_resource(resource)
    for cached in ("get_model_list", "get_model_map", "get_name_type_map"):
        getattr(parsing, cached).cache_clear()
    missing = [
        m for m in resources.MODELS if parsing.get_model_map().get(m.cloudformation_type()) is not m
    ]
    if missing:
        raise CfnHookError(f"moto's CloudFormation model map does not pick up {missing}")


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
