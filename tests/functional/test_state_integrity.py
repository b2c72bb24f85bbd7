"""The saved state cannot run code, and a crash leaves it usable (issues 13 and 14)."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.functional.killable import KillableCloud, scan_keys, wait_for


class _Planted:
    """A pickle that creates ``path`` the moment it is loaded (as an attacker's would run code)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.path), "w"))


def _table(cloud: KillableCloud, name: str) -> Any:
    ddb = cloud.client("dynamodb")
    ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
    )
    return ddb


def test_a_crafted_state_file_is_refused_and_runs_nothing(
    tmp_path: Path, cw: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    env = {**os.environ, "COURSEWARE_HOME": str(tmp_path)}
    state = tmp_path / "cloud-state"
    state.mkdir()
    canary = tmp_path / "pwned"
    for crafted in (
        pickle.dumps(_Planted(canary)),
        b"CWSTATE2 " + b"0" * 64 + b"\n" + pickle.dumps(_Planted(canary)),
    ):
        (state / "cloud-state.pickle").write_bytes(crafted)
        done = cw("cloud", "--port", "0", env=env)
        assert done.returncode == 1
        assert "does not verify" in done.stderr and "cloud-state.pickle" in done.stderr
        assert "Traceback" not in done.stderr
        assert not canary.exists(), "loading the state ran the attacker's code"
        assert (state / "cloud-state.pickle").read_bytes() == crafted, "never a silent wipe"


def test_a_torn_journal_tail_is_cut_with_a_note_and_the_rest_kept(tmp_path: Path) -> None:
    cloud = KillableCloud(tmp_path).start()
    ddb = _table(cloud, "t")
    for k in ("a", "b", "last"):
        ddb.put_item(TableName="t", Item={"k": {"S": k}})
    cloud.kill9()
    journal = tmp_path / "cloud-state" / "journal.sqlite"
    with sqlite3.connect(journal) as db:  # a record half written, as by a torn write
        db.execute(
            "UPDATE journal SET body = substr(body, 1, length(body) / 2) "
            "WHERE seq = (SELECT MAX(seq) FROM journal)"
        )
    db.close()
    cloud.start()
    try:
        assert scan_keys(cloud.client("dynamodb"), "t", "k") == {"a", "b"}
        cloud.client("dynamodb").put_item(TableName="t", Item={"k": {"S": "again"}})
    finally:
        cloud.stop()
    assert cloud.proc is not None and cloud.proc.stderr is not None
    stderr = cloud.proc.stderr.read()
    assert "torn write" in stderr and "journal.sqlite" in stderr
    cloud.start()
    try:
        assert scan_keys(cloud.client("dynamodb"), "t", "k") == {"a", "b", "again"}
    finally:
        cloud.stop()


def test_compaction_then_kill_9_keeps_everything_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("COURSEWARE_STATE_COMPACT_RECORDS", "10")
    state = tmp_path / "cloud-state"
    cloud = KillableCloud(tmp_path).start()
    ddb = _table(cloud, "t")
    for n in range(40):
        ddb.put_item(TableName="t", Item={"k": {"S": str(n)}})
    snapshot = state / "cloud-state.pickle"
    wait_for(snapshot.exists, "a long journal to be compacted into a snapshot")
    cloud.kill9()
    stray = state / ".cloud-state.pickle.99999.tmp"  # what a kill -9 during a save leaves
    stray.write_bytes(b"half a snapshot")
    cloud.start()
    try:
        assert scan_keys(cloud.client("dynamodb"), "t", "k") == {str(n) for n in range(40)}
        assert not stray.exists(), "the interrupted save's temporary file is removed at start"
    finally:
        cloud.stop()
    with sqlite3.connect(state / "journal.sqlite") as db:
        left = db.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    db.close()
    assert left < 40, "records folded into the snapshot are dropped from the journal"


def test_reads_never_write_to_the_journal(tmp_path: Path) -> None:
    cloud = KillableCloud(tmp_path).start()
    try:
        ddb = _table(cloud, "t")
        ddb.put_item(TableName="t", Item={"k": {"S": "1"}})
        sqs = cloud.client("sqs")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]

        def rows() -> int:
            with sqlite3.connect(tmp_path / "cloud-state" / "journal.sqlite") as db:
                count = int(db.execute("SELECT COUNT(*) FROM journal").fetchone()[0])
            db.close()
            return count

        before = rows()
        for _ in range(5):
            ddb.scan(TableName="t")
            ddb.get_item(TableName="t", Key={"k": {"S": "1"}})
            ddb.describe_table(TableName="t")
            ddb.list_tables()
            sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
            cloud.client("lambda").list_functions()
            cloud.client("iam").list_roles()
        assert rows() == before, "a read wrote to the journal"
        ddb.put_item(TableName="t", Item={"k": {"S": "2"}})
        assert rows() == before + 1, "one change, one record"
    finally:
        cloud.stop()
