"""The API Gateway, function URL, Qualifier and layer seams: each fails here when moto moves it.

The data plane reads moto's models only through ``courseware/cloud/apigw/seams.py``; these
tests build real moto objects and check every attribute that module names.
"""

from __future__ import annotations

import inspect

from moto.apigatewayv2.models import ApiGatewayV2Backend
from moto.awslambda.models import (
    FunctionUrlConfig,
    LambdaAlias,
    LambdaBackend,
    LambdaFunction,
    LambdaStorage,
)
from moto.awslambda.responses import LambdaResponse

from courseware.cloud.apigw import function_urls, seams
from courseware.cloud.lambda_rt import layers, qualifier

ACCOUNT, REGION = "123456789012", "us-east-1"


def _has(obj: object, names: tuple[str, ...]) -> None:
    missing = [n for n in names if not hasattr(obj, n)]
    assert not missing, f"moto's {type(obj).__name__} lost {missing}"


def test_rest_api_models_have_what_the_data_plane_reads() -> None:
    backend = seams.rest_backend()  # moto resolves parents through its global backends
    api = backend.create_rest_api(name="seam", description="")
    child = backend.create_resource(api.id, api.root_resource_id, "{id}")
    method = backend.put_method(api.id, child.id, "GET", "NONE")
    integration = backend.put_integration(
        api.id,
        child.id,
        "GET",
        "AWS_PROXY",
        "arn:aws:apigateway:us-east-1:lambda:path/x",
        integration_method="POST",
    )
    backend.create_deployment(api.id, "dev")
    _has(api, seams.REST_API_ATTRIBUTES)
    _has(child, seams.RESOURCE_ATTRIBUTES)
    _has(method, seams.METHOD_ATTRIBUTES)
    _has(integration, seams.INTEGRATION_ATTRIBUTES)
    _has(api.stages["dev"], seams.STAGE_ATTRIBUTES)
    assert child.get_path() == "/{id}" and method.method_integration is integration
    for name in ("apis", "keys", "usage_plans", "usage_plan_keys"):
        assert isinstance(getattr(backend, name), dict), name


def test_http_api_quick_create_uses_the_backends_own_methods() -> None:
    backend = ApiGatewayV2Backend(REGION, ACCOUNT)
    api = backend.create_api(
        api_key_selection_expression="",
        cors_configuration="",
        description="",
        disable_schema_validation="",
        disable_execute_api_endpoint="",
        name="quick",
        protocol_type="HTTP",
        route_selection_expression="",
        tags={},
        version="",
    )
    seams.quick_create(api, "arn:aws:lambda:us-east-1:123456789012:function:f", None, None)
    _has(api, seams.HTTP_API_ATTRIBUTES)
    (route,) = api.routes.values()
    (integration,) = api.integrations.values()
    _has(route, seams.ROUTE_ATTRIBUTES)
    _has(integration, seams.HTTP_INTEGRATION_ATTRIBUTES)
    _has(api.stages["$default"], seams.HTTP_STAGE_ATTRIBUTES)
    assert route.route_key == "$default" and route.target == f"integrations/{integration.id}"


def test_motos_invoke_still_reads_the_lowercase_qualifier() -> None:
    original = qualifier._original.get("invoke") or LambdaResponse.invoke
    source = inspect.getsource(original)
    assert 'self._get_param("qualifier")' in source, "moto reads Qualifier now: drop the wrapper?"
    assert 'self.path.rsplit("/", 2)[-2]' in source
    assert list(inspect.signature(LambdaBackend.get_function).parameters) == [
        "self",
        "function_name_or_arn",
        "qualifier",
    ]
    assert callable(LambdaBackend.list_aliases)
    alias = LambdaAlias(ACCOUNT, REGION, "live", "f", "1", "", {"AdditionalVersionWeights": {}})
    assert alias.routing_config is not None and alias.function_version == "1"


def test_function_url_and_layer_seams() -> None:
    to_dict = function_urls._original.get("to_dict") or FunctionUrlConfig.to_dict
    assert list(inspect.signature(to_dict).parameters) == ["self"]
    assert "self.url" in inspect.getsource(FunctionUrlConfig.__init__)
    get_layers = layers._original.get("_get_layers_data") or LambdaFunction._get_layers_data
    assert list(inspect.signature(get_layers).parameters) == ["self", "layers_versions_arns"]
    assert callable(LambdaBackend.layers_versions_by_arn)
    assert "self._functions" in inspect.getsource(LambdaStorage.__init__)


def test_permission_seams() -> None:
    from moto.awslambda.policy import Policy

    from courseware.cloud.lambda_rt import permissions

    add = permissions._original.get("add_permission") or LambdaBackend.add_permission
    get = permissions._original.get("get_policy") or LambdaBackend.get_policy
    remove = permissions._original.get("remove_permission") or LambdaResponse.remove_permission
    assert list(inspect.signature(add).parameters) == ["self", "function_name", "qualifier", "raw"]
    assert list(inspect.signature(get).parameters) == ["self", "function_name", "qualifier"]
    assert 'unquote(self.path.split("/")[-3])' in inspect.getsource(remove)
    assert list(inspect.signature(Policy.__init__).parameters) == ["self", "parent"]
    assert callable(Policy.add_statement) and callable(Policy.del_statement)


def test_moto_still_lacks_update_method() -> None:
    """apigw/update_method.py answers UpdateMethod; when moto gains it, drop ours for moto's."""
    from moto.apigateway.responses import APIGatewayResponse

    assert not hasattr(APIGatewayResponse, "update_method")
    assert "update_method" not in vars(type(seams.rest_backend()))
