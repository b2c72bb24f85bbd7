"""What Lambda's SQS and stream pollers share: finding a mapping, and one thread per poller.

A :class:`Supervisor` watches the event source mappings and keeps as many poller threads
alive for each as it wants (none while disabled). A poller thread calls ``work(mapping)``
until the mapping is deleted or disabled; ``work`` returns how long to pause before the
next call (0 when there may be more to do at once).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from courseware.cloud.events.backends import lambda_backend

log = logging.getLogger(__name__)


def mapping(uuid: str) -> Any:
    """The event source mapping ``uuid`` as it is now (``None`` once deleted)."""
    try:
        return lambda_backend()._event_source_mappings.get(uuid)
    except Exception:
        return None


class Supervisor:
    """Keeps poller threads running for the mappings that want them."""

    def __init__(
        self, name: str, wanted: Callable[[Any], int], work: Callable[[Any], float]
    ) -> None:
        """Create a supervisor.

        Args:
            name: Thread name prefix, e.g. ``sqs-poller``.
            wanted: How many threads an (enabled) mapping should have; 0 for "not mine".
            work: One round of polling for a mapping; returns the pause before the next.
        """
        self.name, self.wanted, self.work = name, wanted, work
        self.stop = threading.Event()
        self.threads: dict[str, list[threading.Thread]] = {}
        self._news = threading.Condition()

    def nudge(self) -> None:
        """Something new arrived at a source: wake pollers that are pausing."""
        with self._news:
            self._news.notify_all()

    def halt(self) -> None:
        """Stop every poller thread (the server is stopping)."""
        self.stop.set()
        self.nudge()

    def start(self) -> None:
        """Start watching (the server is listening)."""
        self.stop.clear()
        self.threads.clear()
        threading.Thread(
            target=self._supervise, name=f"{self.name}-supervisor", daemon=True
        ).start()

    def _supervise(self) -> None:
        while not self.stop.wait(0.1):
            try:
                mappings = list(lambda_backend()._event_source_mappings.values())
            except Exception:
                continue
            for esm in mappings:
                wanted = self.wanted(esm) if esm.enabled else 0
                alive = [t for t in self.threads.get(esm.uuid, []) if t.is_alive()]
                for n in range(wanted - len(alive)):
                    thread = threading.Thread(
                        target=self._loop,
                        args=(esm.uuid,),
                        name=f"{self.name}-{esm.uuid[:8]}-{n}",
                        daemon=True,
                    )
                    thread.start()
                    alive.append(thread)
                self.threads[esm.uuid] = alive

    def _loop(self, uuid: str) -> None:
        while not self.stop.is_set():
            esm = mapping(uuid)
            if esm is None or not esm.enabled:
                return
            try:
                pause = self.work(esm)
            except Exception:  # a deleted source or function: keep the poller alive and quiet
                log.debug("%s %s failed", self.name, uuid, exc_info=True)
                pause = 0.5
            if pause and not self.stop.is_set():
                with self._news:
                    self._news.wait(pause)
