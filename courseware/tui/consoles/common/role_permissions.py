"""Configuration → Permissions: the execution role, what its policies allow, who may invoke."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from courseware.tui.consoles.common.cloud_pane import CloudPane
from courseware.tui.consoles.common.iam_summary import actions_by_resource, as_document, pretty
from courseware.tui.shell.cloudcall import CloudCallError


def summary_lines(policies: list[tuple[str, Any]]) -> list[Content]:
    """``name`` headings with ``resource: actions`` lines under each."""
    lines: list[Content] = []
    for name, document in policies:
        lines.append(Content.styled(name, "bold"))
        for resource, actions in actions_by_resource(document).items():
            lines.append(Content(f"  {resource}: {', '.join(actions)}"))
    return lines


class PermissionsView(CloudPane):
    """Execution role, its policies' actions per resource, and the resource-based policy."""

    DEFAULT_CSS = """
    PermissionsView { height: auto; padding: 0; }
    PermissionsView > Static { height: auto; }
    """

    def __init__(self, *, resource_policy: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.resource_policy = resource_policy

    def compose(self) -> ComposeResult:
        yield Static("Permissions", classes="pane-heading")
        yield Static("", id="perm-role")
        yield Static("", id="perm-policies")
        if self.resource_policy:
            yield Static("Resource-based policy", classes="pane-heading")
            yield Static("", id="perm-resource")

    async def load(self, function_name: str, role_arn: str) -> None:
        """Read the role's policies from IAM and the function's policy from Lambda."""
        await self.load_role(role_arn.rpartition("/")[2])
        resource = self.query_one("#perm-resource", Static)
        try:
            got = await self.try_call("lambda", "get_policy", FunctionName=function_name)
        except CloudCallError as exc:
            if "ResourceNotFound" in str(exc):
                resource.update("None: only callers with IAM permission may invoke it.")
            else:
                resource.update(Content.from_markup("[$error]$exc[/]", exc=str(exc)))
            return
        resource.update(Content(pretty(got.get("Policy", "{}"))))

    async def load_role(self, role: str) -> None:
        """Show what the role's managed and inline policies allow, per resource."""
        self.query_one("#perm-role", Static).update(
            Content.from_markup("Execution role: [b]$role[/]", role=role)
        )
        policies: list[tuple[str, Any]] = []
        problems: list[Content] = []
        try:
            attached = await self.try_call("iam", "list_attached_role_policies", RoleName=role)
            for item in attached.get("AttachedPolicies", []):
                arn = str(item["PolicyArn"])
                meta = await self.try_call("iam", "get_policy", PolicyArn=arn)
                version = await self.try_call(
                    "iam",
                    "get_policy_version",
                    PolicyArn=arn,
                    VersionId=meta["Policy"]["DefaultVersionId"],
                )
                document = version["PolicyVersion"]["Document"]
                policies.append((f"{item['PolicyName']} (managed)", as_document(document)))
            inline = await self.try_call("iam", "list_role_policies", RoleName=role)
            for name in inline.get("PolicyNames", []):
                got = await self.try_call("iam", "get_role_policy", RoleName=role, PolicyName=name)
                policies.append((f"{name} (inline)", got["PolicyDocument"]))
        except CloudCallError as exc:
            problems.append(
                Content.from_markup("[$error]Cannot read the role: $exc[/]", exc=str(exc))
            )
        lines = summary_lines(policies) + problems
        self.query_one("#perm-policies", Static).update(
            Content("\n").join(lines)
            if lines
            else Content("The role has no policies: it may do nothing.")
        )
