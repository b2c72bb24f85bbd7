"""Completion of service names and commands for the AWS CLI pane (with or without ``aws``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from textual.suggester import Suggester

from courseware.tui.shell.aws_command import completion_words


class AwsSuggester(Suggester):
    """Suggest ``service`` and ``service command`` completions, like ``SuggestFromList``.

    The words load once, off the UI thread, the first time a suggestion is asked for.
    """

    def __init__(self, words: Callable[[], Sequence[str]] = completion_words) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self._load = words
        self._words: Sequence[str] | None = None

    async def get_suggestion(self, value: str) -> str | None:
        """The first word that extends what was typed (after an optional ``aws``)."""
        stripped = value.lstrip()
        head = value[: len(value) - len(stripped)]
        if stripped.startswith("aws "):
            rest = stripped[4:].lstrip()
            head = value[: len(value) - len(rest)]
        else:
            rest = stripped
        if not rest or len(rest.split()) > 2:
            return None
        if self._words is None:
            self._words = await asyncio.to_thread(self._load)
        folded = rest.casefold()
        for word in self._words:
            if word.startswith(folded) and word != folded:
                return head + rest + word[len(rest) :]
        return None
