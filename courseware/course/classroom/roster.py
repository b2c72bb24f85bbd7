"""A class: its code, learners (each with their own cloud account), invites and sessions.

Kept in ``data_dir()/classes/<name>/class.json`` (mode 0600: it holds the learners'
access keys), written atomically. Session and invite tokens are stored as SHA-256
hashes only, so a copied file lets nobody in. Each learner's progress lives in their
own folder, ``learners/<id>/`` (the data dir of their app process).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import secrets
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from courseware.cloud.endpoint import Credentials
from courseware.paths import data_dir

INSTRUCTOR = "@instructor"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


class ClassError(Exception):
    """A class, learner or roster cannot be used as asked."""


@dataclass(frozen=True)
class Learner:
    """One learner of a class and the account that is theirs."""

    id: str
    name: str
    creds: Credentials | None
    joined_at: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "learner"


def classes_dir() -> Path:
    """Where every class's folder lives."""
    return data_dir() / "classes"


class ClassRoom:
    """One class's persisted state; every method re-reads and rewrites the file under a lock."""

    _lock = threading.Lock()

    def __init__(self, name: str, root: Path | None = None) -> None:
        if not _NAME.match(name):
            raise ClassError(
                f"class name {name!r}: use letters, digits, '.', '_' or '-' (at most 40)"
            )
        self.name = name
        self.folder = (root or classes_dir()) / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "class.json"
        if not self.path.exists():
            self._save({"name": name, "code": secrets.token_hex(3).upper(), "learners": {}})

    # --- file -----------------------------------------------------------------------------
    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ClassError(f"{self.path}: cannot be read: {exc}") from None
        if not isinstance(data, dict):
            raise ClassError(f"{self.path}: not a class file")
        for key in ("learners", "sessions", "invites"):
            data.setdefault(key, {})
        return data

    def _save(self, data: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".class-", suffix=".json")
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, sort_keys=True)
        os.replace(tmp, self.path)

    # --- reading --------------------------------------------------------------------------
    @property
    def code(self) -> str:
        """The class code a learner types to join."""
        return str(self._load()["code"])

    def learners(self) -> list[Learner]:
        """Every learner, in joining order."""
        rows = self._load()["learners"].items()
        return sorted((_learner(i, r) for i, r in rows), key=lambda lr: (lr.joined_at, lr.id))

    def learner(self, learner_id: str) -> Learner:
        """One learner by id (or by name)."""
        for learner in self.learners():
            if learner_id in (learner.id, learner.name):
                return learner
        raise ClassError(f"class {self.name!r} has no learner {learner_id!r}")

    def home(self, learner_id: str) -> Path:
        """The learner's data dir (their progress store and lab answers)."""
        return self.folder / "learners" / learner_id

    def session(self, token: str) -> str | None:
        """The learner id (or :data:`INSTRUCTOR`) a session token belongs to."""
        return self._load()["sessions"].get(_hash(token)) if token else None

    # --- changing -------------------------------------------------------------------------
    def add_learner(self, name: str) -> Learner:
        """Put ``name`` on the roster (no account yet); refuses a name already taken."""
        name = name.strip()
        if not name or len(name) > 60:
            raise ClassError("a learner's name must be 1 to 60 characters")
        with self._lock:
            data = self._load()
            if any(r["name"].lower() == name.lower() for r in data["learners"].values()):
                raise ClassError(f"the name {name!r} is already taken in class {self.name!r}")
            learner_id, n = _slug(name), 2
            while learner_id in data["learners"]:
                learner_id, n = f"{_slug(name)}-{n}", n + 1
            now = datetime.now(UTC).isoformat(timespec="microseconds")
            data["learners"][learner_id] = {"name": name, "joined_at": now}
            self._save(data)
        return self.learner(learner_id)

    def set_account(self, learner_id: str, creds: Credentials) -> Learner:
        """Bind the learner to their cloud account (once)."""
        with self._lock:
            data = self._load()
            row = data["learners"][learner_id]
            if "account_id" not in row:
                row.update(
                    account_id=creds.account_id,
                    access_key=creds.access_key,
                    secret_key=creds.secret_key,
                )
                self._save(data)
        return self.learner(learner_id)

    def taken_accounts(self) -> set[str]:
        """Account ids already given to a learner."""
        return {lr.creds.account_id for lr in self.learners() if lr.creds}

    def new_session(self, learner_id: str) -> str:
        """A fresh session token for a learner (or the instructor); only its hash is kept."""
        token = secrets.token_urlsafe(24)
        with self._lock:
            data = self._load()
            data["sessions"][_hash(token)] = learner_id
            self._save(data)
        return token

    def invite(self, learner_id: str) -> str:
        """A personal join token for a roster learner (a new one replaces the old)."""
        token = secrets.token_urlsafe(18)
        with self._lock:
            data = self._load()
            data["invites"] = {h: i for h, i in data["invites"].items() if i != learner_id}
            data["invites"][_hash(token)] = learner_id
            self._save(data)
        return token

    def redeem(self, invite: str) -> str | None:
        """The learner an invite token names (it stays valid: the same link joins again)."""
        return self._load()["invites"].get(_hash(invite)) if invite else None

    def load_roster(self, path: Path) -> list[tuple[Learner, str]]:
        """Add every name of a roster CSV (a ``name`` column, or the first column).

        Returns each new learner with their invite token. Raises ClassError naming the line.
        """
        try:
            rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ClassError(f"{path}: cannot be read as CSV: {exc}") from None
        column = 0
        if rows and "name" in [c.strip().lower() for c in rows[0]]:
            column = [c.strip().lower() for c in rows[0]].index("name")
            rows = [[], *rows[1:]]
        known = {lr.name.lower(): lr for lr in self.learners()}
        added: list[tuple[Learner, str]] = []
        for line, row in enumerate(rows, 1):
            if not row or not any(c.strip() for c in row):
                continue
            if column >= len(row) or not row[column].strip():
                raise ClassError(f"{path}:{line}: no name in column {column + 1}")
            name = row[column].strip()
            learner = known.get(name.lower()) or self.add_learner(name)
            added.append((learner, self.invite(learner.id)))
        return added


def _learner(learner_id: str, row: dict[str, Any]) -> Learner:
    creds = None
    if row.get("account_id"):
        creds = Credentials(row["access_key"], row["secret_key"], row["account_id"])
    return Learner(learner_id, str(row["name"]), creds, str(row.get("joined_at", "")))
