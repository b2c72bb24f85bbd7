"""The app process of one classroom session: ``python -m courseware.commands._class_app CLASS WHO``.

textual-serve starts one per browser connection with the server's environment; this wrapper
turns the session's learner id into that learner's world before the app starts: their own
data dir (progress, lab answers) and their own account's access key, which every client,
the CLI pane, ``courseware aws`` / ``env`` and lab checks then use. The instructor
(``WHO`` = ``@instructor``) gets the classroom view instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from courseware.cloud.endpoint import require_endpoint
from courseware.cloud.file_roots import ROOT_ENV
from courseware.course.classroom import INSTRUCTOR, ClassRoom

CLASS_DIR_ENV = "COURSEWARE_CLASS_DIR"


def learner_environment(room: ClassRoom, who: str, endpoint_url: str) -> dict[str, str]:
    """The variables that make this process the learner ``who`` (raises ClassError if unknown)."""
    env = {CLASS_DIR_ENV: str(room.folder), "AWS_ENDPOINT_URL": endpoint_url}
    if who == INSTRUCTOR:
        return env
    learner = room.learner(who)
    if learner.creds is None:
        raise SystemExit(f"courseware: learner {who!r} has no account yet")
    home = room.home(learner.id)
    # their own folder is also the only one (with the labs) their file paths may name
    env.update(learner.creds.as_env(), COURSEWARE_HOME=str(home), **{ROOT_ENV: str(home)})
    return env


def main(argv: Sequence[str]) -> int:
    """Become the session's learner (or the instructor), then run the app."""
    class_name, who = argv
    endpoint = require_endpoint()  # read with the server's data dir, before it changes
    room = ClassRoom(class_name)
    os.environ.update(learner_environment(room, who, endpoint.url))
    if ROOT_ENV in os.environ:  # relative paths start in the learner's own folder
        os.makedirs(os.environ[ROOT_ENV], exist_ok=True)
        os.chdir(os.environ[ROOT_ENV])
    if who == INSTRUCTOR:
        from courseware.tui.classroom.app import ClassroomApp

        ClassroomApp(room, endpoint).run()
        return 0
    from courseware.tui.classroom.learner_app import LearnerApp

    LearnerApp(endpoint=endpoint, class_dir=room.folder).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
