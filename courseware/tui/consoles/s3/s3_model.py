"""Pure helpers for the S3 console: bucket names, object rows, text previews, notifications.

Nothing here imports Textual; the screens turn these into requests and rows.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from courseware.paths import project_root
from courseware.tui.consoles.common.form_fields import FormError

MAX_VIEW_BYTES = 64 * 1024  # "a small text object": larger ones are downloaded, not shown
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_IP = re.compile(r"^\d+\.\d+\.\d+\.\d+$")
DESTINATIONS = {
    "lambda": ("LambdaFunctionConfigurations", "LambdaFunctionArn", "Lambda function"),
    "sqs": ("QueueConfigurations", "QueueArn", "SQS queue"),
    "sns": ("TopicConfigurations", "TopicArn", "SNS topic"),
}
EVENT_CHOICES = (
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
)


def bucket_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a bucket (S3's general purpose bucket rules), or None."""
    if not name:
        return "Enter a bucket name."
    if not _BUCKET.match(name):
        return "3–63 characters: lower-case letters, digits, dots and hyphens; start and end with a letter or digit."
    if ".." in name or _IP.match(name):
        return "No two dots in a row, and not an IP address."
    if name.startswith("xn--") or name.endswith("-s3alias"):
        return "Names may not start with xn-- or end with -s3alias."
    return None


def human_size(size: int) -> str:
    """``size`` bytes as the console shows it (B, KB, MB, GB with one decimal)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def object_rows(listing: dict[str, Any], prefix: str) -> list[tuple[str, str, str, str]]:
    """(key, shown name, size, last modified) of a ListObjectsV2 page: folders first."""
    rows: list[tuple[str, str, str, str]] = []
    for common in listing.get("CommonPrefixes", []):
        folder = str(common.get("Prefix", ""))
        rows.append((folder, folder.removeprefix(prefix), "folder", ""))
    for item in listing.get("Contents", []):
        key = str(item.get("Key", ""))
        if key == prefix:  # the folder's own marker object
            continue
        modified = item.get("LastModified")
        shown = modified.strftime("%Y-%m-%d %H:%M:%S") if hasattr(modified, "strftime") else ""
        rows.append((key, key.removeprefix(prefix), human_size(int(item.get("Size", 0))), shown))
    return rows


def parent_prefix(prefix: str) -> str:
    """The folder above ``prefix`` ("a/b/" → "a/", "a/" → "")."""
    trimmed = prefix.rstrip("/")
    return trimmed.rsplit("/", 1)[0] + "/" if "/" in trimmed else ""


def text_preview(data: bytes, size: int) -> str:
    """The object's text for viewing.

    Raises:
        FormError: too large, or not UTF-8 text (download it instead).
    """
    if size > MAX_VIEW_BYTES:
        raise FormError(
            f"The object is {human_size(size)}: only text up to 64 KB is shown. Download it."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError("The object is not UTF-8 text: download it instead.") from None
    if "\x00" in text:
        raise FormError("The object is binary: download it instead.")
    return text


def local_path(text: str, cwd: Path | None = None) -> Path:
    """The file the learner means: ``$LABS``/``~`` expanded, relative to ``cwd``, else beside labs/."""
    labs = project_root() / "labs"
    cleaned = text.strip().replace("${LABS}", str(labs)).replace("$LABS", str(labs))
    path = Path(os.path.expanduser(cleaned.removeprefix("file://").removeprefix("fileb://")))
    if path.is_absolute():
        return path
    here = (cwd or Path.cwd()) / path
    packaged = project_root() / path
    return here if here.exists() or not packaged.exists() else packaged


def upload_key(prefix: str, key_text: str, path: Path) -> str:
    """The key an upload gets: what the learner typed, else the folder plus the file's name."""
    key = key_text.strip()
    return key if key else prefix + path.name


@dataclass
class NotificationForm:
    """What the learner typed into the add-notification form."""

    kind: str  # "lambda", "sqs" or "sns"
    target: str  # a function name or ARN, a queue name or ARN, a topic ARN
    events: list[str] = field(default_factory=lambda: ["s3:ObjectCreated:*"])
    prefix: str = ""
    suffix: str = ""
    name: str = ""


