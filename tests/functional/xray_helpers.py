"""Packaging the AWS X-Ray SDK with a handler, and a role a traced function needs."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import aws_xray_sdk
import wrapt

from tests.functional.lambda_helpers import grant, make_role


def sdk_package(tmp: Path, handler: str) -> bytes:
    """``handler`` as app.py plus the X-Ray SDK and wrapt, packaged with the function as on AWS."""
    package = tmp / "function.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("app.py", handler)
        for module in (aws_xray_sdk, wrapt):
            root = Path(str(module.__file__)).parent
            for path in root.rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts:
                    archive.write(path, str(Path(root.name) / path.relative_to(root)))
    return package.read_bytes()


def traced_role(iam: Any, name: str, *actions: str) -> str:
    """A role with what AWS requires: logs, sending trace segments, and ``actions``."""
    arn = make_role(iam, name)
    iam.attach_role_policy(
        RoleName=name, PolicyArn="arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
    )
    if actions:
        grant(iam, name, list(actions), ["*"])
    return arn
