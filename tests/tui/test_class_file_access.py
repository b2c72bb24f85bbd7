"""A classroom learner's app uses only their own folder and the labs (issue 20).

The CLI pane's ``aws`` (``file://`` arguments, ``s3 cp``) and the Lambda console's upload box
refuse class.json and other learners' folders with a clear message; the learner's own files
still work; and the pane's ``aws`` runs in a box where those files do not exist at all.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.file_roots import FileRoots
from courseware.cloud.lambda_rt import sandbox
from courseware.commands._class_app import learner_environment
from courseware.course.classroom import ClassRoom, Learner
from courseware.tui.consoles.awslambda.lambda_upload import UploadError, read_upload
from courseware.tui.shell.app import CoursewareApp
from courseware.tui.shell.cli_pane import CliScreen
from courseware.tui.shell.history_input import HistoryInput
from tests.functional.classroom_helpers import as_learner, join, new_room
from tests.tui.keyboard import paste
from tests.tui.pilot_helpers import until

ATTRIBUTES = {"VisibilityTimeout": "45"}


def _as(monkeypatch: pytest.MonkeyPatch, room: ClassRoom, who: Learner, cloud: Endpoint) -> Path:
    """Make this process ``who``'s classroom app process (as ``_class_app`` does); their folder."""
    for name, value in learner_environment(room, who.id, cloud.url).items():
        monkeypatch.setenv(name, value)
    home = room.home(who.id)
    home.mkdir(parents=True, exist_ok=True)
    return home


def _log(screen: CliScreen) -> str:
    return "\n".join(strip.text for strip in screen.log_widget.lines)


async def _paste_and_run(pilot: Any, screen: CliScreen, line: str) -> str:
    """Paste ``line`` into the pane as printed, press enter, wait for it; the new output."""
    before = len(screen.log_widget.lines)
    box = screen.query_one("#cli-input", HistoryInput)
    await until(pilot, lambda: box.has_focus, "the pane's input focused")
    await paste(pilot, box, line)
    await pilot.press("enter")

    def tail() -> str:
        return "\n".join(strip.text for strip in screen.log_widget.lines[before:])

    def finished() -> bool:
        return screen.running is None and ("exit code" in tail() or "did not run" in tail())

    await until(pilot, finished, f"{line} done", 60)
    return tail()


def test_cli_pane_refuses_class_files_and_keeps_own(
    cloud: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")
    bob_home = room.home(bob.id)
    bob_home.mkdir(parents=True, exist_ok=True)
    (bob_home / "attrs.json").write_text(json.dumps(ATTRIBUTES))
    home = _as(monkeypatch, room, ada, cloud)
    (home / "attrs.json").write_text(json.dumps(ATTRIBUTES))
    (home / "sneaky.json").symlink_to(room.folder / "class.json")
    class_file = room.folder / "class.json"
    assert class_file.is_file()
    outputs: dict[str, str] = {}

    async def scenario() -> None:
        app = CoursewareApp(endpoint=cloud, start_screen="cli")
        async with app.run_test(size=(160, 40)) as pilot:
            screen = await until(pilot, lambda: isinstance(app.screen, CliScreen) and app.screen)
            queue = "aws sqs create-queue --queue-name {} --attributes file://{}"
            for key, line in {
                "class": queue.format("stolen-a", class_file),
                "other": queue.format("stolen-b", bob_home / "attrs.json"),
                "link": queue.format("stolen-c", "sneaky.json"),
                "s3": f"aws s3 cp {class_file} s3://no-such-bucket-{ada.id}/c.json",
                "own": queue.format("ada-own", "attrs.json"),
            }.items():
                outputs[key] = await _paste_and_run(pilot, screen, line)

    asyncio.run(scenario())
    for key in ("class", "other", "link", "s3"):
        assert "refused:" in outputs[key] and "outside your folders" in outputs[key], outputs[key]
        assert str(home) in "".join(outputs[key].split())  # the log wraps long lines
        assert "the command did not run" in outputs[key]
    assert "exit code 0" in outputs["own"], outputs["own"]
    sqs = as_learner(ada, cloud)("sqs")
    assert [u.rsplit("/", 1)[1] for u in sqs.list_queues().get("QueueUrls", [])] == ["ada-own"]
    url = sqs.get_queue_url(QueueName="ada-own")["QueueUrl"]
    got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])
    assert got["Attributes"] == ATTRIBUTES


def test_upload_refuses_other_folders_and_keeps_own(
    cloud: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = new_room()
    ada, bob = join(room, cloud, "Ada"), join(room, cloud, "Bob")
    bob_code = room.home(bob.id) / "code"
    bob_code.mkdir(parents=True)
    (bob_code / "app.py").write_text("def handler(event, context):\n    return 'bob'\n")
    home = _as(monkeypatch, room, ada, cloud)
    own = home / "code"
    own.mkdir()
    (own / "app.py").write_text("def handler(event, context):\n    return 'ada'\n")
    (own / "peek.txt").symlink_to(room.folder / "class.json")
    for path in (bob_code, bob_code / "app.py", room.folder / "class.json", own):
        with pytest.raises(UploadError, match=r"refused: .* outside your folders"):
            read_upload(str(path))
    (own / "peek.txt").unlink()
    assert sorted(read_upload("code").package.texts) == ["app.py"]  # relative: their own folder
    assert read_upload("$LABS/event-driven/starter/python").kind == "folder"  # the labs, read


@pytest.mark.skipif(not sandbox.status().isolated, reason="needs bubblewrap")
def test_pane_box_holds_only_the_learners_folders(tmp_path: Path) -> None:
    own, other = tmp_path / "learners" / "ada", tmp_path / "learners" / "bob"
    own.mkdir(parents=True)
    other.mkdir(parents=True)
    (own / "mine.txt").write_text("mine")
    (other / "theirs.txt").write_text("theirs")
    (tmp_path / "class.json").write_text("{}")
    roots = FileRoots(own, ())
    probe = (
        "import pathlib, sys\n"
        "for p in sys.argv[1:]:\n"
        "    print(p, pathlib.Path(p).exists())\n"
        "pathlib.Path('written.txt').write_text('ok')\n"
    )
    argv, extra = sandbox.wrap_tool(
        [
            sys.executable,
            "-c",
            probe,
            str(own / "mine.txt"),
            str(other / "theirs.txt"),
            str(tmp_path / "class.json"),
        ],
        rw=(roots.own,),
        ro=(),
        chdir=own,
    )
    done = subprocess.run(
        argv,
        env={**os.environ, **extra},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    seen = dict(line.rsplit(" ", 1) for line in done.stdout.splitlines())
    assert seen == {
        str(own / "mine.txt"): "True",
        str(other / "theirs.txt"): "False",
        str(tmp_path / "class.json"): "False",
    }
    assert (own / "written.txt").read_text() == "ok"
