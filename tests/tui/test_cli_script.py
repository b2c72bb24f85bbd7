"""The CLI pane's small shell, without the app: continuations, $( … ), $LABS, clear refusals."""

from __future__ import annotations

import asyncio

import pytest

from courseware.tui.shell.cli_script import ScriptError, aws_args, expand, logical_lines


def _expand(line: str, outputs: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    ran: list[str] = []

    async def capture(args: list[str]) -> str:
        ran.append(" ".join(args))
        return (outputs or {}).get(" ".join(args), "") + "\n"

    return asyncio.run(expand(line, "/opt/my labs", capture)), ran


def test_continuations_and_pasted_blocks_become_commands() -> None:
    text = (
        "courseware aws iam create-role --role-name r \\\n  --x y\n\n# note\naws sqs list-queues\n"
    )
    assert logical_lines(text) == [
        "courseware aws iam create-role --role-name r --x y",
        "aws sqs list-queues",
    ]


def test_both_prefixes_and_a_bare_service_run_aws() -> None:
    assert aws_args("courseware aws sqs list-queues") == ["sqs", "list-queues"]
    assert aws_args("aws sqs list-queues") == ["sqs", "list-queues"]
    assert aws_args("sqs list-queues") == ["sqs", "list-queues"]


def test_substitution_runs_the_inner_command_and_splices_its_output() -> None:
    inner = "sqs get-queue-url --queue-name Q --query QueueUrl --output text"
    args, ran = _expand(
        "courseware aws sqs send-message --queue-url $(courseware aws " + inner + ") --x 1",
        {inner: "http://h/123/Q"},
    )
    assert ran == [inner]
    assert args == ["sqs", "send-message", "--queue-url", "http://h/123/Q", "--x", "1"]


def test_labs_placeholder_and_quotes() -> None:
    args, _ = _expand('aws iam create-role --p file://$LABS/a.json --q \'{"a": "$LABS"}\'')
    assert args[3] == "file:///opt/my labs/a.json"
    assert args[5] == '{"a": "$LABS"}'  # single quotes keep it literal, as in a shell
    args, _ = _expand('aws x --p "${LABS}/b"')
    assert args[-1] == "/opt/my labs/b"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("aws sqs list-queues | jq .", "pipes"),
        ("aws sqs list-queues > out.txt", "redirects"),
        ("aws sqs list-queues && aws sqs list-queues", "&&"),
        ("(cd labs/x && zip ../f.zip a.py)", "subshells"),
        ("zip f.zip a.py", "`zip` is not available"),
        ("courseware lab list", "only `courseware aws …`"),
        ("aws x --p $HOME", "$HOME is not known"),
        ("aws x --p `aws y`", "use $( … )"),
        ("aws x --p $(aws y", "not closed"),
    ],
)
def test_what_a_shell_would_do_is_refused_with_what_works(line: str, says: str) -> None:
    with pytest.raises(ScriptError) as caught:
        _expand(line)
    assert says in str(caught.value)
    if "supported" in str(caught.value) or "available" in str(caught.value):
        assert "courseware aws" in str(caught.value)
