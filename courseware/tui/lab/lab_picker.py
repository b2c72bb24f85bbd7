"""Choose a lab: one option per lab of the course (id, minutes, steps, title)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from courseware.course.model import Lab


class LabPicker(OptionList):
    """The course's labs; each option's id is the lab id."""

    DEFAULT_CSS = """
    LabPicker {
        height: 1fr;
        border: round $border-blurred;
        &:focus { border: round $border; }
    }
    """

    def show_labs(self, labs: Iterable[Lab], current: str | None = None) -> None:
        """List ``labs``, highlighting ``current`` when given."""
        labs = list(labs)
        self.set_options(
            Option(
                Text.assemble(
                    (lab.title, "bold"),
                    f"\n{lab.minutes} min · {len(lab.steps)} steps · {lab.summary.strip()}",
                ),
                id=lab.id,
            )
            for lab in labs
        )
        ids = [lab.id for lab in labs]
        self.highlighted = ids.index(current) if current in ids else (0 if ids else None)
