"""The DynamoDB console's key conditions: the expression DynamoDB gets, and errors a learner can act on."""

from __future__ import annotations

import pytest

from courseware.tui.consoles.dynamodb.ddb_items import ItemError
from courseware.tui.consoles.dynamodb.ddb_query import key_condition

KEYS = [("ProductVisitKey", "S"), ("visited", "N")]


def test_partition_only_ignores_the_sort_operator() -> None:
    condition = key_condition(KEYS, "p1", ">", "  ")
    assert condition.params() == {
        "KeyConditionExpression": "#pk = :pk",
        "ExpressionAttributeNames": {"#pk": "ProductVisitKey"},
        "ExpressionAttributeValues": {":pk": {"S": "p1"}},
    }


@pytest.mark.parametrize("operator", ["=", "<", "<=", ">", ">="])
def test_comparisons(operator: str) -> None:
    condition = key_condition(KEYS, "p1", operator, "5")
    assert condition.expression == f"#pk = :pk AND #sk {operator} :sk"
    assert condition.values[":sk"] == {"N": "5"}
    assert condition.text == f"ProductVisitKey = p1 and visited {operator} 5"


@pytest.mark.parametrize("typed", ["1 and 9", "1 AND 9", "1, 9"])
def test_between_takes_two_values(typed: str) -> None:
    condition = key_condition(KEYS, "p1", "between", typed)
    assert condition.expression == "#pk = :pk AND #sk BETWEEN :lo AND :hi"
    assert (condition.values[":lo"], condition.values[":hi"]) == ({"N": "1"}, {"N": "9"})


@pytest.mark.parametrize("typed", ["1", "1 and", "1 and 2 and 3"])
def test_between_with_wrong_count_says_how(typed: str) -> None:
    with pytest.raises(ItemError, match="between needs two values"):
        key_condition(KEYS, "p1", "between", typed)


def test_begins_with_on_strings_only() -> None:
    condition = key_condition([("pk", "S"), ("sk", "S")], "a", "begins_with", "2026-")
    assert condition.expression == "#pk = :pk AND begins_with(#sk, :sk)"
    with pytest.raises(ItemError, match="visited is a number"):
        key_condition(KEYS, "p1", "begins_with", "1")


def test_a_number_key_must_be_a_number() -> None:
    with pytest.raises(ItemError, match="not a number"):
        key_condition(KEYS, "p1", "=", "ten")


def test_table_without_sort_key() -> None:
    assert key_condition([("id", "N")], "7", "=", "3").expression == "#pk = :pk"
