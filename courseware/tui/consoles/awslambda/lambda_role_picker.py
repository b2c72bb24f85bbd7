"""The Create function form's "Execution role" choice, as the Lambda console offers it."""

from __future__ import annotations

import json
import uuid

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, SelectionList

from courseware.course.iam_templates import (
    BASIC_EXECUTION_POLICY_ARN,
    LAMBDA_TRUST_POLICY,
    TEMPLATES,
    template_policy,
)

NEW_BASIC = "new-basic"
EXISTING = "existing"
FROM_TEMPLATES = "templates"
TEMPLATE_POLICY_NAME = "policy-templates"


class RoleChoiceError(Exception):
    """The role choice is incomplete; the message says what is missing."""


def default_role_name(function_name: str, suffix: str) -> str:
    """The console's name for a new role: ``<function>-role-<suffix>``."""
    return f"{function_name or 'function'}-role-{suffix}"


class RolePicker(Vertical):
    """Create a basic role, use an existing one, or create one from policy templates."""

    DEFAULT_CSS = """
    RolePicker { height: auto; }
    RolePicker RadioSet { width: 100%; }
    RolePicker .role-option { height: auto; display: none; }
    RolePicker .role-option.-shown { display: block; }
    RolePicker SelectionList { height: auto; max-height: 8; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suffix = uuid.uuid4().hex[:8]
        self._name_edited = False
        self._function_name = ""
        self.created_role: str | None = None

    def compose(self) -> ComposeResult:
        with RadioSet(id="role-mode"):
            yield RadioButton(
                "Create a new role with basic Lambda permissions", value=True, id=NEW_BASIC
            )
            yield RadioButton("Use an existing role", id=EXISTING)
            yield RadioButton("Create a new role from AWS policy templates", id=FROM_TEMPLATES)
        with Vertical(classes="role-option -shown", id="role-new"):
            yield Label("Role name")
            yield Input(default_role_name("", self.suffix), id="role-name")
        with Vertical(classes="role-option", id="role-existing"):
            yield Label("Existing role")
            yield Select[str]([], prompt="Choose a role", id="role-select")
        with Vertical(classes="role-option", id="role-templates"):
            yield Label("Policy templates (space toggles)")
            yield SelectionList[str](*((name, name) for name in TEMPLATES), id="role-template-list")

    @property
    def mode(self) -> str:
        """Which option is chosen."""
        pressed = self.query_one("#role-mode", RadioSet).pressed_button
        return pressed.id if pressed is not None and pressed.id else NEW_BASIC

    def set_roles(self, names: list[str]) -> None:
        """Offer these existing roles."""
        self.query_one("#role-select", Select).set_options((n, n) for n in sorted(names))

    def function_named(self, name: str) -> None:
        """Follow the function name in the suggested role name (until the learner edits it)."""
        self._function_name = name
        if not self._name_edited:
            box = self.query_one("#role-name", Input)
            box.value = default_role_name(name, self.suffix)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        mode = self.mode
        self.query_one("#role-new").set_class(mode in (NEW_BASIC, FROM_TEMPLATES), "-shown")
        self.query_one("#role-existing").set_class(mode == EXISTING, "-shown")
        self.query_one("#role-templates").set_class(mode == FROM_TEMPLATES, "-shown")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "role-name":
            expected = default_role_name(self._function_name, self.suffix)
            self._name_edited = event.value != expected
            event.stop()

    def role_name(self) -> str:
        """The role the function will use.

        Raises:
            RoleChoiceError: no role chosen or named.
        """
        if self.mode == EXISTING:
            value = self.query_one("#role-select", Select).value
            if not isinstance(value, str):
                raise RoleChoiceError("Choose an existing role.")
            return value
        name = self.query_one("#role-name", Input).value.strip()
        if not name:
            raise RoleChoiceError("Name the new role.")
        if self.mode == FROM_TEMPLATES and not self.templates():
            raise RoleChoiceError("Choose at least one policy template.")
        return name

    def templates(self) -> list[str]:
        """The chosen policy templates."""
        return list(self.query_one("#role-template-list", SelectionList).selected)

    def role_calls(self, name: str) -> list[tuple[str, dict[str, object]]]:
        """The IAM calls that create the chosen new role (none for an existing role)."""
        if self.mode == EXISTING or self.created_role == name:
            return []
        trust = json.dumps(LAMBDA_TRUST_POLICY)
        calls: list[tuple[str, dict[str, object]]] = [
            ("create_role", {"RoleName": name, "AssumeRolePolicyDocument": trust})
        ]
        if self.mode == NEW_BASIC:
            calls.append(
                ("attach_role_policy", {"RoleName": name, "PolicyArn": BASIC_EXECUTION_POLICY_ARN})
            )
        else:
            policy = template_policy(self.templates())
            calls.append(
                (
                    "put_role_policy",
                    {
                        "RoleName": name,
                        "PolicyName": TEMPLATE_POLICY_NAME,
                        "PolicyDocument": policy,
                    },
                )
            )
        return calls
