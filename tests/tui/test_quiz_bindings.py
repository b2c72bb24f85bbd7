"""Every quiz/exam binding has an id (for keymaps) and a tooltip (for the footer)."""

from __future__ import annotations

import importlib
import inspect

import pytest

MODULES = [
    "courseware.tui.screens.quiz_home",
    "courseware.tui.screens.quiz_question",
    "courseware.tui.screens.exam_session",
    "courseware.tui.screens.exam_navigator",
    "courseware.tui.screens.exam_confirm",
    "courseware.tui.screens.exam_results",
    "courseware.tui.widgets.option_picker",
]


@pytest.mark.parametrize("name", MODULES)
def test_bindings_have_ids_and_tooltips(name: str) -> None:
    module = importlib.import_module(name)
    classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == name]
    bindings = [b for c in classes for b in c.__dict__.get("BINDINGS", [])]
    assert bindings, f"{name} defines no bindings"
    assert [b.key for b in bindings if not (b.id and b.tooltip)] == []
    ids = [b.id for b in bindings]
    assert len(ids) == len(set(ids))
