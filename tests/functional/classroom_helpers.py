"""Classroom test helpers: a class in the session's data dir, learners joined with real accounts."""

from __future__ import annotations

import os
import uuid
from typing import Any

from courseware.cloud.accounts import create_account
from courseware.cloud.endpoint import Endpoint, client
from courseware.commands._class_app import learner_environment
from courseware.course.classroom import ClassRoom, Learner


def new_room() -> ClassRoom:
    """A fresh class with a unique name."""
    return ClassRoom(f"class-{uuid.uuid4().hex[:8]}")


def join(room: ClassRoom, cloud: Endpoint, name: str) -> Learner:
    """Put ``name`` in the class and give them their account, as the join page does."""
    learner = room.add_learner(name)
    return room.set_account(learner.id, create_account(cloud, room.taken_accounts()))


def learner_env(room: ClassRoom, learner: Learner, cloud: Endpoint) -> dict[str, str]:
    """The environment of the learner's app process (and so of its CLI pane)."""
    return {**os.environ, **learner_environment(room, learner.id, cloud.url)}


def as_learner(learner: Learner, cloud: Endpoint) -> Any:
    """boto3 clients signed with the learner's own key."""
    return lambda service: client(service, cloud, learner.creds)
