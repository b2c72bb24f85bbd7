"""Where courseware keeps its files.

Everything lives under one folder: the user data dir from platformdirs, or
``$COURSEWARE_HOME`` when set (tests and classrooms point it elsewhere).
"""

from __future__ import annotations

import os
from importlib.resources import files
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


COURSE_PACKAGE_DIR = "_course"  # where the wheel carries content/ and labs/ (pyproject.toml)


def project_root() -> Path:
    """The folder that holds ``content/`` and ``labs/``.

    An installed wheel carries them inside the package (``courseware/_course``), found through
    importlib.resources; a checkout (and an editable install) keeps them at the repository's top.
    """
    packaged = Path(str(files("courseware").joinpath(COURSE_PACKAGE_DIR)))
    if (packaged / "content").is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent
