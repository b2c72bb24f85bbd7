"""``courseware cloud``: run the embedded cloud headless, or reset its saved state."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from courseware.cloud.endpoint import DEFAULT_PORT


def register(sub: Any) -> None:
    """Add the ``cloud`` subcommand."""
    parser = sub.add_parser(
        "cloud",
        help="run the embedded AWS headless (for the AWS CLI, boto3 and graders), or reset it",
        description="Run the embedded AWS on 127.0.0.1 until interrupted; `cloud reset` wipes its saved state.",
    )
    parser.add_argument("action", nargs="?", choices=["run", "reset"], default="run")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port (0 picks a free one; default 4566)"
    )
    parser.add_argument(
        "--state", type=Path, default=None, help="state folder (default: in the data dir)"
    )
    parser.add_argument("--no-state", action="store_true", help="keep nothing when the cloud stops")
    parser.add_argument(
        "--fresh", action="store_true", help="move a broken saved state aside and start empty"
    )
    parser.add_argument("--yes", "-y", action="store_true", help="reset without asking")
    parser.add_argument(
        "--iam",
        choices=["on", "off"],
        default=None,
        help="enforce the handlers' execution roles (default on; off: handlers may do anything)",
    )
    parser.set_defaults(func=run)


def _reset(folder: Path, yes: bool) -> int:
    from courseware.cloud.state.store import wipe

    if not folder.exists():
        print(f"courseware cloud reset: nothing saved in {folder}")
        return 0
    if not yes:
        if not sys.stdin.isatty():
            print(
                "courseware cloud reset: pass --yes to confirm (no terminal to ask)",
                file=sys.stderr,
            )
            return 2
        answer = input(f"Delete every resource saved in {folder}? [y/N] ").strip().lower()
        if answer not in {"y", "yes"}:
            print("Nothing deleted.")
            return 1
    wipe(folder)
    print(f"courseware cloud reset: deleted {folder}")
    return 0


def _reexec_without_credentials() -> None:
    """Restart this command with no ``AWS_*`` variables: the cloud holds no real keys.

    ``os.environ`` can be cleaned in place, but ``/proc/<pid>/environ`` keeps the block the
    process started with, so a clean start is the only way nothing is left to read.
    """
    import os

    from courseware.cloud.endpoint import holds_credentials, scrubbed_environ

    if not holds_credentials() or not sys.platform.startswith("linux"):
        for name in set(os.environ) - set(scrubbed_environ()):
            os.environ.pop(name, None)
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, list(sys.orig_argv), scrubbed_environ())


def run(args: argparse.Namespace) -> int:
    """Start the cloud, print where it is, wait for Ctrl-C or SIGTERM."""
    if args.action == "run":
        _reexec_without_credentials()
    from courseware.cloud.endpoint import clear_address, exports, write_address
    from courseware.cloud.iam import mode
    from courseware.cloud.server import CloudError, EmbeddedCloud, StateCorruptError
    from courseware.cloud.state.store import default_state_dir, move_aside

    folder = None if args.no_state else (args.state or default_state_dir())
    if args.action == "reset":
        return _reset(args.state or default_state_dir(), args.yes)
    if args.iam is not None:
        mode.set_enforced(args.iam == "on")
    from courseware.cloud.lambda_rt.warm_pool import limits_from_env

    try:
        limits_from_env()
    except ValueError as exc:
        print(f"courseware cloud: {exc}", file=sys.stderr)
        return 2
    # Before starting: a SIGTERM that arrives as soon as "ready" is printed must still stop
    # the cloud cleanly (state saved, exit 0), not kill it.
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    cloud = EmbeddedCloud(port=args.port, state_dir=folder)
    try:
        try:
            endpoint = cloud.start()
        except StateCorruptError as exc:
            if not args.fresh:
                raise
            moved = move_aside(exc.folder)
            print(
                f"courseware cloud: moved the broken state to {moved}; starting empty",
                file=sys.stderr,
            )
            cloud = EmbeddedCloud(port=args.port, state_dir=folder)
            endpoint = cloud.start()
    except CloudError as exc:
        print(f"courseware cloud: {exc}", file=sys.stderr)
        return 1
    write_address(endpoint)
    kept = f"; state in {folder}" if folder else ""
    print(
        f"courseware cloud ready at {endpoint.url} (started in {cloud.started_in:.2f}s{kept}; "
        f"{mode.describe(mode.enforced())})"
    )
    for line in exports(endpoint):
        print(line)
    sys.stdout.flush()
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        clear_address(endpoint)
        cloud.stop()
    return 0
