"""A writer killed with SIGKILL mid-stream leaves an intact store with every committed write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from courseware.course.progress import ProgressStore

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from courseware.course.progress import ProgressStore

    store = ProgressStore(Path(sys.argv[1]))
    i = 0
    while True:
        store.mark_section_read("crash", f"s{i}")
        attempt = store.start_attempt("practice")
        store.record_answer(attempt, f"q{i}", chosen=["A"], correct=i % 2 == 0,
                            domains={"dva-c02": "development"})
        print(i, flush=True)
        i += 1
    """
)


def test_sigkill_mid_write_keeps_committed_data(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    assert proc.stdout is not None
    committed = -1
    for line in proc.stdout:
        committed = int(line)
        if committed >= 150:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    # The writer may have run ahead of what we had read: count everything it reported.
    for line in proc.stdout.read().splitlines():
        if line.strip():
            committed = int(line)
    assert proc.returncode == -signal.SIGKILL
    assert committed >= 150
    with ProgressStore(path) as store:
        assert store.integrity_check() == "ok"
        read = store.sections_read("crash")
        # Every write reported as committed is there; at most the one in flight may be extra.
        assert {("crash", f"s{i}") for i in range(committed + 1)} <= read
        assert len(read) <= committed + 3
        answered = {a.question_id for a in store.answers()}
        assert {f"q{i}" for i in range(committed + 1)} <= answered
        store.mark_section_read("after", "crash")  # still writable
        assert ("after", "crash") in store.sections_read("after")
