"""The CLI pane's small shell: the lab commands as printed, nothing a real shell would add.

What it understands (and nothing else, on purpose: no real shell runs, so a pasted line can
never start another program, touch files or read the learner's environment):

- ``aws …`` and ``courseware aws …`` (both run the AWS CLI against the embedded cloud);
- ``$(aws …)`` / ``$(courseware aws …)`` substitution, replaced by the command's output;
- ``\\`` at a line's end continues the command; a pasted block runs line by line;
- ``$LABS`` / ``${LABS}``: the labs folder, wherever the app is installed;
- quotes and backslashes as a POSIX shell reads them (``shlex``); ``#`` comment lines.

Pipes, redirects, ``&&``/``;``, subshells, other variables and other programs get an error
that says what is supported.
"""

from __future__ import annotations

import shlex
from collections.abc import Awaitable, Callable

SUPPORTED = (
    "this pane runs `aws …` and `courseware aws …` commands, with $(aws …) substitution, "
    "\\ continuations and $LABS"
)
_OPERATORS = {"|": "pipes (|)", ";": "`;`", "&": "`&` / `&&`", "<": "redirects (<)"}
_OPERATORS[">"] = "redirects (>)"

Capture = Callable[[list[str]], Awaitable[str]]


class ScriptError(ValueError):
    """The line is not something the pane can run; the message says why and what works."""


def logical_lines(text: str) -> list[str]:
    """Split pasted ``text`` into commands: ``\\``-newline joins lines, blanks and ``#`` drop."""
    commands: list[str] = []
    pending = ""
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending += line[:-1].rstrip() + " "
            continue
        whole = (pending + line.strip()).strip()
        pending = ""
        if whole and not whole.startswith("#"):
            commands.append(whole)
    if pending.strip():
        commands.append(pending.strip())
    return commands


def needs_more(line: str) -> bool:
    """Whether a typed line ends in a continuation ``\\`` (the pane waits for the rest)."""
    stripped = line.rstrip()
    return stripped.endswith("\\") and not stripped.endswith("\\\\")


def _closing_paren(line: str, start: int) -> int:
    """Index of the ``)`` that closes the ``$(`` whose ``(`` is at ``start``."""
    depth, quote, i = 0, "", start
    while i < len(line):
        ch = line[i]
        if ch == "\\" and quote != "'":
            i += 2
            continue
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ScriptError("a $( … ) is not closed: add the missing )")


def _quoted(text: str, in_double: bool) -> str:
    """``text`` safe to put back into the line (as a shell would after substitution)."""
    if in_double:
        return "".join("\\" + c if c in '\\"$`' else c for c in text)
    return " ".join(shlex.quote(word) for word in text.split())


async def expand(line: str, labs: str, capture: Capture) -> list[str]:
    """``line`` as ``aws`` arguments (without ``aws``): substitutions run, ``$LABS`` replaced.

    Raises:
        ScriptError: anything the pane does not support, or a substitution that failed.
    """
    out: list[str] = []
    quote, i = "", 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and quote != "'":
            out.append(line[i : i + 2])
            i += 2
            continue
        if quote == "'":
            quote = "" if ch == "'" else quote
            out.append(ch)
        elif ch == "$" and line.startswith("$(", i):
            end = _closing_paren(line, i + 1)
            inner = await expand(line[i + 2 : end], labs, capture)
            out.append(_quoted((await capture(inner)).strip(), quote == '"'))
            i = end
        elif ch == "$":
            i = _variable(line, i, labs, out, quote == '"')
            continue
        elif ch == "`" and not quote:
            raise ScriptError(f"backquote substitution is not supported: use $( … ); {SUPPORTED}")
        elif ch == '"':
            quote = "" if quote else '"'
            out.append(ch)
        elif ch == "'" and not quote:
            quote = "'"
            out.append(ch)
        elif not quote and ch in _OPERATORS:
            raise ScriptError(f"{_OPERATORS[ch]} are not supported here: {SUPPORTED}")
        elif not quote and ch in "()":
            raise ScriptError(
                f"subshells ( … ) are not supported here: {SUPPORTED}{_zip_tip(line)}"
            )
        else:
            out.append(ch)
        i += 1
    return aws_args("".join(out))


def _variable(line: str, i: int, labs: str, out: list[str], in_double: bool) -> int:
    """Expand ``$LABS`` / ``${LABS}`` at ``i`` into ``out``; the index after it."""
    for form in ("${LABS}", "$LABS"):
        if line.startswith(form, i):
            nxt = i + len(form)
            if form == "$LABS" and nxt < len(line) and (line[nxt].isalnum() or line[nxt] == "_"):
                break
            # one word even with spaces in the path (a shell would split it: no use to anyone)
            out.append(_quoted(labs, True) if in_double else shlex.quote(labs))
            return nxt
    name = line[i + 1 :].split()[0] if line[i + 1 :].split() else ""
    raise ScriptError(f"the variable ${name.strip('{}')} is not known here: only $LABS is")


def _zip_tip(line: str) -> str:
    """For a ``zip`` line: how to make the package in the app instead."""
    if "zip" not in line.split():
        return ""
    return (
        ". To package code, open Lambda → the function → Code and upload the folder "
        "(zipped for you), or press ctrl+g for the lab's starter code"
    )


def aws_args(line: str) -> list[str]:
    """Split ``line`` and drop its ``aws`` / ``courseware aws``; a clear error for the rest.

    Raises:
        ScriptError: unbalanced quotes, or a program other than aws.
    """
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise ScriptError(f"cannot read the command: {exc}") from None
    if words[:2] == ["courseware", "aws"]:
        return words[2:]
    if words[:1] == ["aws"]:
        return words[1:]
    if words[:1] == ["courseware"]:
        raise ScriptError(
            "only `courseware aws …` runs in this pane; run other courseware commands in a terminal"
        )
    if not words:
        return []
    if words[0] not in _aws_commands():
        raise ScriptError(f"`{words[0]}` is not available here: {SUPPORTED}{_zip_tip(line)}")
    return words  # a bare "sqs list-queues" still works, as before


def _aws_commands() -> frozenset[str]:
    """Every first word ``aws`` accepts (the services, ``s3``, ``configure``, ``help``)."""
    from courseware.tui.shell.aws_command import completion_words

    words = {w for w in completion_words() if " " not in w}
    return frozenset(words | {"s3", "configure", "help", "--version", "--endpoint-url"})
