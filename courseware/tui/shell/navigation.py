"""Where the learner can go: the learning areas (F-keys) and the AWS consoles (Services).

One definition gives each place its Textual mode, keys, palette entry and help line.
The first screens are named as ``"module:Class"`` and imported only when first opened,
so the shell never imports a feature.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.screen import Screen


@dataclass(frozen=True)
class Place:
    """A top-level part of the app, shown as its own Textual mode (its own screen stack).

    Attributes:
        id: The mode name, e.g. ``"sqs"``.
        title: What the learner reads, e.g. ``"SQS"``.
        tooltip: One line on what it is for (footer tooltip, palette help, help screen).
        target: ``"module:Class"`` of its first screen, imported only when first opened.
    """

    id: str
    title: str
    tooltip: str
    target: str

    def screen(self) -> Screen[None]:
        """A new instance of the place's first screen."""
        module_name, _, class_name = self.target.partition(":")
        module = importlib.import_module(module_name)
        screen: Screen[None] = getattr(module, class_name)()
        return screen


@dataclass(frozen=True)
class Area(Place):
    """A learning area with its own keys.

    Attributes:
        key: The F-key that opens it from anywhere, even while typing.
        alt: A second key for terminals that grab F-keys (outside text fields).
    """

    key: str = ""
    alt: str = ""


@dataclass(frozen=True)
class Console(Place):
    """An AWS console, opened from the Services picker (no key of its own).

    Attributes:
        aliases: More words the picker matches, e.g. ``"queues messages"``.
    """

    aliases: str = ""

    def matches(self, query: str) -> bool:
        """Whether every word of ``query`` starts a word of the title, id, aliases or tooltip."""
        words = f"{self.title} {self.id} {self.aliases} {self.tooltip}".lower().split()
        return all(any(w.startswith(q) for w in words) for q in query.lower().split())


_T = "courseware.tui."

AREAS: tuple[Area, ...] = (
    Area(
        "home",
        "Home",
        "The course map: chapters, labs, quiz",
        _T + "home.home:HomeScreen",
        "f2",
        "2",
    ),
    Area(
        "reader", "Chapters", "Read the study notes", _T + "reader.reader:ReaderScreen", "f3", "3"
    ),
    Area("lab", "Lab", "The lab runner: steps, checks, hints", _T + "lab.lab:LabScreen", "f4", "4"),
    Area(
        "cli",
        "AWS CLI",
        "Run aws commands against the embedded cloud",
        _T + "shell.cli_pane:CliScreen",
        "f6",
        "6",
    ),
    Area(
        "quiz",
        "Quiz",
        "Practice, exam simulation, review due",
        _T + "quiz.quiz_home:QuizHomeScreen",
        "f7",
        "7",
    ),
)

SERVICES_KEYS = "ctrl+o,f5"  # the Services picker, from anywhere (priority)
SERVICES_ALT = "5"  # and outside text fields, like every area's digit


def area(area_id: str) -> Area:
    """The area called ``area_id``.

    Raises:
        KeyError: no such area.
    """
    for candidate in AREAS:
        if candidate.id == area_id:
            return candidate
    raise KeyError(area_id)