def target_arn(kind: str, target: str, region: str, account: str) -> str:
    """The destination's ARN from a name or an ARN."""
    if target.startswith("arn:"):
        return target
    service = {"lambda": "lambda", "sqs": "sqs", "sns": "sns"}[kind]
    middle = "function:" if kind == "lambda" else ""
    return f"arn:aws:{service}:{region}:{account}:{middle}{target}"


def notification_entry(
    form: NotificationForm, region: str, account: str
) -> tuple[str, dict[str, Any]]:
    """(configuration list name, entry) for ``form``.

    Raises:
        FormError: no destination, no event, or a filter value with spaces at its ends.
    """
    if form.kind not in DESTINATIONS:
        raise FormError("Choose a destination type: Lambda function, SQS queue or SNS topic.")
    listed, arn_field, label = DESTINATIONS[form.kind]
    if not form.target.strip():
        raise FormError(f"Choose the {label}.")
    if not form.events:
        raise FormError("Choose at least one event type, e.g. s3:ObjectCreated:*.")
    entry: dict[str, Any] = {
        arn_field: target_arn(form.kind, form.target.strip(), region, account),
        "Events": list(form.events),
    }
    if form.name.strip():
        entry["Id"] = form.name.strip()
    rules = [
        {"Name": name, "Value": value}
        for name, value in (("prefix", form.prefix), ("suffix", form.suffix))
        if value
    ]
    if any(r["Value"] != r["Value"].strip() for r in rules):
        raise FormError("A prefix or suffix must not start or end with a space.")
    if rules:
        entry["Filter"] = {"Key": {"FilterRules": rules}}
    return listed, entry


def current_configuration(found: dict[str, Any]) -> dict[str, Any]:
    """GetBucketNotificationConfiguration's answer as a Put request's configuration."""
    return {
        name: list(found[name])
        for name in (*(d[0] for d in DESTINATIONS.values()), "EventBridgeConfiguration")
        if found.get(name)
    }


def with_notification(found: dict[str, Any], listed: str, entry: dict[str, Any]) -> dict[str, Any]:
    """The whole configuration with ``entry`` added (S3's Put replaces all of it)."""
    config = current_configuration(found)
    config.setdefault(listed, []).append(entry)
    return config


def without_notification(found: dict[str, Any], row_key: str) -> dict[str, Any]:
    """The whole configuration without the entry of ``row_key`` (see :func:`notification_rows`)."""
    listed, _, index = row_key.partition("#")
    config = current_configuration(found)
    entries = config.get(listed, [])
    if index.isdigit() and int(index) < len(entries):
        entries.pop(int(index))
    if listed in config and not entries:
        del config[listed]
    return config


def filter_text(entry: dict[str, Any]) -> str:
    """An entry's key filter as "prefix incoming/ · suffix .txt" (or "all objects")."""
    rules = entry.get("Filter", {}).get("Key", {}).get("FilterRules", [])
    shown = [f"{str(r.get('Name', '')).lower()} {r.get('Value', '')}" for r in rules]
    return " · ".join(shown) or "all objects"


def notification_rows(found: dict[str, Any]) -> list[tuple[str, tuple[str, str, str, str, str]]]:
    """(row key, (name, destination type, destination, events, filter)) per configuration."""
    rows: list[tuple[str, tuple[str, str, str, str, str]]] = []
    for listed, arn_field, label in DESTINATIONS.values():
        for index, entry in enumerate(found.get(listed, [])):
            arn = str(entry.get(arn_field, ""))
            rows.append(
                (
                    f"{listed}#{index}",
                    (
                        str(entry.get("Id", "")),
                        label,
                        arn.rsplit(":", 1)[-1],
                        ", ".join(entry.get("Events", [])),
                        filter_text(entry),
                    ),
                )
            )
    return rows


def s3_permission(function: str, bucket: str, account: str) -> dict[str, str]:
    """The AddPermission request that lets S3 invoke ``function`` for ``bucket`` of ``account``."""
    return {
        "FunctionName": function,
        "StatementId": f"s3-{bucket}"[:100],
        "Action": "lambda:InvokeFunction",
        "Principal": "s3.amazonaws.com",
        "SourceArn": f"arn:aws:s3:::{bucket}",
        "SourceAccount": account,
    }
