"""The app's areas: one definition gives each its mode, key, palette entry and help line."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.screen import Screen


@dataclass(frozen=True)
class Area:
    """A top-level part of the app, shown as its own Textual mode (its own screen stack).

    Attributes:
        id: The mode name, e.g. ``"lambda"``.
        title: What the learner reads, e.g. ``"Lambda console"``.
        key: The key that opens it from anywhere.
        tooltip: One line on what it is for (footer tooltip, palette help, help screen).
        target: ``"module:Class"`` of its first screen, imported only when first opened.
    """

    id: str
    title: str
    key: str
    tooltip: str
    target: str

    def screen(self) -> Screen[None]:
        """A new instance of the area's first screen."""
        module_name, _, class_name = self.target.partition(":")
        module = importlib.import_module(module_name)
        screen: Screen[None] = getattr(module, class_name)()
        return screen


_T = "courseware.tui."

AREAS: tuple[Area, ...] = (
    Area("home", "Home", "f2", "The course map: chapters, labs, quiz", _T + "home.home:HomeScreen"),
    Area("reader", "Chapters", "f3", "Read the study notes", _T + "reader.reader:ReaderScreen"),
    Area("lab", "Lab", "f4", "The lab runner: steps, checks, hints", _T + "lab.lab:LabScreen"),
    Area(
        "lambda",
        "Lambda",
        "f5",
        "Lambda console: functions, code, test",
        _T + "consoles.awslambda.lambda_console:LambdaScreen",
    ),
    Area(
        "sqs",
        "SQS",
        "f6",
        "SQS console: queues, send and poll messages",
        _T + "consoles.sqs.sqs_console:SqsScreen",
    ),
    Area(
        "dynamodb",
        "DynamoDB",
        "f7",
        "DynamoDB console: tables and items",
        _T + "consoles.dynamodb.dynamodb_console:DynamoDbScreen",
    ),
    Area(
        "stepfunctions",
        "Step Functions",
        "f8",
        "State machines, graph and executions",
        _T + "consoles.stepfunctions.sfn_console:StepFunctionsScreen",
    ),
    Area(
        "logs",
        "Logs",
        "f9",
        "CloudWatch Logs: groups, streams, live tail",
        _T + "consoles.logs.logs_console:LogsScreen",
    ),
    Area(
        "iam",
        "IAM",
        "f10",
        "IAM roles, trust and permissions policies",
        _T + "consoles.iam.iam_console:IamScreen",
    ),
    Area(
        "cli",
        "AWS CLI",
        "f11",
        "Run aws commands against the embedded cloud",
        _T + "shell.cli_pane:CliScreen",
    ),
    Area(
        "quiz",
        "Quiz",
        "f12",
        "Practice, exam simulation, review due",
        _T + "quiz.quiz_home:QuizHomeScreen",
    ),
)


def area(area_id: str) -> Area:
    """The area called ``area_id``.

    Raises:
        KeyError: no such area.
    """
    for candidate in AREAS:
        if candidate.id == area_id:
            return candidate
    raise KeyError(area_id)
