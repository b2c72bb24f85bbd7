"""What the Code tab uploads: a .zip, a folder or a single file, zipped for the learner (pure).

Paths may start with ``$LABS`` (the labs folder wherever the app is installed) or ``~``; a
relative path missing from the current folder is looked up beside ``labs/`` too, so a lab's
``labs/event-driven/starter/python`` works from any folder and from an installed wheel. A
classroom learner may upload only from their own folder and the labs (``file_roots``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from courseware.cloud.file_roots import OutsideRootsError
from courseware.cloud.file_roots import current as file_roots
from courseware.course.model import Course, Lab
from courseware.course.packaging import zip_bytes
from courseware.paths import project_root
from courseware.tui.consoles.awslambda.lambda_code import (
    Package,
    PackageError,
    build_zip,
    is_node,
    read_zip,
)


class UploadError(Exception):
    """What to upload cannot be read; the message names the path."""


@dataclass(frozen=True)
class Upload:
    """A package ready to deploy, and what the learner is told about it."""

    data: bytes
    package: Package
    source: Path
    kind: str  # "zip", "folder" or "file"

    def summary(self) -> str:
        """One line: where it came from and which files went in."""
        names = sorted([*self.package.texts, *self.package.binaries])
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        how = {"zip": ".zip", "folder": "folder, zipped", "file": "file, zipped"}[self.kind]
        return f"{self.source.name} ({how}, {len(self.data)} bytes): {shown or 'no files'}"


def resolve(path_text: str, cwd: Path | None = None) -> Path:
    """The path the learner means: ``$LABS``/``~`` expanded, labs files found where installed."""
    labs = project_root() / "labs"
    text = path_text.strip().replace("${LABS}", str(labs)).replace("$LABS", str(labs))
    text = text.removeprefix("fileb://").removeprefix("file://")
    path = Path(os.path.expanduser(text))
    if path.is_absolute():
        return path
    local = (cwd or Path.cwd()) / path
    packaged = project_root() / path
    return local if local.exists() or not packaged.exists() else packaged


def read_upload(path_text: str, cwd: Path | None = None) -> Upload:
    """The package at ``path_text``: a .zip as it is, a folder or another file zipped.

    Raises:
        UploadError: empty, missing, unreadable, or an empty folder.
    """
    if not path_text.strip():
        raise UploadError("Type the path of a .zip, a folder or a file (e.g. $LABS/…/starter).")
    roots = file_roots()  # a classroom learner: their own folder and the labs only
    path = resolve(path_text, roots.own if roots and cwd is None else cwd)
    try:
        if roots is not None:
            roots.check(path)
        if path.is_dir():
            if roots is not None:
                for inner in path.rglob("*"):  # a symlink inside may point elsewhere
                    roots.check(inner)
            data = zip_bytes(path)
            upload = Upload(data, read_zip(data), path, "folder")
            if not upload.package.texts and not upload.package.binaries:
                raise UploadError(f"The folder {path} holds no files.")
            return upload
        if not path.is_file():
            raise UploadError(f"No such file or folder: {path}")
        raw = path.read_bytes()
    except OutsideRootsError as exc:
        raise UploadError(f"Upload {exc}") from None
    except OSError as exc:
        raise UploadError(f"Cannot read {path}: {exc.strerror}") from None
    try:
        return Upload(raw, read_zip(raw), path, "zip")
    except PackageError:
        data = build_zip({}, {path.name: raw})
        return Upload(data, read_zip(data), path, "file")


def lab_for_function(course: Course, function_name: str) -> Lab | None:
    """The lab that has the learner create ``function_name``, if any."""
    for lab in course.labs:
        if any(r.type == "function" and r.name == function_name for r in lab.resources):
            return lab
    return None


def starter_folder(course: Course, function_name: str, runtime: str) -> Path:
    """The lab's starter code for ``function_name`` in ``runtime``'s language.

    ``starter/<language>/``, or ``starter/<function>/<language>/`` in a lab with several.

    Raises:
        UploadError: no lab creates this function, or it has no starter for the language.
    """
    lab = lab_for_function(course, function_name)
    if lab is None:
        raise UploadError(
            f"No lab creates a function named {function_name}: nothing to start from."
        )
    language = "node" if is_node(runtime) else "python"
    folder = lab.path / "starter" / language
    if (lab.path / "starter" / function_name).is_dir():  # a lab with several functions
        folder = lab.path / "starter" / function_name / language
    if not folder.is_dir():
        raise UploadError(f"The lab {lab.id} has no starter code at {folder}.")
    return folder
