"""The install key: created once, 0600, derived per purpose, refused when damaged."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from courseware.cloud import secrets


def test_key_is_created_once_private_and_stable(tmp_path: Path) -> None:
    first = secrets.key("state", tmp_path)
    mode = stat.S_IMODE(secrets.key_path(tmp_path).stat().st_mode)
    assert mode == 0o600
    assert secrets.key("state", tmp_path) == first
    assert secrets.key("code-location", tmp_path) != first


def test_signatures_verify_only_their_own_data_and_purpose(tmp_path: Path) -> None:
    signature = secrets.sign("state", b"payload", tmp_path)
    assert secrets.verify("state", b"payload", signature, tmp_path)
    assert not secrets.verify("state", b"payload!", signature, tmp_path)
    assert not secrets.verify("code-location", b"payload", signature, tmp_path)


def test_a_damaged_key_file_is_refused_by_name(tmp_path: Path) -> None:
    secrets.key_path(tmp_path).write_bytes(b"short")
    with pytest.raises(secrets.SecretError, match=r"install\.key"):
        secrets.key("state", tmp_path)
