"""The class file: hashed tokens, learners and accounts that survive a reopen, roster errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from courseware.cloud.endpoint import Credentials
from courseware.commands._class_app import learner_environment
from courseware.course.classroom import INSTRUCTOR, ClassError, ClassRoom


def test_sessions_are_kept_hashed_and_survive_a_reopen(tmp_path: Path) -> None:
    room = ClassRoom("c1", tmp_path)
    ada = room.add_learner("Ada")
    room.set_account(ada.id, Credentials("AKIAADA", "secret", "123412341234"))
    token, boss = room.new_session(ada.id), room.new_session(INSTRUCTOR)
    assert token not in room.path.read_text()
    again = ClassRoom("c1", tmp_path)
    assert again.session(token) == ada.id and again.session(boss) == INSTRUCTOR
    assert again.session("guess") is None and again.session("") is None
    assert again.learner("Ada").creds == Credentials("AKIAADA", "secret", "123412341234")
    assert room.path.stat().st_mode & 0o077 == 0


def test_names_are_unique_and_roster_errors_name_the_line(tmp_path: Path) -> None:
    room = ClassRoom("c2", tmp_path)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,team\nAda,1\n,2\n", encoding="utf-8")
    with pytest.raises(ClassError, match=r"roster.csv:3: no name"):
        room.load_roster(roster)
    with pytest.raises(ClassError, match="already taken"):
        room.add_learner("ada")
    roster.write_text("Ada\nAda B\n", encoding="utf-8")
    invites = room.load_roster(roster)
    assert [lr.name for lr, _ in invites] == ["Ada", "Ada B"]
    assert room.redeem(invites[0][1]) == invites[0][0].id


def test_the_learner_process_gets_their_home_and_key_only(tmp_path: Path) -> None:
    room = ClassRoom("c3", tmp_path)
    ada = room.set_account(room.add_learner("Ada").id, Credentials("AK", "SK", "999988887777"))
    env = learner_environment(room, ada.id, "http://127.0.0.1:1")
    assert env["COURSEWARE_HOME"] == str(room.home(ada.id))
    assert (env["COURSEWARE_ACCESS_KEY_ID"], env["COURSEWARE_ACCOUNT_ID"]) == ("AK", "999988887777")
    assert "COURSEWARE_ACCESS_KEY_ID" not in learner_environment(room, INSTRUCTOR, "http://x:1")
    with pytest.raises(ClassError):
        learner_environment(room, "nobody", "http://127.0.0.1:1")
    with pytest.raises(ClassError, match="class name"):
        ClassRoom("../etc", tmp_path)


def test_a_learner_process_hands_its_own_key_to_children(monkeypatch: pytest.MonkeyPatch) -> None:
    from courseware.cloud.endpoint import Endpoint, credentials, exports, sandbox_env

    assert credentials() == Credentials()  # the single user: today's dummy key and account
    monkeypatch.setenv("COURSEWARE_ACCESS_KEY_ID", "AKLEARNER")
    monkeypatch.setenv("COURSEWARE_SECRET_ACCESS_KEY", "SKLEARNER")
    monkeypatch.setenv("COURSEWARE_ACCOUNT_ID", "999988887777")
    env = sandbox_env(Endpoint("127.0.0.1", 1), {"AWS_ACCESS_KEY_ID": "real"})
    assert (env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]) == ("AKLEARNER", "SKLEARNER")
    assert "export AWS_ACCESS_KEY_ID=AKLEARNER" in exports(Endpoint("127.0.0.1", 1))
    assert credentials().account_id == "999988887777"
