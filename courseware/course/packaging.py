"""Deterministic deployment packages built from a lab's starter/solution folders."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

from courseware.paths import data_dir

_EPOCH = (2020, 1, 1, 0, 0, 0)


def zip_bytes(folder: Path) -> bytes:
    """A zip of ``folder``'s files, identical bytes every time (fixed dates, sorted names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), _EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def build_dir(lab_id: str) -> Path:
    """A lab's writable build folder under the data dir (packaged templates, made once)."""
    folder = data_dir() / "build" / lab_id
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def zip_file(folder: Path, name: str) -> Path:
    """Write ``folder``'s zip under the data dir and return its path."""
    target = data_dir() / "build" / f"{name}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(zip_bytes(folder))
    return target


def code_sha256(folder: Path) -> str:
    """Lambda's CodeSha256 (base64 of SHA-256) of ``folder``'s package."""
    return base64.b64encode(hashlib.sha256(zip_bytes(folder)).digest()).decode("ascii")
