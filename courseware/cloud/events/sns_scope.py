"""Changing a subscription's ``FilterPolicyScope`` re-reads its filter policy in that scope.

moto 5.2's ``SNSBackend.set_subscription_attributes`` builds the filter matcher only when
``FilterPolicy`` is set, so a later ``FilterPolicyScope`` change was stored but not applied:
the policy kept matching message attributes. In AWS the scope decides at once whether the
policy reads the attributes or the body (*SNS subscription filter policy scope*,
https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering-scope.html). The policy is
validated for the new scope first, with moto's own errors.
"""

from __future__ import annotations

import inspect
from typing import Any

from courseware.cloud.endpoint import Endpoint

_original: dict[str, Any] = {}


def _set_subscription_attributes(self: Any, arn: str, name: str, value: Any) -> None:
    from moto.sns.utils import FilterPolicyMatcher

    if name == "FilterPolicyScope":
        found = [s for s in self.subscriptions.values() if s.arn == arn]
        if found and found[0]._filter_policy:
            self._validate_filter_policy(found[0]._filter_policy, scope=value)
    _original["set"](self, arn, name, value)
    if name == "FilterPolicyScope":
        for sub in self.subscriptions.values():
            if sub.arn == arn and sub._filter_policy:
                sub._filter_policy_matcher = FilterPolicyMatcher(sub._filter_policy, value)


def install() -> None:
    """Wrap ``SNSBackend.set_subscription_attributes`` (once)."""
    from moto.sns.models import SNSBackend

    if "set" in _original:
        return
    current = SNSBackend.set_subscription_attributes
    source = inspect.getsource(current)
    if list(inspect.signature(current).parameters) != ["self", "arn", "name", "value"] or (
        "subscription._filter_policy_matcher = FilterPolicyMatcher(" not in source
    ):
        raise RuntimeError(
            "moto's SNSBackend.set_subscription_attributes moved; "
            "update courseware/cloud/events/sns_scope.py"
        )
    _original["set"] = current
    SNSBackend.set_subscription_attributes = _set_subscription_attributes


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
