"""How every part of courseware finds and talks to the embedded cloud.

The running cloud's address lives in a small JSON file in the data dir, written
by whoever started it (``courseware cloud`` or the app). Clients built here, and
every environment handed to a child process, carry the emulator's endpoint and
dummy credentials only, so nothing can reach a real AWS account.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from courseware.paths import data_dir

DEFAULT_PORT = 4566
LOOPBACK = "127.0.0.1"
REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
DUMMY_ACCESS_KEY = "testing"
DUMMY_SECRET_KEY = "testing"
ADDRESS_FILE = "cloud.json"
# A classroom learner's process carries their own account's key in these (set by `serve --class`).
KEY_ENV = "COURSEWARE_ACCESS_KEY_ID"
SECRET_ENV = "COURSEWARE_SECRET_ACCESS_KEY"
ACCOUNT_ENV = "COURSEWARE_ACCOUNT_ID"

# Variables that could point a client at a real account; never passed on.
_UNSAFE_PREFIXES = ("AWS_",)
_UNSAFE_NAMES = {"BOTO_CONFIG", "BOTO_PATH"}


SECRET_HEADER = "X-Courseware-Secret"  # the /moto-api secret (see cloud/guard.py)
_secrets: dict[str, str] = {}  # endpoint URL -> /moto-api secret of a cloud in this process


class EndpointError(Exception):
    """The cloud's address is missing, unreachable or not on loopback."""


@dataclass(frozen=True)
class Endpoint:
    """Where the embedded cloud listens."""

    host: str
    port: int

    @property
    def url(self) -> str:
        """The endpoint URL, e.g. ``http://127.0.0.1:4566``."""
        return f"http://{self.host}:{self.port}"

    @classmethod
    def from_url(cls, url: str) -> Endpoint:
        """Parse an endpoint URL, refusing anything that is not loopback.

        Raises:
            EndpointError: the URL is malformed or points off this machine.
        """
        parsed = urlparse(url)
        if parsed.scheme not in {"http", "https"} or not parsed.hostname or not parsed.port:
            raise EndpointError(f"not an endpoint URL: {url!r} (want http://127.0.0.1:PORT)")
        if not is_loopback(parsed.hostname):
            raise EndpointError(
                f"refusing endpoint {url!r}: courseware only talks to a cloud on loopback"
            )
        return cls(parsed.hostname, parsed.port)


@dataclass(frozen=True)
class Credentials:
    """An access key of the embedded cloud and the account it belongs to."""

    access_key: str = DUMMY_ACCESS_KEY
    secret_key: str = DUMMY_SECRET_KEY
    account_id: str = ACCOUNT_ID

    def as_env(self) -> dict[str, str]:
        """The ``COURSEWARE_*`` variables that hand these credentials to a child process."""
        return {KEY_ENV: self.access_key, SECRET_ENV: self.secret_key, ACCOUNT_ENV: self.account_id}


def credentials() -> Credentials:
    """This process's credentials: a classroom learner's own key, else the single user's dummy."""
    key, secret = os.environ.get(KEY_ENV), os.environ.get(SECRET_ENV)
    if key and secret:
        return Credentials(key, secret, os.environ.get(ACCOUNT_ENV) or ACCOUNT_ID)
    return Credentials()


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def address_path() -> Path:
    """The file where the running cloud writes its address."""
    return data_dir() / ADDRESS_FILE


def write_address(endpoint: Endpoint, pid: int | None = None) -> Path:
    """Record the running cloud's address for other courseware commands."""
    path = address_path()
    tmp = path.with_suffix(".tmp")
    record: dict[str, Any] = {"url": endpoint.url, "pid": pid or os.getpid()}
    if endpoint.url in _secrets:
        record["secret"] = _secrets[endpoint.url]
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(json.dumps(record))
    tmp.replace(path)
    return path


def register_secret(endpoint: Endpoint, secret: str) -> None:
    """Remember the /moto-api secret of a cloud this process runs."""
    _secrets[endpoint.url] = secret


def moto_api_headers(endpoint: Endpoint) -> dict[str, str]:
    """The header that lets courseware's own tools call ``/moto-api`` (reset, seeding).

    The secret comes from this process's own cloud, else from the address file (0600).
    """
    secret = _secrets.get(endpoint.url)
    if secret is None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            data = json.loads(address_path().read_text())
            if data.get("url") == endpoint.url:
                secret = str(data.get("secret", ""))
    return {SECRET_HEADER: secret or ""}


def clear_address(endpoint: Endpoint | None = None) -> None:
    """Remove the address file (only if it still names ``endpoint``, when given)."""
    path = address_path()
    with contextlib.suppress(OSError, ValueError):
        if endpoint is not None and json.loads(path.read_text()).get("url") != endpoint.url:
            return
        path.unlink()


