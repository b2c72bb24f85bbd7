"""Reflowing question text written as YAML block scalars (hard-wrapped lines)."""

from __future__ import annotations

import re

_CODEISH = re.compile(r"^(\s|[-*>{}\[\]|`]|\d+\.)")


def reflow(text: str) -> str:
    """Join hard-wrapped prose lines; keep blank-line paragraphs, lists and indented code."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if any(_CODEISH.match(line) for line in lines[1:]):
            paragraphs.append(block)
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)
