"""``serve --class NAME``: open (or resume) the class, print its links, serve until stopped."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

from courseware.cloud.endpoint import Endpoint, is_loopback
from courseware.course.classroom import INSTRUCTOR, ClassError, ClassRoom


def _write_invites(room: ClassRoom, base: str, invites: list[tuple[str, str]]) -> Path:
    path = room.folder / "invites.csv"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "link"])
        for name, token in invites:
            writer.writerow([name, f"{base}/join?invite={token}"])
    return path


def serve_class(args: argparse.Namespace, endpoint: Endpoint) -> int:
    """Serve the class; returns the exit code."""
    from courseware.commands._class_web import ClassServer

    try:
        room = ClassRoom(args.class_name)
        added = room.load_roster(Path(args.roster)) if args.roster else []
    except ClassError as exc:
        print(f"courseware serve: {exc}", file=sys.stderr)
        return 2
    base = (args.public_url or f"http://{args.host}:{args.web_port}").rstrip("/")
    if added:
        path = _write_invites(room, base, [(lr.name, token) for lr, token in added])
        print(f"courseware serve: {len(added)} personal join links in {path}", flush=True)
    print(
        f"courseware serve: class {room.name}: learners join at {base}/join?code={room.code} "
        f"(class code {room.code})\n"
        f"courseware serve: instructor: {base}/?session={room.new_session(INSTRUCTOR)}",
        flush=True,
    )
    if not is_loopback(args.host) and not str(args.public_url or "").startswith("https://"):
        print(
            "courseware serve: note: plain HTTP on the network; put a TLS reverse proxy in front "
            "(see README, 'Classrooms')",
            file=sys.stderr,
        )
    ClassServer(
        room,
        endpoint,
        host=args.host,
        port=args.web_port,
        title=f"courseware {room.name}",
        public_url=args.public_url,
    ).serve()
    return 0
