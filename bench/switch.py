"""How the app feels: area switch, key-to-paint while the lab auto-checks, and quit time.

All in the headless driver (Pilot), against a fresh embedded cloud:

- **switch**: from pressing an area's key until the new screen has painted (the next
  refresh after the switch). The first visit of each area (``cold``) and later visits
  (``warm``: the screen is kept alive) are reported apart; the areas are visited in a
  shuffled order, many rounds, and reported as median and p95. The app prepares the areas'
  screens in the background after its first paint (``shell/prepare.py``); the run waits for
  that (``BENCH_NO_PREPARE=1``: it does not, so ``cold`` is a screen built on the switch).
- **key-to-paint**: a key typed into the CLI pane until the painted input shows it, paired:
  each sample with a lab re-check just triggered (``cloud_changed``, so the runner checks
  every step against the cloud) is interleaved with one without.
- **quit**: a child process runs the app with its own embedded cloud; from ``exit()`` until
  the process has ended (the cloud stopped, its state saved).

Goal: switch p95 ≤ 100 ms, quit ≤ 1 s.
"""

from __future__ import annotations

import asyncio
import gc
import os
import random
import subprocess
import sys
import time
from typing import Any

from bench._util import bench_cloud, median, p

ROUNDS = 8
KEYS = 20
QUIT_REPEAT = 3
PLACES = ("home", "reader", "lab", "cli", "quiz", "lambda", "sqs", "dynamodb")


async def _painted(app: Any) -> None:
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await asyncio.wait_for(done.wait(), 30)


class _GcPauses:
    """The garbage collector's pauses while it is watched (``gc.callbacks``), in ms."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._began) * 1000)


async def _measure(endpoint: Any) -> dict[str, list[float]]:
    from courseware.tui.shell.app import CoursewareApp
    from courseware.tui.shell.history_input import HistoryInput

    figures: dict[str, list[float]] = {
        "cold": [],
        "warm": [],
        "warm cpu": [],
        "key": [],
        "key+check": [],
        "gc": [],
    }
    app = CoursewareApp(endpoint=endpoint)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.open_lab("event-driven")
        await pilot.pause()
        if not os.environ.get("BENCH_NO_PREPARE"):
            app.preparer.start()  # as the app does outside the headless driver
            while not app.preparer.done:  # the areas prepared in the background
                await asyncio.sleep(0.05)
        else:
            app.preparer.todo.clear()
        seen = {"home"}
        firsts: list[tuple[float, str]] = []
        collector = _GcPauses()
        gc.callbacks.append(collector)
        order = list(PLACES)
        rng = random.Random(7)
        for _ in range(ROUNDS):
            rng.shuffle(order)
            for place in order:
                if app.current_mode == place:
                    continue
                began, cpu = time.perf_counter(), time.process_time()
                await app.run_action(f"go('{place}')")
                await _painted(app)
                ms = (time.perf_counter() - began) * 1000
                figures["warm" if place in seen else "cold"].append(ms)
                if place not in seen:
                    firsts.append((ms, place))
                if place in seen:  # the whole process's CPU: less swayed by a busy machine
                    figures["warm cpu"].append((time.process_time() - cpu) * 1000)
                seen.add(place)
        await app.run_action("go('cli')")
        await pilot.pause()
        box = app.screen.query_one("#cli-input", HistoryInput)
        box.focus()
        for i in range(KEYS * 2):
            checking = i % 2 == 1
            if checking:
                app.cloud_changed.publish("bench")  # the lab runner re-checks every step
            box.value = ""
            began = time.perf_counter()
            await pilot.press("x")
            await _painted(app)
            assert box.value == "x"
            figures["key+check" if checking else "key"].append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(0.05)
    gc.callbacks.remove(collector)
    figures["gc"] = collector.pauses
    print("first visits: " + ", ".join(f"{place} {ms:.0f} ms" for ms, place in sorted(firsts)))
    return figures


_QUIT_CHILD = """
import sys, time
import courseware.tui.shell.app as shell_app

class Probe(shell_app.CoursewareApp):
    asked = False
    def on_mount(self):
        super().on_mount()
        self.set_interval(0.05, self.poll)
    def poll(self):
        if self.cloud_status.startswith("cloud ready") and not self.asked:
            self.asked = True
            print(f"quit {time.time():.6f}", flush=True)
            self.exit()
    def run(self, **kwargs):
        return super().run(headless=True, size=(100, 30))

shell_app.CoursewareApp = Probe
shell_app.run(port=0, fast_exit=sys.argv[1] == "fast")
"""


def _quit_sample(mode: str) -> float:
    """One quit, as ``courseware`` does it (``run()``), with or without the fast exit."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _QUIT_CHILD, mode], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    asked = 0.0
    for line in proc.stdout:
        if line.startswith("quit "):
            asked = float(line.split()[1])
    proc.wait(timeout=120)
    return (time.time() - asked) * 1000


def _line(name: str, samples: list[float]) -> str:
    if not samples:
        return f"{name:>10}: (none)"
    return (
        f"{name:>10}: median {median(samples):7.1f} ms   p95 {p(samples, 95):7.1f} ms"
        f"   (n={len(samples)})"
    )


def main() -> None:
    """Print the figures (``BENCH_NO_QUIT=1``: the switch and key figures only)."""
    with bench_cloud() as endpoint:
        figures = asyncio.run(_measure(endpoint))
        quits: dict[str, list[float]] = {"slow": [], "fast": []}
        for _ in range(0 if os.environ.get("BENCH_NO_QUIT") else QUIT_REPEAT):  # paired
            for mode in quits:
                quits[mode].append(_quit_sample(mode))
    print("area switch (headless, Pilot):")
    print(_line("cold", figures["cold"]))
    print(_line("warm", figures["warm"]))
    print(_line("warm cpu", figures["warm cpu"]))
    print(_line("all", figures["cold"] + figures["warm"]))
    pauses = figures["gc"]
    print(
        f"{'gc':>10}: {len(pauses)} collections while switching and typing, the longest"
        f" {max(pauses, default=0):.1f} ms (long-lived objects frozen once prepared)"
    )
    print("key-to-paint in the CLI pane:")
    print(_line("idle", figures["key"]))
    print(_line("lab check", figures["key+check"]))
    print("quit (exit → process gone, own cloud; teardown by the interpreter vs fast exit):")
    print(_line("teardown", quits["slow"]))
    print(_line("fast exit", quits["fast"]))


if __name__ == "__main__":
    main()
