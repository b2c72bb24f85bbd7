"""Lambda console: one function's page (Code, Test, Monitor, Configuration, Triggers tabs)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from courseware.tui.consoles.awslambda.code_tab import CodePane
from courseware.tui.consoles.awslambda.lambda_config import ConfigPane
from courseware.tui.consoles.awslambda.lambda_monitor import MonitorPane
from courseware.tui.consoles.awslambda.lambda_test import TestPane
from courseware.tui.consoles.awslambda.lambda_triggers import TriggersPane
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.confirm_dialog import ConfirmDialog
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class FunctionScreen(AreaScreen):
    """Everything about one function, tab by tab, as in the Lambda console."""

    AUTO_FOCUS = "#fn-tabs Tabs"

    BINDINGS = [
        Binding("escape", "leave", "Back", id="lambda.fn.back", tooltip="Back to functions"),
        Binding("ctrl+s", "deploy", "Deploy", id="lambda.fn.deploy", tooltip="Deploy the code"),
        Binding("ctrl+t", "test", "Test", id="lambda.fn.test", tooltip="Invoke with the event"),
        Binding("ctrl+r", "reload", "Reload", id="lambda.fn.reload", tooltip="Reload the function"),
        Binding(
            "ctrl+g",
            "starter",
            "Starter code",
            id="lambda.fn.starter",
            tooltip="Deploy the lab's starter code for this function",
            show=False,  # named on the Code tab's button; the footer keeps Quit/Help in view
        ),
        Binding(
            "alt+t",
            "next_tab",
            "Next tab",
            id="lambda.fn.next-tab",
            tooltip="Code → Test → Monitor → Configuration → Triggers (from anywhere on the page)",
            priority=True,  # even from inside an editor
            show=False,  # in the help and the palette ("Lambda: Test tab")
        ),
    ]
    TABS = (
        ("tab-code", "Code"),
        ("tab-test", "Test"),
        ("tab-monitor", "Monitor"),
        ("tab-config", "Configuration"),
        ("tab-triggers", "Triggers"),
    )

    def __init__(self, function_name: str) -> None:
        super().__init__()
        self.function_name = function_name
        self.config: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(self.function_name), id="fn-summary")
        with TabbedContent(id="fn-tabs"):
            with TabPane("Code", id="tab-code"):
                yield CodePane(self.function_name, id="fn-code")
            with TabPane("Test", id="tab-test"):
                yield TestPane(self.function_name, id="fn-test")
            with TabPane("Monitor", id="tab-monitor"):
                yield MonitorPane(self.function_name, id="fn-monitor")
            with TabPane("Configuration", id="tab-config"):
                yield ConfigPane(self.function_name, id="fn-config")
            with TabPane("Triggers", id="tab-triggers"):
                yield TriggersPane(self.function_name, id="fn-triggers")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"Lambda · {self.function_name}"

    def cloud_ready(self) -> None:
        start(self, partial(self.load, code=True), "fn-load")

    async def load(self, code: bool = False) -> None:
        """Read the function; fill the summary, Configuration and (if ``code``) the Code tab."""
        found = await self.call("lambda", "get_function", FunctionName=self.function_name)
        if found is None:
            self.query_one("#fn-summary", Static).update(
                Content.from_markup("[$error]Cannot read $name.[/]", name=self.function_name)
            )
            return
        self.config = dict(found.get("Configuration", {}))
        self.show_summary()
        self.query_one(ConfigPane).show(self.config)
        self.query_one(TriggersPane).reload()
        if code:
            location = str(found.get("Code", {}).get("Location", ""))
            await self.query_one(CodePane).load(self.config, location)

    def show_summary(self) -> None:
        """One line: runtime, handler, role, memory, timeout."""
        c = self.config
        role = str(c.get("Role", "")).rpartition("/")[2]
        self.query_one("#fn-summary", Static).update(
            Content(
                f"{c.get('Runtime', '')} · {c.get('Handler', '')} · role {role} · "
                f"{c.get('MemorySize', '')} MB · {c.get('Timeout', '')} s"
            )
        )

    def on_code_pane_deployed(self, _message: CodePane.Deployed) -> None:
        start(self, self.load, "fn-load")

    def on_config_pane_updated(self, _message: ConfigPane.Updated) -> None:
        start(self, self.load, "fn-load")

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-monitor":
            self.query_one(MonitorPane).refresh_events()

    def action_deploy(self) -> None:
        """Deploy the Code tab's files."""
        self.query_one(TabbedContent).active = "tab-code"
        self.query_one(CodePane).deploy()

    def action_test(self) -> None:
        """Invoke the function with the Test tab's event."""
        self.query_one(TabbedContent).active = "tab-test"
        self.query_one(TestPane).invoke()

    def action_starter(self) -> None:
        """Deploy the lab's starter code (the Code tab shows which files went in)."""
        self.query_one(TabbedContent).active = "tab-code"
        self.query_one(CodePane).use_starter()

    def show_tab(self, tab_id: str) -> None:
        """Open a tab and put the focus on its tab bar (arrows then move between tabs)."""
        tabs = self.query_one(TabbedContent)
        tabs.active = tab_id
        tabs.query_one(Tabs).focus()

    def action_next_tab(self) -> None:
        """Go to the next tab (wrapping), focus on the tab bar."""
        ids = [tab_id for tab_id, _ in self.TABS]
        current = self.query_one(TabbedContent).active
        self.show_tab(ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0])

    def palette_commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        """Palette entries: "Lambda: Code tab" and so on."""
        return [
            (f"Lambda: {title} tab", f"Show the function's {title} tab", partial(self.show_tab, i))
            for i, title in self.TABS
        ]

    async def action_leave(self) -> None:
        """Back to the functions, asking first when the editor holds code not deployed."""
        if not self.query_one(CodePane).dirty():
            await self.app.run_action("back")
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.call_later(self.app.run_action, "back")

        self.app.push_screen(
            ConfirmDialog(
                f"The code of {self.function_name} has edits that are not deployed. "
                "Leave and lose them?",
                yes="Leave",
            ),
            answered,
        )

    def action_reload(self) -> None:
        """Reload everything from the cloud (the editor too: unsaved edits are replaced)."""
        start(self, partial(self.load, code=True), "fn-load")
