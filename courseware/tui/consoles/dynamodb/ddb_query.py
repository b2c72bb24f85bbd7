"""Pure helper for the DynamoDB console's Query: the key condition a learner fills in, as API params."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from courseware.tui.consoles.dynamodb.ddb_items import ItemError, key_value

# The sort-key conditions DynamoDB's KeyConditionExpression allows (as the console offers them).
SORT_OPERATORS = ("=", "<", "<=", ">", ">=", "between", "begins_with")
_BETWEEN = re.compile(r"\s+and\s+|\s*,\s*", re.IGNORECASE)


@dataclass(frozen=True)
class KeyCondition:
    """A Query's key condition: API parameters plus how to say it to the learner."""

    expression: str
    names: dict[str, str]
    values: dict[str, Any]
    text: str

    def params(self) -> dict[str, Any]:
        """The Query parameters for this condition."""
        return {
            "KeyConditionExpression": self.expression,
            "ExpressionAttributeNames": self.names,
            "ExpressionAttributeValues": self.values,
        }


def key_condition(
    keys: list[tuple[str, str]], partition: str, operator: str = "=", sort: str = ""
) -> KeyCondition:
    """Build the condition "partition key = value [and a sort-key condition]".

    Args:
        keys: ``(name, type)`` of the partition key and, if the table has one, the sort key.
        partition: The partition key value as typed.
        operator: One of :data:`SORT_OPERATORS` (used only when ``sort`` is given).
        sort: The sort key value as typed; for ``between``, "low and high" (or "low, high").

    Raises:
        ItemError: a value of the wrong type, a malformed ``between``, or ``begins_with`` on a number.
    """
    (pk_name, pk_type), *rest = keys
    names = {"#pk": pk_name}
    values = {":pk": key_value(partition, pk_type)}
    expression, text = "#pk = :pk", f"{pk_name} = {partition}"
    if not sort.strip() or not rest:
        return KeyCondition(expression, names, values, text)
    sk_name, sk_type = rest[0]
    names["#sk"] = sk_name
    if operator not in SORT_OPERATORS:
        raise ItemError(
            f"Unknown sort key condition {operator!r}; use one of {', '.join(SORT_OPERATORS)}."
        )
    if operator == "between":
        bounds = _BETWEEN.split(sort.strip())
        if len(bounds) != 2 or not all(bounds):
            raise ItemError(f"between needs two values, like “1 and 9” (got {sort!r}).")
        values[":lo"], values[":hi"] = (key_value(b, sk_type) for b in bounds)
        clause, said = "#sk BETWEEN :lo AND :hi", f"between {bounds[0]} and {bounds[1]}"
    elif operator == "begins_with":
        if sk_type == "N":
            raise ItemError(
                f"begins_with works on string or binary sort keys; {sk_name} is a number."
            )
        values[":sk"] = key_value(sort, sk_type)
        clause, said = "begins_with(#sk, :sk)", f"begins with {sort}"
    else:
        values[":sk"] = key_value(sort, sk_type)
        clause, said = f"#sk {operator} :sk", f"{operator} {sort}"
    return KeyCondition(f"{expression} AND {clause}", names, values, f"{text} and {sk_name} {said}")
