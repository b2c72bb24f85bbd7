"""The step-check library: small read-only functions over the running cloud.

Importing this package registers every check (``CHECKS``) and knowledge probe (``PROBES``).
"""

from __future__ import annotations

from courseware.course.checks import (  # noqa: F401  (registration)
    apigw_checks,
    async_checks,
    async_route_checks,
    cfn_checks,
    delay_checks,
    denial_checks,
    dlq_checks,
    dynamodb_checks,
    fifo_checks,
    iam_checks,
    lambda_checks,
    logs_checks,
    outcome_checks,
    probes,
    s3_checks,
    s3_pipeline_checks,
    sfn_checks,
    sns_checks,
    sqs_checks,
    xray_checks,
)
from courseware.course.checks.base import CHECKS, PROBES, CheckDef, CheckResult, Cloud

__all__ = ["CHECKS", "PROBES", "CheckDef", "CheckResult", "Cloud"]
