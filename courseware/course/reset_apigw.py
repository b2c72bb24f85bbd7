"""Deleting a lab's API Gateway resources by name (``courseware lab reset``).

Usage plans go first (after their API stages are removed from them, as the console asks),
then API keys, then the REST APIs themselves.
"""

from __future__ import annotations

from typing import Any


def delete_usage_plans(apigw: Any, name: str) -> None:
    """Delete every usage plan named ``name`` (its API stages detached first)."""
    for plan in apigw.get_usage_plans()["items"]:
        if plan["name"] != name:
            continue
        stages = [f"{s['apiId']}:{s['stage']}" for s in plan.get("apiStages") or []]
        if stages:
            apigw.update_usage_plan(
                usagePlanId=plan["id"],
                patchOperations=[
                    {"op": "remove", "path": "/apiStages", "value": s} for s in stages
                ],
            )
        apigw.delete_usage_plan(usagePlanId=plan["id"])


def delete_api_keys(apigw: Any, name: str) -> None:
    """Delete every API key named ``name``."""
    for key in apigw.get_api_keys()["items"]:
        if key.get("name") == name:
            apigw.delete_api_key(apiKey=key["id"])


def delete_rest_apis(apigw: Any, name: str) -> None:
    """Delete every REST API named ``name``."""
    for api in apigw.get_rest_apis()["items"]:
        if api["name"] == name:
            apigw.delete_rest_api(restApiId=api["id"])
