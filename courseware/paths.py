"""Where courseware keeps its files.

Everything lives under one folder: the user data dir from platformdirs, or
``$COURSEWARE_HOME`` when set (tests and classrooms point it elsewhere).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "courseware"
HOME_ENV = "COURSEWARE_HOME"


def data_dir() -> Path:
    """The folder for progress, cloud state and the running cloud's address."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def project_root() -> Path:
    """The checkout (or install) root that holds ``content/`` and ``labs/``."""
    return Path(__file__).resolve().parent.parent
