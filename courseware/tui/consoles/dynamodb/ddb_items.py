"""Pure helpers for the DynamoDB console: DynamoDB JSON ⇄ plain values, columns, cells."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer

TYPE_TAGS = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"}
KEY_TYPES = ("S", "N", "B")
_deserializer = TypeDeserializer()
_serializer = TypeSerializer()


class ItemError(ValueError):
    """The item text is not a valid item; the message says why."""


def to_plain(item: dict[str, Any]) -> dict[str, Any]:
    """A DynamoDB-JSON item as Python values (Decimal, set, Binary, …)."""
    return {name: _deserializer.deserialize(value) for name, value in item.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, Binary):
        return base64.b64encode(value.value).decode()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def plain_json(item: dict[str, Any], key_names: Iterable[str] = (), indent: int | None = 2) -> str:
    """A DynamoDB-JSON item as plain JSON text, key attributes first."""
    plain = to_plain(item)
    ordered = {k: plain[k] for k in key_names if k in plain}
    ordered.update((k, v) for k, v in plain.items() if k not in ordered)
    return json.dumps(_jsonable(ordered), indent=indent, ensure_ascii=False)


def _b64(value: Any) -> str:
    if isinstance(value, Binary):
        value = value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dynamodb_json(item: dict[str, Any], indent: int = 2) -> str:
    """A DynamoDB-JSON item as text (binary values as base64)."""
    return json.dumps(item, indent=indent, ensure_ascii=False, default=_b64)


def needs_typed_json(value: Any) -> bool:
    """Whether plain JSON would lose a type of this DynamoDB-JSON value (sets or binary)."""
    if isinstance(value, dict):
        if any(tag in value for tag in ("SS", "NS", "BS", "B")):
            return True
        return any(needs_typed_json(v) for v in value.values())
    if isinstance(value, list):
        return any(needs_typed_json(v) for v in value)
    return False


def _decode_binary(value: Any) -> Any:
    """Typed JSON carries binary as base64 text; boto3 wants the bytes."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for tag, inner in value.items():
            if tag == "B" and isinstance(inner, str):
                out[tag] = base64.b64decode(inner, validate=True)
            elif tag == "BS" and isinstance(inner, list):
                out[tag] = [base64.b64decode(v, validate=True) for v in inner]
            elif tag == "M" and isinstance(inner, dict):
                out[tag] = {k: _decode_binary(v) for k, v in inner.items()}
            elif tag == "L" and isinstance(inner, list):
                out[tag] = [_decode_binary(v) for v in inner]
            else:
                out[tag] = inner
        return out
    return value


def is_dynamodb_json(data: dict[str, Any]) -> bool:
    """Whether every attribute looks like ``{"S": "..."}`` (a one-key type-tagged value)."""
    return bool(data) and all(
        isinstance(v, dict) and len(v) == 1 and next(iter(v)) in TYPE_TAGS for v in data.values()
    )


def parse_item(text: str) -> dict[str, Any]:
    """An item for ``put_item`` from plain JSON or DynamoDB JSON.

    Raises:
        ItemError: not a JSON object, or a value DynamoDB cannot store.
    """
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ItemError(
            f"Not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        ) from None
    if not isinstance(data, dict) or not data:
        raise ItemError('An item is a JSON object with attributes, e.g. {"id": "1"}.')
    try:
        if is_dynamodb_json(data):
            item = {name: _decode_binary(value) for name, value in data.items()}
            for value in item.values():  # validates the tags and their values
                _deserializer.deserialize(value)
            return item
        return {name: _serializer.serialize(value) for name, value in data.items()}
    except (TypeError, ValueError, KeyError, ArithmeticError) as exc:
        raise ItemError(f"Cannot store this value: {exc}") from None
    # (binascii.Error, from bad base64, is a ValueError)


def key_of(item: dict[str, Any], key_names: Iterable[str]) -> dict[str, Any]:
    """The item's primary key (DynamoDB JSON)."""
    return {name: item[name] for name in key_names if name in item}


def key_id(item: dict[str, Any], key_names: Iterable[str]) -> str:
    """A stable text id of the item's key (for table rows)."""
    return json.dumps(key_of(item, key_names), sort_keys=True)


def columns(items: Iterable[dict[str, Any]], key_names: list[str], most: int = 12) -> list[str]:
    """Column names: the key attributes, then other attributes by first appearance."""
    names = list(key_names)
    for item in items:
        for name in item:
            if name not in names:
                names.append(name)
    return names[:most]


def cell(item: dict[str, Any], name: str, width: int = 30) -> str:
    """One attribute of a DynamoDB-JSON item as short plain text (empty if absent)."""
    if name not in item:
        return ""
    value = _jsonable(_deserializer.deserialize(item[name]))
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = str(text).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def key_value(text: str, key_type: str) -> dict[str, Any]:
    """A key value typed by the learner as an AttributeValue of ``key_type`` (S, N or B).

    Raises:
        ItemError: a number key that is not a number, or bad base64 for binary.
    """
    if key_type == "N":
        try:
            Decimal(text)
        except ArithmeticError:
            raise ItemError(f"{text!r} is not a number.") from None
        return {"N": text.strip()}
    if key_type == "B":
        try:
            return {"B": base64.b64decode(text, validate=True)}
        except ValueError:
            raise ItemError("A binary key is entered as base64.") from None
    return {"S": text}


def key_text(table: dict[str, Any], role: str) -> str:
    """``name (S)`` of the table's HASH or RANGE key, or ``-``."""
    types = {a["AttributeName"]: a["AttributeType"] for a in table.get("AttributeDefinitions", [])}
    for key in table.get("KeySchema", []):
        if key["KeyType"] == role:
            return f"{key['AttributeName']} ({types.get(key['AttributeName'], '?')})"
    return "-"
