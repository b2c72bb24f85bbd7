"""The seams the limits and the log retention use: each fails loudly when moto moves it."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from moto.awslambda.models import LambdaBackend
from moto.logs.models import LogGroup, LogStream

from courseware.cloud import guard
from courseware.cloud.lambda_rt import limits, logs, sandbox


def _params(function: Any) -> list[str]:
    return list(inspect.signature(inspect.unwrap(function)).parameters)


def test_limits_wrap_the_lambda_backend_methods_they_expect() -> None:
    assert _params(LambdaBackend.create_function) == ["self", "spec"]
    for name in ("update_function_configuration", "update_function_code"):
        assert _params(getattr(LambdaBackend, name)) == [
            "self",
            "function_name",
            "qualifier",
            "body",
        ]
    assert _params(LambdaBackend.delete_function) == ["self", "function_name", "qualifier"]
    assert set(limits.SEAMS) <= set(dir(LambdaBackend))
    assert _params(LambdaBackend.create_alias)[:3] == ["self", "name", "function_name"]
    assert _params(LambdaBackend.publish_layer_version) == ["self", "spec"]


def test_log_retention_reads_motos_stream_fields() -> None:
    source = inspect.getsource(LogStream.__init__)
    for field in (
        "self.events",
        "self.stored_bytes",
        "self.last_ingestion_time",
        "self.creation_time",
    ):
        assert field in source, field
    assert "self.streams" in inspect.getsource(LogGroup.__init__)


def test_a_long_log_line_is_cut_at_256_kb() -> None:
    capped = logs.cap_message("é" * 300_000)
    assert len(capped.encode("utf-8")) <= logs.EVENT_MAX
    assert capped.endswith(logs.TRUNCATED)
    assert logs.cap_message("short") == "short"


def test_the_sandbox_hides_the_data_dir_and_home(tmp_path: Path) -> None:
    code, scratch = tmp_path / "code", tmp_path / "scratch"
    argv, home = sandbox.wrap(["/usr/bin/python3", "x.py"], code, scratch)
    assert home["HOME"] == home["TMPDIR"]
    if sandbox.status().isolated:
        assert argv[-2:] == ["/usr/bin/python3", "x.py"]
        assert "--unshare-pid" in argv and "--unshare-user" in argv
        assert str(Path.home()) not in argv[: argv.index("--")] or Path.home() == Path("/")
        assert home["HOME"] == "/tmp"
    else:
        assert argv == ["/usr/bin/python3", "x.py"] and home["HOME"] == str(scratch)
        assert sandbox.status().warning()


def test_the_guard_allows_only_our_host_and_no_foreign_origin() -> None:
    hosts = guard.hosts_for("127.0.0.1", 4566)
    ok = {"HTTP_HOST": "127.0.0.1:4566", "PATH_INFO": "/"}
    assert guard.why_refused(ok, hosts, "s") == ""
    assert guard.why_refused({**ok, "HTTP_HOST": "evil.example:4566"}, hosts, "s")
    assert guard.why_refused({**ok, "HTTP_ORIGIN": "https://evil.example"}, hosts, "s")
    assert guard.why_refused({**ok, "HTTP_SEC_FETCH_SITE": "cross-site"}, hosts, "s")
    api = {**ok, "PATH_INFO": "/moto-api/reset"}
    assert guard.why_refused(api, hosts, "s")
    assert guard.why_refused({**api, "HTTP_X_COURSEWARE_SECRET": "s"}, hosts, "s") == ""
