"""API Gateway console: the REST API list; create, delete and open APIs; keys, plans, HTTP APIs."""

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


class ApiGatewayScreen(AreaScreen):
    """Every REST API with its id; Enter opens its resources and stages."""

    BINDINGS = [
        Binding(
            "escape", "app.back", "Back", id="apigw.back", tooltip="Leave the API Gateway console"
        ),
        Binding("c", "create", "Create API", id="apigw.create", tooltip="Create a REST API"),
        Binding("enter", "open", "Open", id="apigw.open", tooltip="Resources, methods and stages"),
        Binding(
            "delete", "delete", "Delete", id="apigw.delete", tooltip="Delete the API (asks first)"
        ),
        Binding("k", "keys", "API keys", id="apigw.keys", tooltip="API keys: create, list, delete"),
        Binding(
            "u",
            "plans",
            "Usage plans",
            id="apigw.plans",
            tooltip="Usage plans: throttle, quota, stages, keys",
        ),
        Binding(
            "h",
            "http_apis",
            "HTTP APIs",
            id="apigw.http",
            tooltip="HTTP APIs (v2) and their routes",
        ),
        Binding("r", "refresh", "Refresh", id="apigw.refresh", tooltip="Reload the API list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading REST APIs…", id="apigw-status")
        yield DataTable(id="apigw-apis", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "API Gateway"
        table = self.query_one("#apigw-apis", DataTable)
        table.add_column("Name", key="name")
        table.add_column("ID", key="id")
        table.add_column("Endpoint", key="endpoint")
        table.add_column("Description", key="description")
        table.focus()
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        """Load the APIs."""
        self.load_apis()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("apigateway.") and self.app.screen is self:
            self.load_apis()

    def on_screen_resume(self) -> None:
        """APIs may have been created meanwhile."""
        if self.cw.clients is not None:
            self.load_apis()

    def action_refresh(self) -> None:
        """Reload the list."""
        self.load_apis()

    @work(exclusive=True, group="apigw-list")
    async def load_apis(self) -> None:
        """List the REST APIs (newest last)."""
        status = self.query_one("#apigw-status", Static)
        try:
            found = await self.try_call("apigateway", "get_rest_apis", limit=500)
        except CloudCallError as exc:
            status.update(f"Cannot list REST APIs: {exc}")
            return
        apis = sorted(found.get("items", []), key=lambda a: str(a.get("createdDate", "")))
        table = self.query_one("#apigw-apis", DataTable)
        selected = key_under_cursor(table)
        table.clear()
        self.names = {}
        for api in apis:
            api_id = str(api["id"])
            self.names[api_id] = str(api.get("name", ""))
            kinds = ",".join((api.get("endpointConfiguration") or {}).get("types") or ["REGIONAL"])
            table.add_row(
                self.names[api_id], api_id, kinds, str(api.get("description") or ""), key=api_id
            )
        if selected in self.names:
            table.move_cursor(row=table.get_row_index(selected))
        status.update(
            f"{len(apis)} REST API(s) · Enter opens · c creates · k keys · u usage plans"
            if apis
            else "No REST APIs yet. Press c to create one."
        )

    def action_create(self) -> None:
        """Open the create-API form."""
        from courseware.tui.consoles.apigateway.apigw_create import ApiCreateScreen

        self.app.push_screen(ApiCreateScreen())

    def action_open(self) -> None:
        """Open the API under the cursor."""
        api_id = key_under_cursor(self.query_one("#apigw-apis", DataTable))
        if api_id is not None:
            self.open_api(api_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on an API opens it."""
        event.stop()
        if event.row_key.value is not None:
            self.open_api(str(event.row_key.value))

    def open_api(self, api_id: str) -> None:
        """Open one REST API's page."""
        from courseware.tui.consoles.apigateway.apigw_api import ApiScreen

        self.app.push_screen(ApiScreen(api_id, self.names.get(api_id, api_id)))

    def action_delete(self) -> None:
        """Delete the API under the cursor (asks first)."""
        api_id = key_under_cursor(self.query_one("#apigw-apis", DataTable))
        if api_id is not None:
            name = self.names.get(api_id, api_id)
            self.confirm_then(
                f"Delete REST API {name} ({api_id}) with its resources and stages?",
                lambda: self.delete(
                    f"REST API {name}", "apigateway", "delete_rest_api", restApiId=api_id
                ),
            )

    def action_keys(self) -> None:
        """Open the API keys."""
        from courseware.tui.consoles.apigateway.apigw_keys import ApiKeysScreen

        self.app.push_screen(ApiKeysScreen())

    def action_plans(self) -> None:
        """Open the usage plans."""
        from courseware.tui.consoles.apigateway.apigw_plans import UsagePlansScreen

        self.app.push_screen(UsagePlansScreen())

    def action_http_apis(self) -> None:
        """Open the HTTP APIs."""
        from courseware.tui.consoles.apigateway.apigw_http import HttpApisScreen

        self.app.push_screen(HttpApisScreen())
