"""The lab runner's step list: one line per step with a live status icon."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from courseware.course.model import Lab
from courseware.tui.lab.lab_status import step_label


class LabStepList(OptionList):
    """The steps of a lab; each option's id is the step id."""

    DEFAULT_CSS = """
    LabStepList {
        height: 1fr;
        border: round $border-blurred;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &:focus { border: round $border; }
    }
    """

    def show_lab(self, lab: Lab) -> None:
        """List ``lab``'s steps, all pending, the first highlighted."""
        self.lab = lab
        self.border_title = lab.title
        self.set_options(
            Option(step_label(n, s.title, "pending"), id=s.id) for n, s in enumerate(lab.steps, 1)
        )
        self.highlighted = 0 if lab.steps else None

    def set_status(self, step_id: str, status: str, help_used: str) -> None:
        """Redraw one step's line."""
        index = self.get_option_index(step_id)
        title = self.lab.steps[index].title
        self.replace_option_prompt_at_index(index, step_label(index + 1, title, status, help_used))

    @property
    def step_id(self) -> str | None:
        """The highlighted step's id."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def select_step(self, step_id: str) -> None:
        """Highlight ``step_id``."""
        self.highlighted = self.get_option_index(step_id)
