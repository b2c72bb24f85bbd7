"""The AWS consoles, one folder per service; a console imports shell and common, never another.

A new console is a folder here plus one line in :data:`CONSOLES` (its definition).
"""

from __future__ import annotations

from courseware.tui.shell.navigation import Console

_C = "courseware.tui.consoles."

CONSOLES: tuple[Console, ...] = (
    Console(
        "lambda",
        "Lambda",
        "Functions: code, test, configuration, triggers",
        _C + "awslambda.lambda_console:LambdaScreen",
        "functions serverless",
    ),
    Console(
        "sqs",
        "SQS",
        "Queues: send and poll messages",
        _C + "sqs.sqs_console:SqsScreen",
        "simple queue service",
    ),
    Console(
        "dynamodb",
        "DynamoDB",
        "Tables and items",
        _C + "dynamodb.dynamodb_console:DynamoDbScreen",
        "ddb nosql database",
    ),
    Console(
        "stepfunctions",
        "Step Functions",
        "State machines, graph and executions",
        _C + "stepfunctions.sfn_console:StepFunctionsScreen",
        "sfn asl workflows",
    ),
    Console(
        "logs",
        "CloudWatch Logs",
        "Log groups, streams, live tail",
        _C + "logs.logs_console:LogsScreen",
        "cloudwatch",
    ),
    Console(
        "iam",
        "IAM",
        "Roles, trust and permissions policies",
        _C + "iam.iam_console:IamScreen",
        "identity access roles policies",
    ),
    Console(
        "apigateway",
        "API Gateway",
        "REST APIs, methods, test, stages, API keys",
        _C + "apigateway.apigw_console:ApiGatewayScreen",
        "apigw rest http webhook",
    ),
    Console(
        "sns",
        "SNS",
        "Topics: subscriptions, filter policies, publish",
        _C + "sns.sns_console:SnsScreen",
        "simple notification service topics pub sub fan-out",
    ),
    Console(
        "xray",
        "X-Ray",
        "Traces, segment timeline, service map",
        _C + "xray.xray_console:XRayScreen",
        "tracing traces service map latency",
    ),
)
