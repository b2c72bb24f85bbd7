"""YAML loading that remembers line numbers, for error messages that point at a line.

Mappings load as :class:`LineDict` (a ``dict`` with ``.line`` and ``.key_line(key)``)
and sequences as :class:`LineList` (a ``list`` with ``.line`` and ``.item_line(i)``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from courseware.course.errors import ContentError, ContentProblem


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows where it and each key start (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def key_line(self, key: str) -> int:
        """The line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from YAML that knows where it and each item start (1-based)."""

    line: int = 0
    item_lines: list[int]

    def item_line(self, index: int) -> int:
        """The line of item ``index``."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse a YAML file keeping line numbers.

    Raises:
        ContentError: the file cannot be read or is not valid YAML (names the line).
    """
    try:
        source = path.read_text(encoding="utf-8") if text is None else text
    except OSError as exc:
        raise ContentError(
            [ContentProblem(path, None, "", f"cannot read: {exc.strerror}")]
        ) from None
    try:
        return yaml.load(source, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError(
            [ContentProblem(path, line, "", f"invalid YAML: {exc.problem or exc}")]
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError([ContentProblem(path, None, "", f"invalid YAML: {exc}")]) from None
