"""Checks on DynamoDB tables and items."""

from __future__ import annotations

from typing import Any

from courseware.course.checks.base import (
    CheckResult,
    Cloud,
    Param,
    check,
    fail,
    ok,
    unless_missing,
)


def describe_table(cloud: Cloud, table: str) -> dict[str, Any] | None:
    """The table description, or None when it does not exist."""
    return unless_missing(lambda: dict(cloud.dynamodb.describe_table(TableName=table)["Table"]))


@check(
    table=Param(str),
    partition_key=Param(str),
    sort_key=Param(str, False, None),
    key_type=Param(str, False, "S"),
)
def table_key_schema(
    cloud: Cloud, table: str, partition_key: str, sort_key: str | None = None, key_type: str = "S"
) -> CheckResult:
    """The table exists with the given partition (and optional sort) key."""
    where = f"table {table}"
    found = describe_table(cloud, table)
    if found is None:
        names = ", ".join(cloud.dynamodb.list_tables()["TableNames"]) or "no tables"
        return fail(
            where,
            f"There is no DynamoDB table named {table!r} yet (existing: {names}).",
            f"table {table}",
            "no such table",
        )
    keys = {k["KeyType"]: k["AttributeName"] for k in found["KeySchema"]}
    types = {a["AttributeName"]: a["AttributeType"] for a in found["AttributeDefinitions"]}
    if keys.get("HASH") != partition_key:
        return fail(
            where,
            f"Table {table} has partition key {keys.get('HASH')!r} — the lab needs {partition_key!r}. A key cannot be renamed: delete the table and create it again.",
            partition_key,
            str(keys.get("HASH")),
        )
    if types.get(partition_key) != key_type:
        return fail(
            where,
            f"Partition key {partition_key!r} has type {types.get(partition_key)}; the lab needs {key_type} (String).",
            key_type,
            str(types.get(partition_key)),
        )
    if keys.get("RANGE") != sort_key:
        return fail(
            where,
            f"Table {table} has sort key {keys.get('RANGE')!r}; the lab needs {sort_key!r}.",
            str(sort_key),
            str(keys.get("RANGE")),
        )
    return ok(where, f"Table {table} has partition key {partition_key!r}.", partition_key)


@check(table=Param(str), at_least=Param(int, False, 1), attribute=Param(str, False, None))
def table_item_count(
    cloud: Cloud, table: str, at_least: int = 1, attribute: str | None = None
) -> CheckResult:
    """The table holds at least N items (optionally each having an attribute)."""
    where = f"table {table}"
    if describe_table(cloud, table) is None:
        return fail(
            where, f"There is no DynamoDB table named {table!r} yet.", "table", "no such table"
        )
    items = cloud.dynamodb.scan(TableName=table, Limit=1000)["Items"]
    if attribute:
        items = [i for i in items if attribute in i]
    if len(items) < at_least:
        detail = f" with attribute {attribute!r}" if attribute else ""
        return fail(
            where,
            f"Table {table} has {len(items)} item(s){detail}; the lab expects at least {at_least}.",
            f">= {at_least}",
            str(len(items)),
        )
    return ok(where, f"Table {table} has {len(items)} item(s).", f">= {at_least}", str(len(items)))
