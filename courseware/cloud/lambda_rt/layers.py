"""A function's layers, unpacked once per content hash, in the order the function lists them.

Lambda extracts layers into ``/opt``; here each layer version gets its own read-only folder
and the worker is handed the list (:func:`layer_env` turns it into the search paths Lambda
sets: ``python`` and ``python/lib/python3.x/site-packages`` for Python, ``nodejs/node_modules``
for Node.js, ``bin`` on ``PATH``). A later layer wins over an earlier one, as when Lambda
extracts them in order over each other. Limits as AWS: 5 layers, 250 MB unzipped with the
function's own code.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from courseware.paths import data_dir

MAX_LAYERS = 5
MAX_UNZIPPED_BYTES = 262_144_000


class LayerError(Exception):
    """The function's layers cannot be applied (AWS's message)."""


def _unzipped_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def _unpack(data: bytes) -> Path:
    root = data_dir() / "lambda" / ".layers"
    target = root / hashlib.sha256(data).hexdigest()[:32]
    if target.is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root, prefix=".unpack-"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(staging)
    try:
        staging.rename(target)
    except OSError:  # another worker unpacked it first
        shutil.rmtree(staging, ignore_errors=True)
    return target


def layer_dirs(fn: Any) -> list[Path]:
    """The unpacked folders of ``fn``'s layers (a moto LambdaFunction), in its order.

    Raises:
        LayerError: more than five layers, or too large unzipped with the function.
    """
    from moto.awslambda.models import lambda_backends

    listed = list(getattr(fn, "layers", None) or [])
    if not listed:
        return []
    if len(listed) > MAX_LAYERS:
        raise LayerError("Cannot reference more than 5 layers.")
    backend = lambda_backends[fn.account_id][fn.region]
    versions = [backend.layers_versions_by_arn(str(layer["Arn"])) for layer in listed]
    total = _unzipped_size(fn.code_bytes) if fn.code_bytes else 0
    blobs = []
    for version in versions:
        if version is None or not getattr(version, "code_bytes", None):
            continue
        total += _unzipped_size(version.code_bytes)
        blobs.append(version.code_bytes)
    if total > MAX_UNZIPPED_BYTES:
        raise LayerError(
            "Function code combined with layers exceeds the maximum allowed size of "
            f"{MAX_UNZIPPED_BYTES} bytes. The actual size is {total} bytes."
        )
    return [_unpack(blob) for blob in blobs]


def layer_env(family: str, runtime: str, folders: list[Path]) -> dict[str, str]:
    """Search-path entries for the worker: ``COURSEWARE_LAYER_PATH``, ``NODE_PATH``, ``PATH``.

    Each value is a list of folders (os.pathsep-joined) to put first, the last layer first.
    Python gets every ``python/lib/<runtime>/site-packages`` and then every ``python``, the
    order of ``sys.path`` in Lambda's Python runtimes (the runtime's version, not the
    interpreter's, names the folder, as the layer was built for it).
    """
    if not folders:
        return {}
    newest_first = list(reversed(folders))
    env: dict[str, str] = {"PATH": os.pathsep.join(str(f / "bin") for f in newest_first)}
    if family == "python":
        site = [f / "python" / "lib" / runtime / "site-packages" for f in newest_first]
        paths = [*site, *(f / "python" for f in newest_first)]
        env["COURSEWARE_LAYER_PATH"] = os.pathsep.join(map(str, paths))
    else:
        env["NODE_PATH"] = os.pathsep.join(str(f / "nodejs" / "node_modules") for f in newest_first)
    return env


_original: dict[str, Any] = {}


class LayersHookError(RuntimeError):
    """moto moved ``LambdaFunction._get_layers_data``; pin moto or update this module."""


def _checked_layers(self: Any, layer_arns: list[str]) -> Any:
    from moto.awslambda.exceptions import InvalidParameterValueException

    if len(layer_arns) > MAX_LAYERS:
        raise InvalidParameterValueException("Cannot reference more than 5 layers.")
    return _original["_get_layers_data"](self, layer_arns)


def install() -> None:
    """Refuse more than five layers at CreateFunction / UpdateFunctionConfiguration, as AWS."""
    from moto.awslambda.models import LambdaFunction

    if "_get_layers_data" in _original:
        return
    if not callable(getattr(LambdaFunction, "_get_layers_data", None)):
        raise LayersHookError("moto's LambdaFunction._get_layers_data is gone; update layers.py")
    _original["_get_layers_data"] = LambdaFunction._get_layers_data
    LambdaFunction._get_layers_data = _checked_layers


def started(endpoint: Any) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
