"""API Gateway console: one REST API — its resources tree with methods, and its stages."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from courseware.cloud.apigw.urls import path_style_url, stage_url
from courseware.tui.consoles.apigateway.apigw_model import (
    REGION,
    TreeLine,
    execute_api_arn,
    resource_tree,
)
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

RESOURCE_ACTIONS = frozenset({"new_resource", "method", "test", "delete", "copy_arn"})
STAGE_ACTIONS = frozenset({"copy_url", "call"})


class ApiScreen(AreaScreen):
    """A REST API's Resources (a text tree, methods under their resource) and Stages tabs."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="apigw.api.back", tooltip="Back to the REST APIs"),
        Binding(
            "n",
            "new_resource",
            "New resource",
            id="apigw.api.resource",
            tooltip="Create a child resource of the highlighted one (a path part or {param})",
        ),
        Binding(
            "m",
            "method",
            "Method",
            id="apigw.api.method",
            tooltip="Create a method on the highlighted resource, or edit the highlighted method",
        ),
        Binding(
            "t",
            "test",
            "Test",
            id="apigw.api.test",
            tooltip="Test the highlighted method (TestInvokeMethod: path, query, headers, body)",
        ),
        Binding("d", "deploy", "Deploy API", id="apigw.api.deploy", tooltip="Deploy to a stage"),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="apigw.api.delete",
            tooltip="Delete the highlighted resource or method (asks first)",
        ),
        Binding(
            "y",
            "copy_url",
            "Copy URL",
            id="apigw.api.copy",
            tooltip="Copy the highlighted stage's invoke URL to the clipboard",
        ),
        Binding(
            "a",
            "copy_arn",
            "Copy ARN",
            id="apigw.api.arn",
            tooltip="Copy the highlighted method's execute-api ARN (a SourceArn for add-permission)",
        ),
        Binding(
            "c",
            "call",
            "Call URL",
            id="apigw.api.call",
            tooltip="Call the highlighted stage's URL, as curl does (API keys and all)",
        ),
        Binding("r", "refresh", "Refresh", id="apigw.api.refresh", tooltip="Reload the API"),
    ]

    def __init__(self, api_id: str, api_name: str) -> None:
        super().__init__()
        self.api_id = api_id
        self.api_name = api_name
        self.lines: dict[str, TreeLine] = {}
        self.urls: dict[str, str] = {}
        self.stages: list[dict[str, Any]] = []
        self.account = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(f"{self.api_name} · id {self.api_id}"), id="apigw-api-summary")
        with TabbedContent(id="apigw-api-tabs"):
            with TabPane("Resources", id="apigw-tab-resources"):
                yield DataTable(id="apigw-tree", cursor_type="row")
                yield Static("", id="apigw-tree-status")
            with TabPane("Stages", id="apigw-tab-stages"):
                yield DataTable(id="apigw-stages", cursor_type="row")
                yield Static("", id="apigw-stage-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"API Gateway · {self.api_name}"
        tree = self.query_one("#apigw-tree", DataTable)
        tree.add_column("Resource", key="resource")
        tree.add_column("Details", key="detail")
        stages = self.query_one("#apigw-stages", DataTable)
        stages.add_column("Stage", key="stage")
        stages.add_column("Deployment", key="deployment")
        stages.add_column("Invoke URL", key="url")
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        """Load the tree and the stages."""
        self.load()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith(("apigateway.", "lambda.")) and self.app.screen is self:
            self.load()

    def on_screen_resume(self) -> None:
        """A form may have changed the API."""
        if self.cw.clients is not None:
            self.load()

    def action_refresh(self) -> None:
        """Reload the API."""
        self.load()

    @work(exclusive=True, group="apigw-api")
    async def load(self) -> None:
        """Read the resources (with their methods) and the stages."""
        status = self.query_one("#apigw-tree-status", Static)
        try:
            found = await self.try_call(
                "apigateway", "get_resources", restApiId=self.api_id, limit=500, embed=["methods"]
            )
            stages = await self.try_call("apigateway", "get_stages", restApiId=self.api_id)
            if not self.account:
                who = await self.try_call("sts", "get_caller_identity")
                self.account = str(who.get("Account", ""))
        except CloudCallError as exc:
            status.update(Content(f"Cannot read the API: {exc}"))
            return
        self._show_tree(resource_tree(list(found.get("items", []))))
        self._show_stages(list(stages.get("item", [])))
        self._tree_status()

    def method_arn(self) -> str | None:
        """The execute-api ARN (every stage) of the highlighted method, or None."""
        line = self.line
        if line is None or line.verb is None or not self.account:
            return None
        return execute_api_arn(REGION, self.account, self.api_id, line.verb, line.path)

    def _tree_status(self) -> None:
        arn = self.method_arn()
        self.query_one("#apigw-tree-status", Static).update(
            Content(f"{arn}  (a copies it: the SourceArn for Lambda's Add permission)")
            if arn
            else Content("n new resource · m method · t test a method · d deploy · Tab: Stages")
        )

    def _show_tree(self, lines: list[TreeLine]) -> None:
        table = self.query_one("#apigw-tree", DataTable)
        selected = key_under_cursor(table)
        table.clear()
        self.lines = {line.key: line for line in lines}
        for line in lines:
            table.add_row(Text(line.label), Text(line.detail), key=line.key)
        if selected in self.lines:
            table.move_cursor(row=table.get_row_index(selected))

    def _show_stages(self, stages: list[dict[str, Any]]) -> None:
        table = self.query_one("#apigw-stages", DataTable)
        selected = key_under_cursor(table)
        table.clear()
        self.urls, self.stages = {}, stages
        endpoint = self.cw.clients.endpoint if self.cw.clients is not None else None
        for stage in sorted(stages, key=lambda s: str(s.get("stageName"))):
            name = str(stage.get("stageName"))
            url = stage_url(endpoint, self.api_id, name) if endpoint else ""
            self.urls[name] = url
            table.add_row(name, str(stage.get("deploymentId", "")), url, key=name)
        if selected in self.urls:
            table.move_cursor(row=table.get_row_index(selected))
        self._stage_detail(stages)

    def _stage_detail(self, stages: list[dict[str, Any]]) -> None:
        detail = self.query_one("#apigw-stage-detail", Static)
        name = key_under_cursor(self.query_one("#apigw-stages", DataTable))
        stage = next((s for s in stages if s.get("stageName") == name), None)
        if stage is None or self.cw.clients is None:
            detail.update("No stage yet: press d to deploy the API to a stage (e.g. prod).")
            return
        variables = stage.get("variables") or {}
        lines = [
            f"Invoke URL: {self.urls[str(name)]}   (y copies it)",
            f"Path style: {path_style_url(self.cw.clients.endpoint, self.api_id, str(name))}",
            f"In AWS: https://{self.api_id}.execute-api.{REGION}.amazonaws.com/{name}/",
            "Stage variables: "
            + (", ".join(f"{k}={v}" for k, v in sorted(variables.items())) or "none"),
        ]
        detail.update(Content("\n".join(lines)))

    @property
    def line(self) -> TreeLine | None:
        """The tree line under the cursor."""
        return self.lines.get(key_under_cursor(self.query_one("#apigw-tree", DataTable)) or "")

    def _on_resources(self) -> bool:
        tabs = self.query("#apigw-api-tabs")
        return not tabs or tabs.first(TabbedContent).active == "apigw-tab-resources"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The tree's keys on the Resources tab, Copy URL on the Stages tab."""
        if not self.is_mounted:
            return True
        if action in RESOURCE_ACTIONS:
            return self._on_resources()
        if action in STAGE_ACTIONS:
            return not self._on_resources()
        return True

    def on_tabbed_content_tab_activated(self, _event: TabbedContent.TabActivated) -> None:
        """The footer shows the active tab's keys."""
        self.refresh_bindings()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The stage detail follows the cursor."""
        if event.data_table.id == "apigw-stages":
            self._stage_detail(self.stages)
        else:
            self._tree_status()

    def action_new_resource(self) -> None:
        """Create a child of the highlighted resource (the root if none)."""
        from courseware.tui.consoles.apigateway.apigw_resource import ResourceCreateScreen

        line = self.line or next(iter(self.lines.values()), None)
        if line is not None:
            self.app.push_screen(ResourceCreateScreen(self.api_id, line.resource_id, line.path))

    def action_method(self) -> None:
        """Create a method on the highlighted resource, or edit the highlighted method."""
        from courseware.tui.consoles.apigateway.apigw_method import MethodScreen

        line = self.line
        if line is not None:
            self.app.push_screen(MethodScreen(self.api_id, line.resource_id, line.path, line.verb))

    def action_test(self) -> None:
        """Test the highlighted method."""
        from courseware.tui.consoles.apigateway.apigw_test import MethodTestScreen

        line = self.line
        if line is None or line.verb is None:
            self.notify("Highlight a method (● POST) in the tree to test it.", title="Test")
            return
        self.app.push_screen(MethodTestScreen(self.api_id, line.resource_id, line.path, line.verb))

    def action_deploy(self) -> None:
        """Deploy the API to a stage."""
        from courseware.tui.consoles.apigateway.apigw_deploy import DeployScreen

        variables = {str(s["stageName"]): dict(s.get("variables") or {}) for s in self.stages}
        self.app.push_screen(DeployScreen(self.api_id, self.api_name, variables))

    def action_delete(self) -> None:
        """Delete the highlighted method or resource (asks first)."""
        line = self.line
        if line is None:
            return
        if line.verb is not None:
            verb = line.verb
            self.confirm_then(
                f"Delete the method {verb} {line.path}?",
                lambda: self.delete(
                    f"Method {verb} {line.path}",
                    "apigateway",
                    "delete_method",
                    restApiId=self.api_id,
                    resourceId=line.resource_id,
                    httpMethod=verb,
                ),
            )
        elif line.path != "/":
            self.confirm_then(
                f"Delete the resource {line.path} and everything under it?",
                lambda: self.delete(
                    f"Resource {line.path}",
                    "apigateway",
                    "delete_resource",
                    restApiId=self.api_id,
                    resourceId=line.resource_id,
                ),
            )

    def action_copy_url(self) -> None:
        """Copy the highlighted stage's invoke URL."""
        name = key_under_cursor(self.query_one("#apigw-stages", DataTable))
        if name is not None and self.urls.get(name):
            self.app.copy_to_clipboard(self.urls[name])
            self.notify(f"Copied {self.urls[name]}", title="Invoke URL")

    def action_copy_arn(self) -> None:
        """Copy the highlighted method's execute-api ARN."""
        arn = self.method_arn()
        if arn is None:
            self.notify("Highlight a method (● POST) in the tree.", title="Copy ARN")
            return
        self.app.copy_to_clipboard(arn)
        self.notify(f"Copied {arn}", title="execute-api ARN")

    def action_call(self) -> None:
        """Call the highlighted stage's URL (a request through the stage, like curl)."""
        from courseware.tui.consoles.apigateway.apigw_call import CallStageScreen

        name = key_under_cursor(self.query_one("#apigw-stages", DataTable))
        if name is not None and self.cw.clients is not None:
            url = path_style_url(self.cw.clients.endpoint, self.api_id, name)
            self.app.push_screen(CallStageScreen(f"{self.api_name} ({name})", url, self.urls[name]))
