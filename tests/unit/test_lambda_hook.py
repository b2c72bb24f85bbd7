"""The runtime's seam into moto: fails loudly if a moto upgrade moves it."""

from __future__ import annotations

import importlib.metadata
import inspect

from moto.awslambda import models

from courseware.cloud.lambda_rt import plugin


def test_moto_version_is_the_pinned_minor() -> None:
    assert importlib.metadata.version("moto").startswith("5.2."), (
        "courseware's Lambda hook is written against moto 5.2.x; check plugin.py before upgrading"
    )


def test_hook_installs_over_the_expected_signature() -> None:
    plugin.install()
    assert plugin.installed(), "moto's LambdaFunction.invoke is not ours after install()"
    original = plugin._original["invoke"]
    assert str(inspect.signature(original)) == plugin.EXPECTED_SIGNATURE
    assert models.LambdaFunction.invoke is plugin.courseware_invoke
    assert models._zipfile_content is not plugin._original["_zipfile_content"]
