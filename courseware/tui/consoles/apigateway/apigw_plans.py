"""API Gateway console: usage plans — throttle and quota, the API stages and keys they cover."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from courseware.tui.consoles.apigateway.apigw_model import PERIODS, plan_request, plan_row
from courseware.tui.consoles.common.cloud_pane import start
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class UsagePlansScreen(AreaScreen):
    """Usage plans; create one with a stage and a key, or add either to the highlighted plan."""

    BINDINGS = [
        Binding(
            "escape", "app.back", "Back", id="apigw.plans.back", tooltip="Back to the REST APIs"
        ),
        Binding(
            "ctrl+s",
            "create",
            "Create plan",
            id="apigw.plans.create",
            tooltip="Create the usage plan",
        ),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="apigw.plans.delete",
            tooltip="Delete the highlighted plan (asks first)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plans: dict[str, dict[str, Any]] = {}
        self.offered: dict[str, list[tuple[str, str]]] = {}  # select id -> its options

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="apigw-plans-form"):
            yield DataTable(id="apigw-plans", cursor_type="row")
            yield Static("", id="apigw-plan-keys", markup=False)
            yield Label("Name")
            yield Input(placeholder="e.g. webhook-plan", id="apigw-plan-name")
            with Horizontal(classes="apigw-row"):
                yield Label("Rate (req/s)")
                yield Input(id="apigw-plan-rate", type="number")
                yield Label("Burst")
                yield Input(id="apigw-plan-burst", type="integer")
            with Horizontal(classes="apigw-row"):
                yield Label("Quota")
                yield Input(id="apigw-plan-quota", type="integer")
                yield Select[str](
                    ((p, p) for p in PERIODS),
                    value="DAY",
                    allow_blank=False,
                    id="apigw-plan-period",
                )
            yield Label("API stage")
            yield Select[str]([], prompt="No API stage", id="apigw-plan-stage")
            yield Label("API key")
            yield Select[str]([], prompt="No API key", id="apigw-plan-key")
            with Horizontal(classes="apigw-buttons"):
                yield Button("Create usage plan", id="apigw-plan-create", variant="primary")
                yield Button("Add stage to plan", id="apigw-plan-add-stage")
                yield Button("Add key to plan", id="apigw-plan-add-key")
            yield Static("", id="apigw-plan-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "API Gateway · Usage plans"
        table = self.query_one("#apigw-plans", DataTable)
        for label, key in (
            ("Name", "name"),
            ("Stages", "stages"),
            ("Throttle", "throttle"),
            ("Quota", "quota"),
        ):
            table.add_column(label, key=key)
        table.focus()

    def cloud_ready(self) -> None:
        """Load plans, stages and keys."""
        self.load()

    def action_refresh(self) -> None:
        """Reload."""
        self.load()

    @work(exclusive=True, group="apigw-plans")
    async def load(self) -> None:
        """GetUsagePlans; every API stage and key for the choices."""
        status = self.query_one("#apigw-plan-status", Static)
        try:
            plans = await self.try_call("apigateway", "get_usage_plans", limit=500)
            apis = await self.try_call("apigateway", "get_rest_apis", limit=500)
            keys = await self.try_call("apigateway", "get_api_keys", limit=500)
            stages: list[tuple[str, str]] = []
            for api in apis.get("items", []):
                found = await self.try_call("apigateway", "get_stages", restApiId=api["id"])
                for stage in found.get("item", []):
                    label = f"{api['name']} ({api['id']}) stage {stage['stageName']}"
                    stages.append((label, f"{api['id']}:{stage['stageName']}"))
        except CloudCallError as exc:
            status.update(f"Cannot list usage plans: {exc}")
            return
        self._choices("#apigw-plan-stage", sorted(stages))
        self._choices(
            "#apigw-plan-key",
            sorted((str(k.get("name")), str(k["id"])) for k in keys.get("items", [])),
        )
        table = self.query_one("#apigw-plans", DataTable)
        selected = key_under_cursor(table)
        table.clear()
        self.plans = {str(p["id"]): p for p in plans.get("items", [])}
        for plan_id, plan in self.plans.items():
            table.add_row(*plan_row(plan), key=plan_id)
        if selected in self.plans:
            table.move_cursor(row=table.get_row_index(selected))
        await self.show_keys()

    def _choices(self, selector: str, options: list[tuple[str, str]]) -> None:
        select = self.query_one(selector, Select)
        if self.offered.get(selector) != options:
            self.offered[selector] = options
            value = select.value
            select.set_options(options)
            if value in {v for _, v in options}:
                select.value = value

    def _plan_id(self) -> str | None:
        return key_under_cursor(self.query_one("#apigw-plans", DataTable))

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        """The highlighted plan's keys."""
        start(self, self.show_keys, "apigw-plan-keys")

    async def show_keys(self) -> None:
        """GetUsagePlanKeys of the highlighted plan."""
        plan_id = self._plan_id()
        shown = self.query_one("#apigw-plan-keys", Static)
        if plan_id is None:
            shown.update("No usage plan yet: fill the form and press ctrl+s.")
            return
        found = await self.call("apigateway", "get_usage_plan_keys", usagePlanId=plan_id)
        names = [str(k.get("name")) for k in (found or {}).get("items", [])]
        plan = self.plans.get(plan_id, {})
        shown.update(f"{plan.get('name')}: keys {', '.join(names) or 'none'}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create a plan, or add a stage or a key to the highlighted one."""
        event.stop()
        work = {
            "apigw-plan-create": self.action_create,
            "apigw-plan-add-stage": self.add_stage,
            "apigw-plan-add-key": self.add_key,
        }[str(event.button.id)]
        start(self, work, "apigw-plan-change")

    def _value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    async def action_create(self) -> None:
        """CreateUsagePlan (with the chosen stage), then CreateUsagePlanKey for the chosen key."""
        status = self.query_one("#apigw-plan-status", Static)

        def text(name: str) -> str:
            return self.query_one(f"#apigw-plan-{name}", Input).value

        try:
            params = plan_request(
                text("name"),
                text("rate"),
                text("burst"),
                text("quota"),
                str(self.query_one("#apigw-plan-period", Select).value),
                self._value("#apigw-plan-stage"),
            )
            plan = await self.try_call("apigateway", "create_usage_plan", **params)
            key = self._value("#apigw-plan-key")
            if key is not None:
                await self.try_call(
                    "apigateway",
                    "create_usage_plan_key",
                    usagePlanId=plan["id"],
                    keyId=key,
                    keyType="API_KEY",
                )
        except (FormError, CloudCallError) as exc:
            status.update(f"Not created: {exc}")
            return
        status.update(f"Usage plan {params['name']} created.")
        self.load()

    async def add_stage(self) -> None:
        """UpdateUsagePlan: add the chosen API stage to the highlighted plan."""
        status = self.query_one("#apigw-plan-status", Static)
        plan_id, stage = self._plan_id(), self._value("#apigw-plan-stage")
        if plan_id is None or stage is None:
            status.update("Highlight a plan and choose an API stage.")
            return
        try:
            await self.try_call(
                "apigateway",
                "update_usage_plan",
                usagePlanId=plan_id,
                patchOperations=[{"op": "add", "path": "/apiStages", "value": stage}],
            )
        except CloudCallError as exc:
            status.update(f"Not added: {exc}")
            return
        status.update(f"Stage {stage} added.")
        self.load()

    async def add_key(self) -> None:
        """CreateUsagePlanKey: the chosen key into the highlighted plan."""
        status = self.query_one("#apigw-plan-status", Static)
        plan_id, key = self._plan_id(), self._value("#apigw-plan-key")
        if plan_id is None or key is None:
            status.update("Highlight a plan and choose an API key.")
            return
        try:
            await self.try_call(
                "apigateway",
                "create_usage_plan_key",
                usagePlanId=plan_id,
                keyId=key,
                keyType="API_KEY",
            )
        except CloudCallError as exc:
            status.update(f"Not added: {exc}")
            return
        status.update("Key added to the plan.")
        self.load()

    def action_delete(self) -> None:
        """Delete the highlighted plan (asks first)."""
        plan_id = self._plan_id()
        if plan_id is not None:
            name = str(self.plans.get(plan_id, {}).get("name"))
            self.confirm_then(
                f"Delete usage plan {name}?",
                lambda: self.delete(
                    f"Usage plan {name}", "apigateway", "delete_usage_plan", usagePlanId=plan_id
                ),
            )
