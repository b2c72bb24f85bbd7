"""Lambda deployment packages as the console sees them: runtimes, starter code, zip ⇄ files.

Pure helpers (no UI, no cloud) shared by the create form and the Code tab.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

PYTHON_RUNTIMES = ("python3.13", "python3.12", "python3.11", "python3.10", "python3.9")
NODE_RUNTIMES = ("nodejs22.x", "nodejs20.x")
RUNTIMES = PYTHON_RUNTIMES + NODE_RUNTIMES

PYTHON_HANDLER = "lambda_function.lambda_handler"
NODE_HANDLER = "index.handler"

_PYTHON_HELLO = """import json


def lambda_handler(event, context):
    # TODO implement
    return {
        "statusCode": 200,
        "body": json.dumps("Hello from Lambda!"),
    }
"""

_NODE_HELLO = """export const handler = async (event) => {
  // TODO implement
  const response = {
    statusCode: 200,
    body: JSON.stringify('Hello from Lambda!'),
  };
  return response;
};
"""

# Files the console shows as text; anything else in a package is listed but not editable.
_TEXT_SUFFIXES = {".py", ".js", ".mjs", ".cjs", ".json", ".txt", ".md", ".yaml", ".yml", ".cfg"}


def is_node(runtime: str) -> bool:
    """Whether ``runtime`` is a Node.js runtime."""
    return runtime.startswith("nodejs")


def default_handler(runtime: str) -> str:
    """The console's default handler for ``runtime``."""
    return NODE_HANDLER if is_node(runtime) else PYTHON_HANDLER


def hello_world(runtime: str) -> dict[str, str]:
    """The console's "Hello from Lambda" package for ``runtime``: file name → source."""
    if is_node(runtime):
        return {"index.mjs": _NODE_HELLO}
    return {"lambda_function.py": _PYTHON_HELLO}


def build_zip(texts: dict[str, str], binaries: dict[str, bytes] | None = None) -> bytes:
    """A deployment package holding ``texts`` (name → source) and ``binaries`` (name → bytes)."""
    files = {name: text.encode("utf-8") for name, text in texts.items()}
    files.update(binaries or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


class PackageError(Exception):
    """The bytes are not a deployment package the console can open."""


@dataclass
class Package:
    """An opened deployment package: editable text files and the other files, kept as bytes."""

    texts: dict[str, str] = field(default_factory=dict)
    binaries: dict[str, bytes] = field(default_factory=dict)

    def to_zip(self) -> bytes:
        """The package as zip bytes."""
        return build_zip(self.texts, self.binaries)


def read_zip(data: bytes) -> Package:
    """Open a package.

    Raises:
        PackageError: ``data`` is not a zip file.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise PackageError(f"not a zip file ({exc})") from None
    package = Package()
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            raw = archive.read(info)
            if PurePosixPath(info.filename).suffix.lower() in _TEXT_SUFFIXES:
                try:
                    package.texts[info.filename] = raw.decode("utf-8")
                    continue
                except UnicodeDecodeError:
                    pass
            package.binaries[info.filename] = raw
    return package


def handler_file(handler: str, names: list[str]) -> str | None:
    """The file that holds ``handler`` (``module.function``) among ``names``, if any."""
    module = handler.rpartition(".")[0]
    for suffix in (".py", ".mjs", ".js", ".cjs"):
        if module + suffix in names:
            return module + suffix
    return None


def language_for(name: str) -> str | None:
    """TextArea language for a file name (None: plain text)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".py":
        return "python"
    if suffix in {".js", ".mjs", ".cjs"}:
        return "javascript"
    if suffix == ".json":
        return "json"
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    return None
