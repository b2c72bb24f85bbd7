"""Resource types moto's CloudFormation lacks that SAM templates and the course use.

- ``AWS::SQS::QueuePolicy``: the policy set on each queue of ``Queues``.
- ``AWS::ApiGateway::Stage``: a stage of a REST API, from a deployment.
- ``AWS::ApiGateway::RestApi`` with ``Body``: the OpenAPI/Swagger document imported (moto's
  own model reads only ``Name``, and a SAM implicit API has a ``Body`` and no ``Name``).

Each lists ``CloudFormationModel`` as a direct base, so moto's model map (built from
``CloudFormationModel.__subclasses__()``) picks it up; a later class wins for its type.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from moto.core.common_models import CloudFormationModel


class _Simple:
    """What every model here shares: a physical id and no attributes (a mixin)."""

    def __init__(self, physical_id: str) -> None:
        self._physical_id = physical_id

    @property
    def physical_resource_id(self) -> str:
        return self._physical_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Any:
        """Each model builds its own resource."""
        raise NotImplementedError(cls.__name__)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> Any:
        return cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> None:
        """Nothing of its own to delete."""


class QueuePolicy(_Simple, CloudFormationModel):  # type: ignore[misc]
    """``AWS::SQS::QueuePolicy``: ``PolicyDocument`` applied to every queue URL in ``Queues``."""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::SQS::QueuePolicy"

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> QueuePolicy:
        from moto.sqs.models import sqs_backends

        props = cloudformation_json["Properties"]
        document = props["PolicyDocument"]
        text = document if isinstance(document, str) else json.dumps(document)
        backend = sqs_backends[account_id][region_name]
        for url in props["Queues"]:
            backend.set_queue_attributes(str(url).rstrip("/").rsplit("/", 1)[-1], {"Policy": text})
        return cls(resource_name)


class ApiStage(_Simple, CloudFormationModel):  # type: ignore[misc]
    """``AWS::ApiGateway::Stage``: ``StageName`` of ``RestApiId`` on ``DeploymentId``."""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ApiGateway::Stage"

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> ApiStage:
        from moto.apigateway.models import apigateway_backends

        props = cloudformation_json["Properties"]
        stage = apigateway_backends[account_id][region_name].create_stage(
            _id(props["RestApiId"]),
            props["StageName"],
            _id(props["DeploymentId"]),
            variables=props.get("Variables") or {},
            description=props.get("Description", ""),
            tracing_enabled=bool(props.get("TracingEnabled", False)),
        )
        return cls(str(stage.name))


def _id(value: Any) -> str:
    """An id from a ``Ref``: moto resolves a ``Ref`` to a Deployment to the object itself."""
    return value if isinstance(value, str) else str(value.id)


def _as_openapi3(body: dict[str, Any]) -> dict[str, Any]:
    """moto imports OpenAPI 3 only; its path and method handling fits Swagger 2.0 as well."""
    doc = copy.deepcopy(body)
    if doc.pop("swagger", None) is not None:
        doc["openapi"] = "3.0.1"
    for methods in (doc.get("paths") or {}).values():
        for method in methods.values() if isinstance(methods, dict) else ():
            integration = (
                method.get("x-amazon-apigateway-integration") if isinstance(method, dict) else None
            )
            if isinstance(integration, dict) and "type" in integration:
                integration["type"] = str(
                    integration["type"]
                ).upper()  # aws_proxy -> AWS_PROXY, as AWS
    return doc


class RestApiWithBody(_Simple, CloudFormationModel):  # type: ignore[misc]
    """``AWS::ApiGateway::RestApi``, importing ``Body`` when there is one."""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ApiGateway::RestApi"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "RootResourceId"

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Any:
        from moto.apigateway.models import apigateway_backends

        props = cloudformation_json["Properties"]
        body = props.get("Body")
        backend = apigateway_backends[account_id][region_name]
        title = body.get("info", {}).get("title") if isinstance(body, dict) else None
        api = backend.create_rest_api(
            name=props.get("Name") or title or resource_name,
            description=props.get("Description", ""),
            endpoint_configuration=props.get("EndpointConfiguration"),
        )
        if isinstance(body, dict) and body.get("paths"):
            backend.put_rest_api(api.id, _as_openapi3(body), fail_on_warnings=False)
        return api  # moto's RestAPI: Ref is its id, and it deletes itself


MODELS: tuple[type[CloudFormationModel], ...] = (QueuePolicy, ApiStage, RestApiWithBody)
