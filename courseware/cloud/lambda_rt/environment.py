"""The environment a handler process sees: Lambda's variables, the function's own, no real credentials."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from courseware.cloud.endpoint import Endpoint, sandbox_env
from courseware.cloud.lambda_rt.interpreters import Interpreter
from courseware.cloud.xray.daemon import handler_env as xray_env

# Set by Lambda itself; a function's own variables cannot override them.
RESERVED = {
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
    "AWS_ENDPOINT_URL",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_PROFILE",
}


def _role_env(fn: Any) -> dict[str, str]:
    """The execution role's temporary key (STS AssumeRole) when IAM is enforced, else nothing."""
    from courseware.cloud.iam import credentials, mode

    return credentials.assume_execution_role(fn).as_env() if mode.enforced() else {}


def handler_env(
    fn: Any,
    endpoint: Endpoint,
    interpreter: Interpreter,
    task_root: Path,
    log_stream: str,
    sdk_layer: Path | None,
) -> dict[str, str]:
    """Build the worker's environment for function ``fn`` (a moto LambdaFunction)."""
    own = {
        str(k): str(v)
        for k, v in (fn.environment_vars or {}).items()
        if str(k) not in RESERVED and not str(k).startswith("AWS_")
    }
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "HOME", "TMPDIR"}}
    from courseware.cloud.accounts import credentials_for

    env = sandbox_env(endpoint, base, credentials_for(str(fn.account_id)))
    env.update(own)
    env.update(
        _HANDLER=str(fn.handler or ""),
        AWS_EXECUTION_ENV=f"AWS_Lambda_{fn.run_time}",
        AWS_LAMBDA_FUNCTION_NAME=str(fn.function_name),
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE=str(fn.memory_size),
        AWS_LAMBDA_FUNCTION_VERSION=str(fn.version),
        AWS_LAMBDA_INITIALIZATION_TYPE="on-demand",
        AWS_LAMBDA_LOG_GROUP_NAME=str(fn.logs_group_name),
        AWS_LAMBDA_LOG_STREAM_NAME=log_stream,
        AWS_SESSION_TOKEN="courseware-dummy-session-token",
        LAMBDA_TASK_ROOT=str(task_root),
        LAMBDA_RUNTIME_DIR=str(Path(__file__).resolve().parent),
        TZ=":UTC",
        COURSEWARE_RUNTIME_NOTES=json.dumps(interpreter.notes),
    )
    env.update(xray_env())  # AWS_XRAY_DAEMON_ADDRESS for the X-Ray SDK
    env.update(_role_env(fn))
    if interpreter.family == "python":
        env["COURSEWARE_AS_LIMIT_MB"] = str(int(fn.memory_size) + 1024)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        if sdk_layer is not None:
            env["COURSEWARE_RUNTIME_PATH"] = str(sdk_layer)
    else:
        env["NODE_PATH"] = str(task_root / "node_modules")
    return env
