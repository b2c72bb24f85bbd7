"""The S3 notification seam: moto's parser still asserts on rule names, and our wrapper is in."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from moto.s3 import notifications
from moto.s3.models import Notification
from moto.s3.responses import S3Response

from courseware.cloud.events import s3_notifications


def test_moto_still_asserts_lower_case_rule_names_in_the_body_parser() -> None:
    original = (
        s3_notifications._patched.get("from_body") or S3Response._notification_config_from_body
    )
    assert list(inspect.signature(original).parameters) == ["self"]
    source = inspect.getsource(original)
    assert 'assert filter_rule["Name"] in ["suffix", "prefix"]' in source, (
        "moto changed how it validates filter rules: review s3_notifications.py"
    )
    assert "xmltodict.parse(self.body)" in source, "moto no longer parses self.body"


def test_moto_matches_lower_case_names_only() -> None:
    source = inspect.getsource(Notification._key_matches)
    assert '"prefix" not in _filters' in source and '"suffix" not in _filters' in source


def test_moto_builds_the_event_with_a_key_encoded_slashes_and_all() -> None:
    builder = s3_notifications._patched.get("s3_event") or notifications._get_s3_event
    assert list(inspect.signature(builder).parameters) == [
        "event_name",
        "bucket",
        "key",
        "notification_id",
    ]
    assert "quote_plus(key.name)" in inspect.getsource(builder), "moto changed the key encoding"
    assert "_get_s3_event(" in inspect.getsource(notifications.send_event)


def test_install_wraps_the_parser_and_the_builder_once() -> None:
    s3_notifications.install()
    s3_notifications.install()
    assert S3Response._notification_config_from_body is s3_notifications._from_body
    assert s3_notifications._patched["from_body"] is not s3_notifications._from_body
    assert notifications._get_s3_event is s3_notifications._s3_event


def test_event_keys_keep_slashes_and_turn_spaces_into_plus() -> None:
    assert s3_notifications.event_key("incoming/red flower.jpg") == "incoming/red+flower.jpg"
    assert s3_notifications.event_key("a+b/c&d.txt") == "a%2Bb/c%26d.txt"


def _parsed(*configs: dict[str, Any]) -> dict[str, Any]:
    return {"NotificationConfiguration": {"QueueConfiguration": list(configs)}}


def _config(events: list[str], **rules: str) -> dict[str, Any]:
    filter_rules = [{"Name": k, "Value": v} for k, v in rules.items()]
    return {
        "Queue": "arn:aws:sqs:us-east-1:1:q",
        "Event": events,
        "Filter": {"S3Key": {"FilterRule": filter_rules}},
    }


def test_rule_names_are_lower_cased_for_moto() -> None:
    parsed = _parsed(_config(["s3:ObjectCreated:*"], Prefix="in/", SUFFIX=".txt"))
    s3_notifications.validate(parsed)
    config = parsed["NotificationConfiguration"]["QueueConfiguration"][0]
    rules = config["Filter"]["S3Key"]["FilterRule"]
    assert [r["Name"] for r in rules] == ["prefix", "suffix"]


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (
            (["s3:ObjectCreated:*"], {"prefix": "a/"}),
            (["s3:ObjectCreated:Put"], {"prefix": "a/b"}),
            True,
        ),
        (
            (["s3:ObjectCreated:*"], {"prefix": "a/"}),
            (["s3:ObjectCreated:Put"], {"prefix": "b/"}),
            False,
        ),
        (
            (["s3:ObjectCreated:*"], {"suffix": ".txt"}),
            (["s3:ObjectCreated:*"], {"suffix": ".csv"}),
            False,
        ),
        ((["s3:ObjectCreated:*"], {}), (["s3:ObjectRemoved:*"], {}), False),
        ((["s3:ObjectCreated:Put"], {}), (["s3:ObjectCreated:Put"], {"suffix": ".txt"}), True),
    ],
)
def test_overlap(first: object, second: object, overlap: bool) -> None:
    assert s3_notifications.overlaps(first, second) is overlap  # type: ignore[arg-type]
