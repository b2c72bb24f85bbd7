"""The install's secret: one random key, kept 0600 in the data dir, never given to handlers.

Each use derives its own key from it (``key("code-location")``, ``key("state")``) so a leak of
one derived key does not reveal another. The file is created on first use with ``O_EXCL`` and
mode 0600; handlers never see it (they run in a sandbox without the data dir).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from courseware.paths import data_dir

FILE_NAME = "install.key"
KEY_BYTES = 32


class SecretError(RuntimeError):
    """The install key exists but cannot be used (wrong size, unreadable)."""


def key_path(folder: Path | None = None) -> Path:
    """Where the install key lives (``<data dir>/install.key`` unless told otherwise)."""
    return (folder if folder is not None else data_dir()) / FILE_NAME


def install_key(folder: Path | None = None) -> bytes:
    """The install's root key, created 0600 on first use."""
    path = key_path(folder)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raw = path.read_bytes()
        if len(raw) != KEY_BYTES:
            raise SecretError(
                f"{path}: expected a {KEY_BYTES}-byte key, found {len(raw)} bytes; "
                "delete the file to make a new one (saved state and code links then stop verifying)"
            ) from None
        return raw
    raw = secrets.token_bytes(KEY_BYTES)
    with os.fdopen(fd, "wb") as out:
        out.write(raw)
    return raw


def key(purpose: str, folder: Path | None = None) -> bytes:
    """A key for one purpose, derived from the install key (HMAC-SHA256)."""
    return hmac.new(install_key(folder), purpose.encode("utf-8"), hashlib.sha256).digest()


def sign(purpose: str, data: bytes, folder: Path | None = None) -> str:
    """The hex HMAC-SHA256 of ``data`` under ``key(purpose)``."""
    return hmac.new(key(purpose, folder), data, hashlib.sha256).hexdigest()


def verify(purpose: str, data: bytes, signature: str, folder: Path | None = None) -> bool:
    """Whether ``signature`` is ``sign(purpose, data)``, compared in constant time."""
    return hmac.compare_digest(sign(purpose, data, folder), signature)


__all__ = ["SecretError", "install_key", "key", "key_path", "sign", "verify"]
