"""Time to first paint: the courseware app vs a bare Textual app, in one run.

Each sample is a fresh process (``python -c``) timed from just before it is
spawned until the first screen has been composed and refreshed by the headless
driver. For courseware the home screen is the first screen and the embedded
cloud starts in the background, so the figure shows whether the cloud delays
the first paint; the time until the cloud is ready is reported alongside.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from bench._util import median

REPEAT = 5

_CHILD = """
import os, sys, time
T0 = float(os.environ["BENCH_T0"])
from textual.app import App
from textual.widgets import Footer, Header, Static
kind = sys.argv[1]

def elapsed():
    return (time.time() - T0) * 1000

if kind == "bare":
    class Probe(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()
        def on_mount(self):
            self.call_after_refresh(self.painted)
        def painted(self):
            print(f"paint {elapsed():.1f}")
            self.exit()
else:
    from courseware.tui.app import CoursewareApp
    class Probe(CoursewareApp):
        painted_at = None
        def on_mount(self):
            super().on_mount()
            self.set_interval(0.002, self.poll)
        def poll(self):
            if self.painted_at is None and type(self.screen).__name__ == "HomeScreen":
                self.painted_at = 0.0
                self.call_after_refresh(self.painted)
            if self.painted_at and self.sub_title.startswith("cloud ready"):
                print(f"cloud {elapsed():.1f}")
                self.exit()
        def painted(self):
            self.painted_at = elapsed()
            print(f"paint {self.painted_at:.1f}")

Probe().run(headless=True, size=(80, 24))
"""


def _sample(kind: str, home: str) -> dict[str, float]:
    env = {**os.environ, "COURSEWARE_HOME": home, "BENCH_T0": repr(time.time())}
    env.pop("AWS_ENDPOINT_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, kind],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    figures = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in {"paint", "cloud"}:
            figures[name] = float(value)
    return figures


def main() -> None:
    """Print median first-paint times and their ratio."""
    with tempfile.TemporaryDirectory() as home:
        _sample("courseware", home)  # warm the file cache and compile bytecode once
        bare: list[float] = []
        ours: list[dict[str, float]] = []
        for _ in range(REPEAT):  # interleaved, so both see the same machine load
            bare.append(_sample("bare", home)["paint"])
            ours.append(_sample("courseware", home))
    paint = median([s["paint"] for s in ours])
    cloud = median([s["cloud"] for s in ours])
    print(f"bare Textual app, first paint:   {median(bare):7.1f} ms (median of {REPEAT})")
    print(f"courseware home, first paint:    {paint:7.1f} ms → {paint / median(bare):.2f}× bare")
    print(f"courseware cloud ready:          {cloud:7.1f} ms (in the background, after the paint)")


if __name__ == "__main__":
    main()
