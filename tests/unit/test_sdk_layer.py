"""The shared handler SDK folder heals itself: an empty or stale one is rebuilt, not trusted."""

from __future__ import annotations

import sys

from courseware.cloud.lambda_rt import code
from courseware.paths import data_dir


def test_an_empty_layer_left_by_an_interrupted_build_is_rebuilt() -> None:
    layer = data_dir() / "lambda" / ".sdk" / f"py{sys.version_info[0]}{sys.version_info[1]}"
    layer.mkdir(parents=True, exist_ok=True)
    for entry in layer.iterdir():
        entry.unlink()
    built = code.sdk_layer()
    assert built == layer
    for source in code._sdk_sources():
        assert (built / source.name).resolve() == source.resolve(), source.name


def test_links_into_a_removed_install_are_replaced() -> None:
    layer = code.sdk_layer()
    (layer / "boto3").unlink()
    (layer / "boto3").symlink_to("/nonexistent/site-packages/boto3")
    rebuilt = code.sdk_layer()
    assert (rebuilt / "boto3").is_dir()