def reachable(endpoint: Endpoint, timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections at ``endpoint``."""
    try:
        with socket.create_connection((endpoint.host, endpoint.port), timeout=timeout):
            return True
    except OSError:
        return False


def find_endpoint() -> Endpoint | None:
    """The running cloud: ``$AWS_ENDPOINT_URL`` when set, else the address file.

    Returns:
        The endpoint, or None when no cloud is running.

    Raises:
        EndpointError: ``AWS_ENDPOINT_URL`` is set to something off loopback.
    """
    env_url = os.environ.get("AWS_ENDPOINT_URL")
    if env_url:
        return Endpoint.from_url(env_url)
    try:
        data = json.loads(address_path().read_text())
        endpoint = Endpoint.from_url(str(data["url"]))
    except (OSError, ValueError, KeyError, TypeError, EndpointError):
        return None
    return endpoint if reachable(endpoint) else None


def require_endpoint() -> Endpoint:
    """Like :func:`find_endpoint` but raises a learner-facing error when none runs."""
    endpoint = find_endpoint()
    if endpoint is None:
        raise EndpointError(
            "no embedded cloud is running: start one with `courseware cloud` "
            "(or open the app with `courseware`)"
        )
    return endpoint


def sandbox_env(
    endpoint: Endpoint, base: dict[str, str] | None = None, creds: Credentials | None = None
) -> dict[str, str]:
    """An environment for a child process that can only reach the embedded cloud.

    Every ``AWS_*`` variable of the learner's (keys, profiles, config files) is
    dropped; the endpoint, region and the cloud's credentials (``creds``, else this
    process's) are put in their place.
    """
    creds = creds or credentials()
    env = {
        k: v
        for k, v in (os.environ if base is None else base).items()
        if not k.startswith(_UNSAFE_PREFIXES) and k not in _UNSAFE_NAMES
    }
    env.update(
        AWS_ACCESS_KEY_ID=creds.access_key,
        AWS_SECRET_ACCESS_KEY=creds.secret_key,
        AWS_DEFAULT_REGION=REGION,
        AWS_REGION=REGION,
        AWS_ENDPOINT_URL=endpoint.url,
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
        AWS_DISABLE_HOST_PREFIX_INJECTION="true",  # StartSyncExecution's sync- prefix
    )
    return env


def scrubbed_environ(environ: dict[str, str] | None = None) -> dict[str, str]:
    """``environ`` without any ``AWS_*`` or boto credential-file variable (for the cloud itself)."""
    source = os.environ if environ is None else environ
    return {
        k: v
        for k, v in source.items()
        if not k.startswith(_UNSAFE_PREFIXES) and k not in _UNSAFE_NAMES
    }


def holds_credentials(environ: dict[str, str] | None = None) -> bool:
    """True when ``environ`` carries a variable :func:`scrubbed_environ` would drop."""
    source = os.environ if environ is None else environ
    return len(scrubbed_environ(dict(source))) != len(source)


def exports(endpoint: Endpoint) -> list[str]:
    """Shell ``export`` lines that point boto3 and awscli v2 at the cloud."""
    creds = credentials()
    return [
        f"export AWS_ENDPOINT_URL={endpoint.url}",
        f"export AWS_ACCESS_KEY_ID={creds.access_key}",
        f"export AWS_SECRET_ACCESS_KEY={creds.secret_key}",
        f"export AWS_DEFAULT_REGION={REGION}",
        "export AWS_DISABLE_HOST_PREFIX_INJECTION=true",
        f"export AWS_REGION={REGION}",
        "unset AWS_PROFILE AWS_SESSION_TOKEN",
    ]


_client_lock = threading.Lock()
_sessions: dict[tuple[str, str], Any] = {}  # (endpoint URL, access key) -> one boto3 session
_clients: dict[tuple[str, str, str, tuple[tuple[str, Any], ...]], Any] = {}


def _config_key(config: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A hashable key of a client's config options (unhashable values by their repr)."""
    items: list[tuple[str, Any]] = []
    for name, value in sorted(config.items()):
        try:
            hash(value)
        except TypeError:
            value = repr(value)
        items.append((name, value))
    return tuple(items)


def client(
    service: str, endpoint: Endpoint, creds: Credentials | None = None, **config: Any
) -> Any:
    """A boto3 client for ``service`` bound to the embedded cloud (``creds``, else this process's).

    Built once per (endpoint, credentials, service, config) and then shared: building one costs
    ~100 ms, and botocore clients are thread-safe (the session is only used under a lock).
    """
    creds = creds or credentials()
    key = (endpoint.url, creds.access_key, service, _config_key(config))
    found = _clients.get(key)
    if found is not None:
        return found
    import boto3
    from botocore.config import Config

    with _client_lock:
        found = _clients.get(key)
        if found is not None:
            return found
        session = _sessions.get((endpoint.url, creds.access_key))
        if session is None:
            session = _sessions[(endpoint.url, creds.access_key)] = boto3.session.Session(
                aws_access_key_id=creds.access_key,
                aws_secret_access_key=creds.secret_key,
                region_name=REGION,
            )
        options = dict(config)
        options.setdefault("inject_host_prefix", False)  # no sync-127.0.0.1 (StartSyncExecution)
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, **options)
        made = session.client(service, endpoint_url=endpoint.url, config=cfg)
        _clients[key] = made
        return made


def fresh_client(
    service: str, endpoint: Endpoint, creds: Credentials | None = None, **config: Any
) -> Any:
    """A new, unshared client (for callers that change a client's event hooks)."""
    import boto3
    from botocore.config import Config

    creds = creds or credentials()
    session = boto3.session.Session(
        aws_access_key_id=creds.access_key,
        aws_secret_access_key=creds.secret_key,
        region_name=REGION,
    )
    config.setdefault("inject_host_prefix", False)
    cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, **config)
    return session.client(service, endpoint_url=endpoint.url, config=cfg)
