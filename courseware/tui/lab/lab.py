"""The lab runner: a lab's steps with live status, instructions, hints, solutions and checks."""

from __future__ import annotations

import asyncio

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Button, Input, OptionList

from courseware.cloud.endpoint import Endpoint
from courseware.course.model import Lab, Step
from courseware.course.runner import StepResult, expand
from courseware.tui.lab import lab_work
from courseware.tui.lab.lab_confirm import LabConfirmScreen
from courseware.tui.lab.lab_picker_screen import LabPickerScreen
from courseware.tui.lab.lab_runner_state import RunnerState
from courseware.tui.lab.lab_side import LabSide
from courseware.tui.lab.lab_step_pane import LabStepPane
from courseware.tui.lab.lab_steps import LabStepList
from courseware.tui.shell import settings
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class LabScreen(AreaScreen):
    """Work through a lab; every step is re-checked against the cloud every few seconds."""

    AUTO_CHECK_SECONDS = 3.0
    BINDINGS = [
        Binding("escape", "back", "Back", id="lab.back", tooltip="Leave (checks go on)"),
        Binding("c", "check", "Check", id="lab.check", tooltip="Check every step now"),
        Binding("h", "hint", "Hint", id="lab.hint", tooltip="Reveal the next hint for this step"),
        Binding("s", "solution", "Solution", id="lab.solution", tooltip="Show the step's solution"),
        Binding(
            "S", "solve", "Solve", id="lab.solve", tooltip="Run the step's solution in the cloud"
        ),
        Binding("a", "answer", "Answer", id="lab.answer", tooltip="Type the answer", show=False),
        Binding(
            "r", "reset", "Reset", id="lab.reset", tooltip="Delete the lab's resources, restart"
        ),
        Binding("l", "labs", "Labs", id="lab.labs", tooltip="Choose another lab"),
        Binding(
            "t", "toggle_auto", "Auto-check", id="lab.auto", tooltip="Pause/resume", show=False
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.state: RunnerState | None = None
        self.auto_check = True
        self._pending_lab: str | None = None
        self._checking = self._again = self._solving = self._resetting = self._ready = False
        self._debounce: Timer | None = None

    @property
    def lab(self) -> Lab | None:
        """The open lab."""
        return self.state.lab if self.state else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lab-runner"):
            yield LabSide(id="lab-side")
            yield LabStepPane(id="lab-pane")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Lab"
        self.set_interval(self.AUTO_CHECK_SECONDS, self._auto_tick)
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)
        self._ready = True
        last = settings.load().get("last")
        wanted = self._pending_lab or (
            last.get("id") if isinstance(last, dict) and last.get("kind") == "lab" else None
        )
        if isinstance(wanted, str) and self.cw.course.lab(wanted) is not None:
            self.show_lab(wanted)
        else:
            self.query_one(LabStepPane).show_empty()
            self.call_after_refresh(self._offer_picker)

    def cloud_ready(self) -> None:
        """The cloud is up: show the step again (placeholders need the endpoint), check."""
        if (step := self._step()) is not None:
            self._show_step(step.id)
        self.request_check()

    # --- choosing a lab and a step -------------------------------------------------------
    def show_lab(self, lab_id: str) -> None:
        """Open ``lab_id`` (remembered as the last lab) and check it."""
        lab = self.cw.course.lab(lab_id)
        if lab is None:
            self.notify(f"There is no lab {lab_id!r}.", severity="error")
        elif not self._ready:
            self._pending_lab = lab_id
        else:
            if isinstance(self.app.screen, LabPickerScreen):
                self.app.pop_screen()
            settings.save(last={"kind": "lab", "id": lab.id})
            self.title = f"Lab: {lab.id}"
            if lab is not self.lab:  # the open lab keeps its hints and typed answers
                self._start(lab)
            self.query_one(LabStepList).focus()

    def _start(self, lab: Lab) -> None:
        """Show ``lab`` with nothing known yet, then check it."""
        self.state = RunnerState(lab, hints=lab_work.hints_shown(lab))  # hints stay revealed
        self.query_one(LabStepList).show_lab(lab)
        self._show_step(lab.steps[0].id)
        self._set_state()
        self.request_check()

    async def action_back(self) -> None:
        """Leave the answer box first; else leave the area (checks go on)."""
        if isinstance(self.focused, Input):
            self.query_one(LabStepList).focus()
        else:
            await self.cw.action_back()

    def action_labs(self) -> None:
        """Show the lab picker (it opens the lab chosen)."""
        if self.app.screen is self:
            picker = LabPickerScreen(self.cw.course.labs, self.lab.id if self.lab else None)
            self.app.push_screen(picker, self._picked)

    def _offer_picker(self) -> None:
        """With no lab chosen by then (e.g. by app.open_lab), let the learner pick one."""
        if self.lab is None:
            self.action_labs()

    def _picked(self, lab_id: str | None) -> None:
        if lab_id:
            self.show_lab(lab_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option_list, LabStepList) and event.option.id:
            self._show_step(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, LabStepList):
            pane = self.query_one(LabStepPane)
            step = self._step()
            (pane.answer if step and step.kind == "knowledge" else pane.detail).focus()

    def _step(self) -> Step | None:
        """The selected step."""
        step_id = self.query_one(LabStepList).step_id
        return self.lab.step(step_id) if self.lab and step_id else None

    def _show_step(self, step_id: str) -> None:
        state = self.state
        step = state.lab.step(step_id) if state else None
        if state is None or step is None:
            return
        number = state.lab.steps.index(step) + 1
        text = expand(step.instructions, state.lab, self.cw.endpoint)
        self.query_one(LabStepPane).show_step(step, number, text, state, self.cw.endpoint)

    def _redraw(self, step_id: str) -> None:
        """Redraw a step's line (and its result when it is the one shown)."""
        if self.state is not None:
            self.query_one(LabSide).redraw(step_id, self.state)
            if self.query_one(LabStepList).step_id == step_id:
                self.query_one(LabStepPane).show_result(step_id, self.state)

    def _set_state(self) -> None:
        if self.cw.clients is None:
            doing = "cloud starting…"
        elif self._resetting or self._checking:
            doing = "resetting…" if self._resetting else "checking…"
        else:
            doing = f"auto {self.AUTO_CHECK_SECONDS:g} s" if self.auto_check else "auto off (t)"
        self.query_one(LabSide).show_progress(self.state, doing)

    # --- checking ------------------------------------------------------------------------
    def request_check(self) -> None:
        """Check every step in a worker (again when done, if one is already running)."""
        endpoint = self.cw.endpoint
        if self.state is None or endpoint is None or self.cw.clients is None or self._resetting:
            return
        if self._checking:
            self._again = True
            return
        self._checking = True
        self._set_state()
        self._check(self.state, endpoint)

    @work(group="lab-check")
    async def _check(self, state: RunnerState, endpoint: Endpoint) -> None:
        try:
            results, helps = await asyncio.to_thread(lab_work.check_all, state.lab, endpoint)
        except Exception as exc:  # the cloud went away: say so, keep going
            self.notify(f"Could not check the lab: {exc}", severity="error")
            results, helps = [], {}
        self._checking = False
        if state is self.state and results:
            self._apply(results, helps)
        self._set_state()
        if self._again:
            self._again = False
            self.request_check()

    def _auto_tick(self) -> None:
        if self.auto_check and not self._checking:
            self.request_check()

    def _cloud_changed(self, _what: str) -> None:
        """Something changed the cloud in the app: re-check soon (changes come in bursts)."""
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(0.3, self.request_check)

    def _apply(self, results: list[StepResult], helps: dict[str, str]) -> None:
        """Show new results; announce steps that passed and move on from a passed step."""
        assert self.state is not None
        first = not self.state.checked
        passed = self.state.apply(results, helps)
        for result in results:
            self._redraw(result.step_id)
        ids = [step.id for step in self.state.lab.steps]
        for step_id in passed:
            title = self.state.lab.steps[ids.index(step_id)].title
            self.notify(f"Step {ids.index(step_id) + 1} passed: {title}", timeout=3)
        if passed:
            summary = lab_work.completion_lines(self.state.lab, results, self.cw.course)
            if summary:
                self.notify("\n".join(summary), title="Lab complete", timeout=30)
        steps = self.query_one(LabStepList)
        current = steps.step_id
        if first or current in passed:
            target = self.state.next_step(None if first else current)
            if target is not None:
                steps.select_step(target)
        self._set_state()

    def action_check(self) -> None:
        """Check every step now."""
        if not self._no_cloud():
            self.request_check()

    def _no_cloud(self) -> bool:
        """Tell the learner when the cloud is not up yet."""
        if self.cw.endpoint is None or self.cw.clients is None:
            self.notify("The cloud is still starting; try again in a moment.", severity="warning")
            return True
        return False

    def action_toggle_auto(self) -> None:
        """Pause or resume the automatic re-check."""
        self.auto_check = not self.auto_check
        self._set_state()

    # --- help: hints, solutions, answers ---------------------------------------------------
    def _chosen(self) -> tuple[RunnerState, Step] | None:
        step = self._step()
        return (self.state, step) if self.state is not None and step is not None else None

    def action_hint(self) -> None:
        """Reveal the next hint of the selected step (and remember that it was needed)."""
        if (chosen := self._chosen()) and self.query_one(LabStepPane).next_hint(*chosen):
            self._redraw(chosen[1].id)

    @work(group="lab-solution")
    async def action_solution(self) -> None:
        """Show the selected step's solution (it counts as help)."""
        if chosen := self._chosen():
            await self.query_one(LabStepPane).reveal_solution(*chosen, self.cw.endpoint)
            if chosen[0] is self.state:
                self._redraw(chosen[1].id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "lab-run-solution":
            event.stop()
            self.action_solve()

    @work(group="lab-solve")
    async def action_solve(self) -> None:
        """Run the selected step's solution against the cloud and show what it printed."""
        chosen, endpoint = self._chosen(), self.cw.endpoint
        if chosen is None or self._no_cloud():
            return
        assert endpoint is not None
        if self._solving:
            self.notify("A solution is already running.", severity="warning")
            return
        self._solving = True
        try:
            await self.query_one(LabStepPane).run_solution(*chosen, endpoint)
        finally:
            self._solving = False
        if chosen[0] is self.state:
            self._redraw(chosen[1].id)
        self.cw.cloud_changed.publish("lab.solve")

    def action_answer(self) -> None:
        """Go to the answer box of a question step."""
        step = self._step()
        if step is None or step.kind != "knowledge":
            self.notify("This step has no question: do it in the cloud, it is checked for you.")
            return
        self.query_one(LabStepPane).answer.focus()

    def on_lab_step_pane_answered(self, event: LabStepPane.Answered) -> None:
        """A typed answer was checked: show it (a right one may move on to the next step)."""
        if event.state is not self.state:
            return
        if event.result.status == "passed":
            self._apply([event.result], {})
        else:
            self._redraw(event.result.step_id)

    # --- reset -----------------------------------------------------------------------------
    def action_reset(self) -> None:
        """Ask, then delete the lab's resources and recorded help and answers."""
        lab = self.lab
        if lab is not None and not self._no_cloud():
            self.app.push_screen(LabConfirmScreen.reset(lab), self._reset_confirmed)

    def _reset_confirmed(self, yes: bool | None) -> None:
        if yes and self.lab is not None:
            self._reset(self.lab)

    @work(group="lab-reset", exclusive=True)
    async def _reset(self, lab: Lab) -> None:
        endpoint = self.cw.endpoint
        if endpoint is None or lab is not self.lab:
            return
        self._resetting = True
        self._set_state()
        try:
            deleted = await asyncio.to_thread(lab_work.reset, lab, endpoint)
        except Exception as exc:  # the cloud went away: say so
            self.cw.report(exc, title="Lab reset failed")
            return
        finally:
            self._resetting = False
            self._set_state()
        self.notify(f"Lab reset: deleted {', '.join(deleted) if deleted else 'nothing'}.")
        self.cw.cloud_changed.publish("lab.reset")
        self._start(lab)
