"""Run the installed AWS CLI against the embedded cloud (like LocalStack's awslocal).

awscli v1 ignores ``AWS_ENDPOINT_URL``, so the endpoint goes on the command
line; the environment is the sandbox one, so real credentials never leak in.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from courseware.cloud.endpoint import REGION, Endpoint, sandbox_env


class AwsCliMissingError(Exception):
    """No ``aws`` executable could be found."""

    def __init__(self) -> None:
        super().__init__(
            "the AWS CLI is not installed (no `aws` next to this Python or on PATH); "
            "install it with `pip install awscli` or see "
            "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
        )


def find_aws() -> str:
    """The ``aws`` executable: the one beside this interpreter first, then PATH.

    Raises:
        AwsCliMissingError: there is none.
    """
    beside = Path(sys.executable).parent / "aws"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("aws")
    if found is None:
        raise AwsCliMissingError()
    return found


@functools.lru_cache(maxsize=4)
def major_version(executable: str) -> int:
    """1 or 2: the AWS CLI's major version (``aws --version`` prints ``aws-cli/2.x …``)."""
    try:
        out = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return 1
    text = out.stdout + out.stderr
    return 2 if text.startswith("aws-cli/2") else 1


def aws_argv(endpoint: Endpoint, args: Sequence[str]) -> list[str]:
    """The full command line for ``aws args…`` against ``endpoint``.

    awscli v2 reads blob arguments such as ``--payload`` as base64 unless told otherwise;
    the labs (and v1) pass raw JSON, so v2 gets ``--cli-binary-format raw-in-base64-out``.
    """
    aws = find_aws()
    argv = [aws, "--endpoint-url", endpoint.url]
    if "--region" not in args:
        argv += ["--region", REGION]
    if "--cli-binary-format" not in args and major_version(aws) == 2:
        argv += ["--cli-binary-format", "raw-in-base64-out"]
    return argv + list(args)


def run_aws(
    endpoint: Endpoint,
    args: Sequence[str],
    *,
    capture: bool = False,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``aws args…`` against the cloud; output captured when asked."""
    return subprocess.run(
        aws_argv(endpoint, args),
        env=sandbox_env(endpoint),
        text=True,
        capture_output=capture,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL if capture else None,
    )
