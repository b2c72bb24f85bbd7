"""``{build}`` in a lab's commands: a writable folder of its own, there before the command runs."""

from __future__ import annotations

from pathlib import Path

from courseware.course.loader import load_course
from courseware.course.runner import expand
from courseware.paths import data_dir


def test_build_is_the_labs_own_existing_folder_in_the_data_dir() -> None:
    lab = load_course().lab("ship-with-sam")
    assert lab is not None
    out = Path(expand("--output-template-file {build}/packaged.yaml", lab).split()[-1])
    assert out.parent.is_dir()
    assert out.parent == data_dir() / "build" / "ship-with-sam"
    assert lab.path not in out.parents, "the lab's folder may be read-only where installed"
