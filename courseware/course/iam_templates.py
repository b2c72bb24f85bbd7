"""The Lambda console's execution-role options as data: basic permissions and policy templates.

Template contents follow the AWS SAM policy templates the console uses
(``SQSPollerPolicy``, ``DynamoDBCrudPolicy`` ("Simple microservice permissions")…).
"""

from __future__ import annotations

import json
from typing import Any

BASIC_EXECUTION_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"

LAMBDA_TRUST_POLICY: dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}

BASIC_LOGS = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]

# Console name -> the actions it grants (resources scoped to all, as the lab allows).
TEMPLATES: dict[str, list[str]] = {
    "Basic Lambda permissions": BASIC_LOGS,
    "Simple microservice permissions": [
        "dynamodb:DeleteItem",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Scan",
        "dynamodb:UpdateItem",
    ],
    "Amazon SQS poller permissions": [
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:ReceiveMessage",
    ],
    "Amazon S3 object read-only permissions": ["s3:GetObject"],
    "Amazon SNS publish policy": ["sns:Publish"],
    "AWS Step Functions start execution": ["states:StartExecution"],
}


def template_policy(names: list[str]) -> str:
    """An inline policy JSON granting basic logging plus the named templates' actions."""
    statements = [{"Effect": "Allow", "Action": BASIC_LOGS, "Resource": "*"}]
    for name in names:
        if name not in TEMPLATES:
            raise KeyError(f"unknown policy template {name!r}; choose from {', '.join(TEMPLATES)}")
        statements.append({"Effect": "Allow", "Action": TEMPLATES[name], "Resource": "*"})
    return json.dumps({"Version": "2012-10-17", "Statement": statements})
