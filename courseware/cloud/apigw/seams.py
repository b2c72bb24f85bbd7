"""The only place the API Gateway data plane reads moto's backends.

Everything here is a read of moto 5.2's models, except :func:`quick_create` which calls the
backend's own create methods. ``tests/unit/test_moto_seams.py`` pins every attribute named
in the ``*_ATTRIBUTES`` tuples, so a moto upgrade that moves one fails loudly.
"""

from __future__ import annotations

from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID, REGION

REST_API_ATTRIBUTES = ("id", "stages", "resources", "authorizers", "binaryMediaTypes")
RESOURCE_ATTRIBUTES = ("id", "path_part", "resource_methods", "get_path")
METHOD_ATTRIBUTES = (
    "http_method",
    "authorization_type",
    "authorizer_id",
    "api_key_required",
    "operation_name",
    "request_validator_id",
)
INTEGRATION_ATTRIBUTES = ("integration_type", "uri", "request_templates", "integration_responses")
STAGE_ATTRIBUTES = ("name", "variables", "deployment_id")
HTTP_API_ATTRIBUTES = ("api_id", "protocol_type", "routes", "integrations", "stages")
ROUTE_ATTRIBUTES = ("route_key", "target", "authorization_type", "authorizer_id")
HTTP_INTEGRATION_ATTRIBUTES = ("integration_type", "integration_uri", "payload_format_version")
HTTP_STAGE_ATTRIBUTES = ("name", "stage_variables", "auto_deploy")
URL_CONFIG_ATTRIBUTES = ("url", "config", "function")


def rest_backend(region: str = REGION) -> Any:
    """moto's API Gateway (REST) backend."""
    from moto.apigateway.models import apigateway_backends

    return apigateway_backends[ACCOUNT_ID][region]


def http_backend(region: str = REGION) -> Any:
    """moto's API Gateway v2 (HTTP API) backend."""
    from moto.apigatewayv2.models import apigatewayv2_backends

    return apigatewayv2_backends[ACCOUNT_ID][region]


def lambda_backend(region: str = REGION) -> Any:
    """moto's Lambda backend."""
    from moto.awslambda.models import lambda_backends

    return lambda_backends[ACCOUNT_ID][region]


def rest_api(api_id: str, region: str = REGION) -> Any | None:
    """The REST API with this id, or None."""
    return rest_backend(region).apis.get(api_id)


def http_api(api_id: str, region: str = REGION) -> Any | None:
    """The HTTP API with this id, or None."""
    return http_backend(region).apis.get(api_id)


def api_keys(region: str = REGION) -> list[Any]:
    """Every API key (objects with ``value``, ``enabled``, ``id``)."""
    return list(rest_backend(region).keys.values())


def usage_plans(region: str = REGION) -> list[Any]:
    """Every usage plan (``api_stages``, ``throttle``, ``id``)."""
    return list(rest_backend(region).usage_plans.values())


def usage_plan_key_ids(plan_id: str, region: str = REGION) -> set[str]:
    """Ids of the API keys added to one usage plan."""
    return set(rest_backend(region).usage_plan_keys.get(plan_id, {}))


def url_configs(region: str = REGION) -> list[Any]:
    """Every function URL config (of unqualified functions and of aliases)."""
    found = []
    for group in list(lambda_backend(region)._lambdas._functions.values()):
        fn = group["latest"]
        if getattr(fn, "url_config", None) is not None:
            found.append(fn.url_config)
    return found


def quick_create(api: Any, target: str, route_key: str | None, credentials: str | None) -> None:
    """What AWS makes for ``create-api --target``: an integration, a route and ``$default``."""
    integration = api.create_integration(
        connection_type=None,
        description=None,
        integration_method="POST",
        integration_type="AWS_PROXY",
        integration_uri=target,
        passthrough_behavior=None,
        payload_format_version="2.0",
        integration_subtype=None,
        request_parameters=None,
        request_templates=None,
        response_parameters=None,
        template_selection_expression=None,
        timeout_in_millis=None,
        tls_config=None,
        connection_id=None,
        content_handling_strategy=None,
        credentials_arn=credentials,
    )
    api.create_route(
        api_key_required=False,
        authorization_scopes=None,
        authorization_type="NONE",
        authorizer_id=None,
        model_selection_expression=None,
        operation_name=None,
        request_models=None,
        request_parameters=None,
        route_key=route_key or "$default",
        route_response_selection_expression=None,
        target=f"integrations/{integration.id}",
    )
    api.create_stage({"stageName": "$default", "autoDeploy": True})
