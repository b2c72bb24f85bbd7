"""Expand ``Transform: AWS::Serverless-2016-10-31`` with the official SAM translator.

``aws-sam-translator`` is the library the SAM CLI and CloudFormation's own transform use.
Its managed-policy names (``Policies: [AWSLambdaBasicExecutionRole]``) are resolved from
moto's local copy of the AWS managed policies, so nothing reaches the network.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
from typing import Any

from courseware.cloud.endpoint import DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
# The translator warns of "unpublished metrics" meant for AWS's own service: not the learner's concern.
logging.getLogger("samtranslator.metrics.metrics").setLevel(logging.ERROR)


class SamTemplateError(ValueError):
    """The SAM template does not translate; the message is the translator's own."""


def is_sam(template: Any) -> bool:
    """True when ``template`` (a parsed template) declares the SAM transform."""
    if not isinstance(template, dict):
        return False
    declared = template.get("Transform")
    names = declared if isinstance(declared, list) else [declared]
    return SAM_TRANSFORM in names


@functools.lru_cache(maxsize=1)
def managed_policy_arns() -> dict[str, str]:
    """AWS managed policy name -> ARN, from the copy moto ships."""
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    policies: dict[str, Any] = json.loads(aws_managed_policies_data)
    return {
        name: f"arn:aws:iam::aws:policy{data.get('Path', '/')}{name}"
        for name, data in policies.items()
    }


def expand(
    template: dict[str, Any], region: str, parameters: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The plain CloudFormation template a SAM template stands for.

    Raises:
        SamTemplateError: the translator refused the template (message as the SAM CLI prints it).
    """
    import boto3
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    session = boto3.session.Session(
        aws_access_key_id=DUMMY_ACCESS_KEY,
        aws_secret_access_key=DUMMY_SECRET_KEY,
        region_name=region,
    )
    translator = Translator(None, Parser(), boto_session=session)
    try:
        expanded = translator.translate(
            copy.deepcopy(template),
            dict(parameters or {}),
            get_managed_policy_map=managed_policy_arns,
        )
    except InvalidDocumentException as exc:
        causes = "; ".join(str(getattr(e, "message", e)) for e in exc.causes)
        raise SamTemplateError(f"Transform {SAM_TRANSFORM} failed with: {causes}") from None
    return dict(expanded)
