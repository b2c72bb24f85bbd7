"""The S3 console's pure rules: bucket names, object rows, previews, notification requests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.s3 import s3_model as m


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("pipeline-uploads", True),
        ("a.b-c", True),
        ("ab", False),
        ("Uploads", False),
        ("under_score", False),
        ("-starts-with-hyphen", False),
        ("two..dots", False),
        ("192.168.1.1", False),
        ("xn--punycode", False),
        ("x" * 64, False),
    ],
)
def test_bucket_names(name: str, ok: bool) -> None:
    assert (m.bucket_name_problem(name) is None) is ok


def test_object_rows_show_folders_first_and_names_below_the_prefix() -> None:
    when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    listing = {
        "CommonPrefixes": [{"Prefix": "incoming/2026/"}],
        "Contents": [
            {"Key": "incoming/", "Size": 0, "LastModified": when},
            {"Key": "incoming/notes.txt", "Size": 2048, "LastModified": when},
        ],
    }
    assert m.object_rows(listing, "incoming/") == [
        ("incoming/2026/", "2026/", "folder", ""),
        ("incoming/notes.txt", "notes.txt", "2.0 KB", "2026-01-02 03:04:05"),
    ]


def test_sizes_and_parent_folders() -> None:
    assert [m.human_size(n) for n in (0, 1023, 1536, 5 * 1024**3)] == [
        "0 B",
        "1023 B",
        "1.5 KB",
        "5.0 GB",
    ]
    assert m.parent_prefix("a/b/") == "a/"
    assert m.parent_prefix("a/") == ""
    assert m.parent_prefix("") == ""


def test_text_preview_refuses_large_and_binary_objects() -> None:
    assert m.text_preview("héllo".encode(), 6) == "héllo"
    with pytest.raises(FormError, match="64 KB"):
        m.text_preview(b"x", m.MAX_VIEW_BYTES + 1)
    with pytest.raises(FormError, match="UTF-8"):
        m.text_preview(b"\xff\xfe\x00", 3)
    with pytest.raises(FormError, match="binary"):
        m.text_preview(b"a\x00b", 3)


def test_upload_paths_and_keys(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    assert m.local_path("notes.txt", tmp_path) == tmp_path / "notes.txt"
    assert m.local_path("$LABS/s3-pipeline/notes.txt", tmp_path).is_file()
    assert m.local_path("labs/s3-pipeline/notes.txt", tmp_path).is_file(), "found beside labs/"
    assert m.upload_key("incoming/", "", Path("/x/notes.txt")) == "incoming/notes.txt"
    assert m.upload_key("incoming/", " other/key.txt ", Path("/x/notes.txt")) == "other/key.txt"


def test_a_lambda_notification_with_prefix_and_suffix() -> None:
    form = m.NotificationForm("lambda", "transform", prefix="incoming/", suffix=".txt", name="t")
    listed, entry = m.notification_entry(form, "us-east-1", "123456789012")
    assert listed == "LambdaFunctionConfigurations"
    assert entry == {
        "LambdaFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:transform",
        "Events": ["s3:ObjectCreated:*"],
        "Id": "t",
        "Filter": {
            "Key": {
                "FilterRules": [
                    {"Name": "prefix", "Value": "incoming/"},
                    {"Name": "suffix", "Value": ".txt"},
                ]
            }
        },
    }


def test_an_sqs_notification_without_a_filter() -> None:
    form = m.NotificationForm("sqs", "events", events=["s3:ObjectRemoved:*"])
    listed, entry = m.notification_entry(form, "us-east-1", "111122223333")
    assert listed == "QueueConfigurations"
    assert entry == {
        "QueueArn": "arn:aws:sqs:us-east-1:111122223333:events",
        "Events": ["s3:ObjectRemoved:*"],
    }


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (m.NotificationForm("lambda", ""), "Choose the Lambda function"),
        (m.NotificationForm("lambda", "f", events=[]), "at least one event"),
        (m.NotificationForm("ftp", "f"), "destination type"),
        (m.NotificationForm("lambda", "f", prefix=" in/"), "space"),
    ],
)
def test_bad_notification_forms(form: m.NotificationForm, message: str) -> None:
    with pytest.raises(FormError, match=message):
        m.notification_entry(form, "us-east-1", "123456789012")


FOUND = {
    "ResponseMetadata": {"HTTPStatusCode": 200},
    "QueueConfigurations": [
        {"QueueArn": "arn:aws:sqs:us-east-1:1:q", "Events": ["s3:ObjectCreated:*"]}
    ],
    "LambdaFunctionConfigurations": [
        {
            "Id": "a",
            "LambdaFunctionArn": "arn:aws:lambda:us-east-1:1:function:f",
            "Events": ["s3:ObjectCreated:Put"],
            "Filter": {"Key": {"FilterRules": [{"Name": "Prefix", "Value": "in/"}]}},
        }
    ],
}


def test_adding_keeps_the_rest_of_the_configuration() -> None:
    entry = {
        "LambdaFunctionArn": "arn:aws:lambda:us-east-1:1:function:g",
        "Events": ["s3:ObjectRemoved:*"],
    }
    config = m.with_notification(FOUND, "LambdaFunctionConfigurations", entry)
    assert "ResponseMetadata" not in config
    assert config["QueueConfigurations"] == FOUND["QueueConfigurations"]
    assert [c["LambdaFunctionArn"][-1] for c in config["LambdaFunctionConfigurations"]] == [
        "f",
        "g",
    ]
    assert len(FOUND["LambdaFunctionConfigurations"]) == 1, "the answer read is not changed"


def test_rows_and_removing_one() -> None:
    rows = m.notification_rows(FOUND)
    assert rows == [
        (
            "LambdaFunctionConfigurations#0",
            ("a", "Lambda function", "f", "s3:ObjectCreated:Put", "prefix in/"),
        ),
        ("QueueConfigurations#0", ("", "SQS queue", "q", "s3:ObjectCreated:*", "all objects")),
    ]
    config = m.without_notification(FOUND, "LambdaFunctionConfigurations#0")
    assert config == {"QueueConfigurations": FOUND["QueueConfigurations"]}
    assert m.without_notification({}, "QueueConfigurations#0") == {}


def test_the_permission_s3_needs_names_the_bucket_and_the_account() -> None:
    assert m.s3_permission("transform", "pipeline-uploads", "123456789012") == {
        "FunctionName": "transform",
        "StatementId": "s3-pipeline-uploads",
        "Action": "lambda:InvokeFunction",
        "Principal": "s3.amazonaws.com",
        "SourceArn": "arn:aws:s3:::pipeline-uploads",
        "SourceAccount": "123456789012",
    }
