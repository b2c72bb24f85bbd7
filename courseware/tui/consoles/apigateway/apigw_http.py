"""API Gateway console: HTTP APIs (apigatewayv2) — the list, and a highlighted API's routes."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class HttpApisScreen(AreaScreen):
    """HTTP APIs with their endpoint; the highlighted API's routes and their targets below."""

    BINDINGS = [
        Binding(
            "escape", "app.back", "Back", id="apigw.http.back", tooltip="Back to the REST APIs"
        ),
        Binding("r", "refresh", "Refresh", id="apigw.http.refresh", tooltip="Reload the HTTP APIs"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="apigw-http-apis", cursor_type="row")
        yield Static("Routes", classes="apigw-heading")
        yield DataTable(id="apigw-http-routes", cursor_type="row")
        yield Static("", id="apigw-http-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "API Gateway · HTTP APIs"
        apis = self.query_one("#apigw-http-apis", DataTable)
        for label in ("Name", "ID", "Protocol", "Endpoint"):
            apis.add_column(label, key=label.lower())
        routes = self.query_one("#apigw-http-routes", DataTable)
        routes.add_column("Route", key="route")
        routes.add_column("Target", key="target")
        apis.focus()

    def cloud_ready(self) -> None:
        """Load the APIs."""
        self.load()

    def action_refresh(self) -> None:
        """Reload."""
        self.load()

    @work(exclusive=True, group="apigw-http")
    async def load(self) -> None:
        """GetApis."""
        status = self.query_one("#apigw-http-status", Static)
        try:
            found = await self.try_call("apigatewayv2", "get_apis")
        except CloudCallError as exc:
            status.update(f"Cannot list HTTP APIs: {exc}")
            return
        table = self.query_one("#apigw-http-apis", DataTable)
        table.clear()
        for api in found.get("Items", []):
            table.add_row(
                str(api.get("Name")),
                str(api["ApiId"]),
                str(api.get("ProtocolType", "")),
                str(api.get("ApiEndpoint", "")),
                key=str(api["ApiId"]),
            )
        status.update(f"{table.row_count} HTTP API(s)" if table.row_count else "No HTTP APIs yet.")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted API's routes."""
        if event.data_table.id == "apigw-http-apis":
            self.load_routes()

    @work(exclusive=True, group="apigw-http-routes")
    async def load_routes(self) -> None:
        """GetRoutes and GetIntegrations of the highlighted API."""
        api_id = key_under_cursor(self.query_one("#apigw-http-apis", DataTable))
        routes = self.query_one("#apigw-http-routes", DataTable)
        routes.clear()
        if api_id is None:
            return
        try:
            found = await self.try_call("apigatewayv2", "get_routes", ApiId=api_id)
            integrations = await self.try_call("apigatewayv2", "get_integrations", ApiId=api_id)
        except CloudCallError as exc:
            self.query_one("#apigw-http-status", Static).update(f"Cannot read routes: {exc}")
            return
        uris = {
            f"integrations/{i['IntegrationId']}": str(i.get("IntegrationUri", ""))
            for i in integrations.get("Items", [])
        }
        for route in found.get("Items", []):
            target = str(route.get("Target", ""))
            routes.add_row(
                str(route.get("RouteKey")), uris.get(target, target), key=str(route["RouteId"])
            )
