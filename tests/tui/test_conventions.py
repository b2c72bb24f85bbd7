"""House rules for the whole TUI: binding ids and tooltips, one stylesheet, small modules, no cycles."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from textual.binding import Binding
from textual.screen import Screen

import courseware.tui
from courseware.tui.consoles import CONSOLES
from courseware.tui.shell.app import CoursewareApp

TUI = Path(courseware.tui.__file__).parent
ROOT = TUI.parents[1]
MODULES = sorted(
    "courseware.tui." + ".".join(p.relative_to(TUI).with_suffix("").parts)
    for p in TUI.rglob("*.py")
    if p.name != "__init__.py"
)


def _bindings(name: str) -> list[Binding]:
    module = importlib.import_module(name)
    classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == name]
    return [b for c in classes for b in c.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


@pytest.mark.parametrize("name", MODULES)
def test_bindings_have_unique_ids_and_tooltips(name: str) -> None:
    bindings = _bindings(name)
    assert [b.key for b in bindings if not (b.id and b.tooltip)] == []
    ids = [b.id for b in bindings]
    assert len(ids) == len(set(ids)), ids


def test_binding_ids_are_unique_across_the_app() -> None:
    seen: dict[str, str] = {}
    for name in MODULES:
        for binding in _bindings(name):
            assert binding.id is not None
            assert seen.setdefault(binding.id, name) == name, (
                f"{binding.id} in {seen[binding.id]} and {name}"
            )


# Reusable dialogs, shared by many screens, carry their own DEFAULT_CSS like a widget does.
REUSABLE_SCREENS = {"courseware.tui.shell.confirm_dialog"}


@pytest.mark.parametrize("name", MODULES)
def test_screens_keep_their_styles_in_the_stylesheet(name: str) -> None:
    if name in REUSABLE_SCREENS:
        return
    module = importlib.import_module(name)
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ == name and issubclass(cls, Screen):
            assert not cls.__dict__.get("DEFAULT_CSS"), (
                f"{cls.__name__}: put screen styles in courseware.tcss"
            )
            assert not cls.__dict__.get("CSS"), (
                f"{cls.__name__}: put screen styles in courseware.tcss"
            )


def test_every_module_is_covered() -> None:
    assert "courseware.tui.quiz.quiz_home" in MODULES
    assert "courseware.tui.shell.option_picker" in MODULES


def test_one_stylesheet_and_small_modules() -> None:
    assert sorted(p.name for p in TUI.rglob("*.tcss")) == ["courseware.tcss"]
    assert Path(str(CoursewareApp.CSS_PATH)).name == "courseware.tcss"
    long = {p.name: n for p in TUI.rglob("*.py") if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}


def test_every_module_imports_in_a_fresh_interpreter() -> None:
    """Every tui module imports, walked in a clean process (no test has imported it before)."""
    walk = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    done = subprocess.run([sys.executable, "-c", walk, *MODULES], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_import_cycles() -> None:
    """No tui module reaches itself through its imports (lazy imports in functions count)."""
    graph = grimp.build_graph("courseware", cache_dir=None)
    cycles = [
        graph.find_shortest_chain(importer=dep, imported=module)
        for module in MODULES
        for dep in graph.find_modules_directly_imported_by(module)
        if dep.startswith("courseware.tui.") and graph.chain_exists(importer=dep, imported=module)
    ]
    assert cycles == []


def test_the_independence_contract_names_every_console() -> None:
    """A new console folder cannot skip the 'consoles do not import each other' contract."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    independent = next(c for c in contracts["contracts"] if c["type"] == "independence")
    folders = {
        f"courseware.tui.consoles.{p.parent.name}"
        for p in (TUI / "consoles").glob("*/__init__.py")
        if p.parent.name != "common"
    }
    assert set(independent["modules"]) == folders
    assert {c.target.partition(".consoles.")[2].split(".")[0] for c in CONSOLES} == {
        f.rpartition(".")[2] for f in folders
    }
