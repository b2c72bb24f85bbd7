"""Unpacking a function's deployment package once per code hash."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from moto.awslambda.exceptions import LambdaClientError

from courseware.cloud.lambda_rt import limits
from courseware.paths import data_dir

# Pure-Python packages the AWS Python runtimes include (boto3 and what it needs).
_SDK_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")


class BadPackage(Exception):
    """The deployment package is not a readable zip file."""


def functions_root() -> Path:
    """The folder holding every function's unpacked code."""
    return data_dir() / "lambda"


def function_root(function_name: str) -> Path:
    """One function's folder (its unpacked versions and its workers' scratch folders).

    Raises:
        BadPackage: the name is not a valid Lambda function name (no path can escape).
    """
    if not limits.NAME_PATTERN.fullmatch(function_name) or len(function_name) > limits.NAME_MAX:
        raise BadPackage(f"invalid function name {function_name!r}")
    return functions_root() / function_name


def forget(function_name: str) -> None:
    """Delete a deleted function's unpacked code and scratch folders."""
    with contextlib.suppress(BadPackage):
        shutil.rmtree(function_root(function_name), ignore_errors=True)


def code_dir(function_name: str, zip_bytes: bytes) -> Path:
    """The folder holding the unpacked package (unpacked on first use).

    Raises:
        BadPackage: the bytes are not a valid zip.
    """
    root = function_root(function_name)
    target = root / hashlib.sha256(zip_bytes).hexdigest()[:32]
    if target.is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root, prefix=".unpack-"))
    try:
        if zip_bytes:
            limits.extract(zip_bytes, staging)
        try:
            staging.rename(target)
        except OSError:  # another invoke unpacked it first
            shutil.rmtree(staging, ignore_errors=True)
    except (zipfile.BadZipFile, ValueError, OSError, LambdaClientError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BadPackage(f"Could not unzip uploaded file: {exc}") from None
    return target


def node_sdk() -> Path | None:
    """The AWS SDK for JavaScript v3 installed by ``make`` (or ``$COURSEWARE_NODE_SDK``), if any."""
    override = os.environ.get("COURSEWARE_NODE_SDK")
    folder = Path(override) if override else Path(sys.prefix) / "lambda-node-sdk" / "node_modules"
    return folder if (folder / "@aws-sdk").is_dir() else None


def link_node_sdk(task_root: Path) -> None:
    """Let ESM and CommonJS handlers import ``@aws-sdk/*`` as in Lambda's Node.js runtimes.

    ESM resolution ignores NODE_PATH, so the SDK is linked as the package's ``node_modules``
    when the package brings none of its own.
    """
    sdk = node_sdk()
    link = task_root / "node_modules"
    if sdk is None or link.exists() or link.is_symlink():
        return
    with contextlib.suppress(OSError):  # another worker linked it first
        os.symlink(sdk, link)


def _sdk_sources() -> list[Path]:
    sources = []
    for name in _SDK_PACKAGES:
        module = sys.modules.get(name) or __import__(name)
        origin = Path(str(module.__file__))
        sources.append(origin.parent if origin.name == "__init__.py" else origin)
    return sources


def sdk_layer() -> Path:
    """A folder of links to boto3 and its pure-Python dependencies, for any interpreter.

    The folder is shared by every courseware of this user: one whose links do not all lead to
    this process's packages (an older or removed install, an interrupted build) is rebuilt.
    """
    layer = data_dir() / "lambda" / ".sdk" / f"py{sys.version_info[0]}{sys.version_info[1]}"
    sources = _sdk_sources()
    if layer.is_dir() and all(
        (layer / source.name).resolve() == source.resolve() for source in sources
    ):
        return layer
    layer.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=layer.parent, prefix=".sdk-"))
    for source in sources:
        os.symlink(source, staging / source.name)
    stale = layer.with_name(f"{layer.name}.stale-{os.getpid()}")
    with contextlib.suppress(OSError):
        layer.rename(stale)  # out of the way (another process may have done it already)
    try:
        staging.rename(layer)
    except OSError:  # another process put a fresh one in place first
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(stale, ignore_errors=True)
    return layer
    layer.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=layer.parent, prefix=".sdk-"))
    for name in _SDK_PACKAGES:
        module = sys.modules.get(name) or __import__(name)
        origin = Path(str(module.__file__))
        source = origin.parent if origin.name == "__init__.py" else origin
        os.symlink(source, staging / source.name)
    try:
        staging.rename(layer)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
    return layer
