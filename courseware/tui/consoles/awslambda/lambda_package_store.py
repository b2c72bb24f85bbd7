"""Getting a function's deployment package back, for the console's Code tab.

Lambda's ``GetFunction`` answers with ``Code.Location``, a URL to download the
package. When that URL is on loopback (the embedded cloud serves it) the console
downloads it. Otherwise (moto answers with an S3 URL that leads nowhere offline)
the console looks in two local places, by the function's ``CodeSha256``:

* the packages the console itself deployed (kept under ``data_dir()/lambda-console``);
* the folder where the embedded Lambda runtime unpacked the package when it last ran.

Blocking I/O: call from a worker thread.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from courseware.cloud.endpoint import is_loopback
from courseware.paths import data_dir
from courseware.tui.consoles.awslambda.lambda_code import Package, PackageError, build_zip, read_zip


class PackageUnavailable(Exception):
    """The package cannot be fetched; the message says what the learner can do."""


def code_sha256(data: bytes) -> str:
    """Lambda's ``CodeSha256`` of package bytes (base64 of the SHA-256 digest)."""
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def _cache_dir() -> Path:
    return data_dir() / "lambda-console" / "packages"


def _cache_name(sha: str) -> str:
    return sha.replace("/", "_").replace("+", "-").rstrip("=") + ".zip"


def remember(data: bytes) -> str:
    """Keep a package the console deployed; returns its ``CodeSha256``."""
    sha = code_sha256(data)
    folder = _cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / _cache_name(sha)).write_bytes(data)
    return sha


def _download(location: str) -> bytes | None:
    host = urlparse(location).hostname or ""
    if not is_loopback(host):
        return None
    try:
        with urllib.request.urlopen(location, timeout=10) as response:
            data: bytes = response.read()
    except OSError:
        return None
    return data


def _from_runtime(function_name: str, sha: str) -> bytes | None:
    """Zip the folder the embedded runtime unpacked this exact package into, if it exists."""
    try:
        digest = base64.b64decode(sha, validate=True).hex()
    except (binascii.Error, ValueError):
        return None
    folder = data_dir() / "lambda" / function_name / digest[:32]
    if not folder.is_dir():
        return None
    texts: dict[str, str] = {}
    binaries: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink() or "node_modules" in path.parts:
            continue
        if "__pycache__" in path.parts:
            continue
        name = path.relative_to(folder).as_posix()
        raw = path.read_bytes()
        try:
            texts[name] = raw.decode("utf-8")
        except UnicodeDecodeError:
            binaries[name] = raw
    return build_zip(texts, binaries)


def fetch(function_name: str, location: str, sha: str) -> Package:
    """The function's current package.

    Raises:
        PackageUnavailable: no copy can be found (message explains the way out).
    """
    data = _download(location) if location else None
    if data is None:
        cached = _cache_dir() / _cache_name(sha)
        data = cached.read_bytes() if cached.is_file() else _from_runtime(function_name, sha)
    if data is None:
        raise PackageUnavailable(
            "This function's code was deployed outside the console and has not run yet, so "
            "the console has no copy to show. Test it once, or upload a .zip."
        )
    try:
        return read_zip(data)
    except PackageError as exc:
        raise PackageUnavailable(f"The deployment package cannot be opened: {exc}") from None
