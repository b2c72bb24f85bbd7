"""The Services picker's order: what matches a few typed letters, the recently used first."""

from __future__ import annotations

from courseware.tui.consoles import CONSOLES
from courseware.tui.shell.recent import ranked


def ids(query: str, recent: list[str] | None = None) -> list[str]:
    return [c.id for c in ranked(CONSOLES, recent or [], query)]


def test_every_word_must_start_a_word_of_the_console() -> None:
    registry = [c.id for c in CONSOLES]
    assert registry[:6] == ["lambda", "sqs", "dynamodb", "stepfunctions", "logs", "iam"]
    assert ids("") == registry
    assert ids("queue") == ["sqs"]
    assert ids("SQS") == ["sqs"]
    assert ids("step fun") == ["stepfunctions"]
    assert ids("cloudwatch") == ["logs"]
    assert ids("ambda") == []  # a word's start, not any substring
    assert ids("roles") == ["iam"]


def test_recent_consoles_come_first_latest_first_then_the_registry_order() -> None:
    registry = [c.id for c in CONSOLES]
    rest = [c for c in registry if c not in ("iam", "sqs")]
    assert ids("", ["iam", "sqs"]) == ["iam", "sqs", *rest]
    matching = ids("s")
    assert {"lambda", "sqs", "stepfunctions", "logs"} <= set(matching)
    assert ids("s", ["logs", "gone"]) == ["logs", *[c for c in matching if c != "logs"]]
