"""``UpdateMethod`` (PATCH ``/restapis/{api}/resources/{res}/methods/{verb}``), which moto lacks.

The console's "API key required" and "Authorization" toggles and ``aws apigateway
update-method --patch-operations op=replace,path=/apiKeyRequired,value=true`` send it. The
patchable method fields are replaced on moto's own ``Method`` object (the attributes pinned in
``seams.METHOD_ATTRIBUTES``); the answer is the method, as GetMethod returns it.
"""

from __future__ import annotations

import json
from typing import Any

from courseware.cloud.apigw import seams
from courseware.cloud.apigw.http import Response

# patch path -> (moto attribute, value parser)
_FIELDS: dict[str, tuple[str, Any]] = {
    "/apiKeyRequired": ("api_key_required", lambda v: str(v).lower() == "true"),
    "/authorizationType": ("authorization_type", str),
    "/authorizerId": ("authorizer_id", str),
    "/operationName": ("operation_name", str),
    "/requestValidatorId": ("request_validator_id", str),
}


def _error(status: int, kind: str, message: str) -> Response:
    body = json.dumps({"message": message}).encode()
    headers = [("Content-Type", "application/json"), ("x-amzn-ErrorType", kind)]
    return Response(status, headers, body)


def update(api_id: str, resource_id: str, verb: str, body: bytes) -> Response:
    """Apply ``patchOperations`` to one method; AWS's 404/400 answers otherwise."""
    api = seams.rest_api(api_id)
    resource = api.resources.get(resource_id) if api is not None else None
    method = resource.resource_methods.get(verb) if resource is not None else None
    if method is None:
        return _error(404, "NotFoundException", "Invalid Method identifier specified")
    try:
        operations = json.loads(body or b"{}").get("patchOperations") or []
    except (ValueError, AttributeError):
        return _error(400, "BadRequestException", "Invalid request body")
    changes: list[tuple[str, Any]] = []
    for operation in operations:
        path, op = str(operation.get("path", "")), str(operation.get("op", ""))
        if op != "replace" or path not in _FIELDS:
            return _error(
                400,
                "BadRequestException",
                f"Invalid patch path '{path}' specified for op '{op}'. "
                f"Must be one of: [{', '.join(_FIELDS)}]",
            )
        attribute, parse = _FIELDS[path]
        changes.append((attribute, parse(operation.get("value"))))
    for attribute, value in changes:
        setattr(method, attribute, value)
    answer = json.dumps(method.to_json()).encode()
    return Response(200, [("Content-Type", "application/json")], answer)
