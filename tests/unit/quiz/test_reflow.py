"""Question text from YAML block scalars reads as paragraphs on screen."""

from __future__ import annotations

from courseware.tui.shell.reflow import reflow


def test_reflow_joins_prose_and_keeps_structure() -> None:
    text = "A team runs\na queue.\n\nWhich option\nis right?\n"
    assert reflow(text) == "A team runs a queue.\n\nWhich option is right?"
    code = 'The policy is:\n{\n  "Effect": "Allow"\n}'
    assert reflow(code) == code
    listed = "Steps:\n- one\n- two"
    assert reflow(listed) == listed
