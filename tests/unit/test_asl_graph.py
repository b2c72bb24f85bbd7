"""The state machine graph: states, edges, layout and checks, from ASL alone (no UI, no cloud)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from courseware.tui.consoles.stepfunctions.asl_check import check_definition
from courseware.tui.consoles.stepfunctions.asl_graph import (
    END,
    START,
    build_graph,
    draw,
    rule_label,
)
from courseware.tui.consoles.stepfunctions.sfn_history import (
    CAUGHT,
    FAILED,
    RUNNING,
    SUCCEEDED,
    history_rows,
    statuses,
)

LAB = Path(__file__).resolve().parents[2] / "labs" / "state-machine"


def hello_world() -> dict[str, Any]:
    return dict(json.loads((LAB / "hello-world.asl.json").read_text()))


def with_task() -> dict[str, Any]:
    return dict(json.loads((LAB / "solution" / "hello-world-with-task.asl.json").read_text()))


def test_states_in_depth_first_order_from_start_at() -> None:
    graph = build_graph(hello_world())
    assert graph.states == [
        "Pass",
        "Hello World example?",
        "Yes",
        "Wait 3 sec",
        "Parallel State",
        "Hello World",
        "No",
    ]
    assert graph.types["Parallel State"] == "Parallel"
    assert graph.details["Wait 3 sec"] == "Wait · 3 s"


def test_edges_next_choice_default_start_and_end() -> None:
    edges = {(e.source, e.target): e for e in build_graph(hello_world()).edges}
    assert edges[START, "Pass"].kind == "start"
    assert edges["Pass", "Hello World example?"].kind == "next"
    to_yes = edges["Hello World example?", "Yes"]
    assert to_yes.labels == ("IsHelloWorldExample == true", "Default")
    assert edges["Hello World example?", "No"].labels == ("IsHelloWorldExample == false",)
    assert edges["No", END].kind == "end"  # a Fail state ends the execution
    assert edges["Hello World", END].kind == "end"
    assert ("Parallel State", "Hello World") in edges
    assert len(edges) == 9


def test_parallel_branches_are_nested_graphs() -> None:
    graph = build_graph(hello_world())
    branches = graph.branches["Parallel State"]
    assert [b.states for b in branches] == [["Hello"], ["World"]]
    assert all(not b.edges for b in branches)  # no Start/End markers inside a branch


def test_drawing_goes_top_to_bottom_with_branches_side_by_side() -> None:
    drawing = draw(hello_world())
    boxes = drawing.boxes
    tops = [boxes[n].y for n in ("Pass", "Hello World example?", "Yes", "Wait 3 sec")]
    assert tops == sorted(tops) and len(set(tops)) == 4
    assert boxes["Yes"].y == boxes["No"].y  # the Choice's two branches on one row
    assert boxes["Yes"].x + boxes["Yes"].width <= boxes["No"].x
    parallel, hello, world = boxes["Parallel State"], boxes["Hello"], boxes["World"]
    assert drawing.compound == {"Parallel State"}
    assert hello.y == world.y and hello.x + hello.width < world.x
    for inner in (hello, world):  # inside the Parallel box
        assert parallel.x < inner.x and inner.x + inner.width < parallel.x + parallel.width
        assert parallel.y < inner.y and inner.y + inner.height < parallel.y + parallel.height
    assert boxes["Parallel State"].y < boxes["Hello World"].y
    text = "\n".join(drawing.lines)
    assert drawing.lines[0].strip() == "( Start )" and drawing.lines[-1].strip() == "( End )"
    assert "IsHelloWorldExample == true" in text and "Default" in text
    assert "Parallel State · Parallel" in text
    assert text.count("▼") == 8
    row = drawing.lines[boxes["Pass"].y + 1]
    assert row[boxes["Pass"].x] == "│" and "Pass" in row


def test_lambda_task_machine_draws_its_task() -> None:
    drawing = draw(with_task())
    task = drawing.boxes["Call Lambda"]
    assert "Task · lambda:invoke" in drawing.lines[task.y + 2]
    assert task.y > drawing.boxes["Parallel State"].y


def test_catch_map_and_loops() -> None:
    definition = {
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:worker",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}],
                "Next": "Again?",
            },
            "Again?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.more", "BooleanEquals": True, "Next": "Work"}],
                "Default": "Each",
            },
            "Recover": {"Type": "Pass", "Next": "Each"},
            "Each": {
                "Type": "Map",
                "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Succeed"}}},
                "End": True,
            },
        },
    }
    graph = build_graph(definition)
    catch = next(e for e in graph.edges if e.kind == "catch")
    assert (catch.source, catch.target, catch.labels) == ("Work", "Recover", ("catch States.ALL",))
    assert [(e.source, e.target) for e in graph.loops] == [("Again?", "Work")]
    drawing = draw(definition)
    text = "\n".join(drawing.lines)
    assert "↺ Work" in text and "Task · λ worker" in text and "╌" in text
    assert "Each · Map" in text and "One" in drawing.boxes
    assert drawing.boxes["Each"].y > drawing.boxes["Recover"].y


def test_rule_labels_are_short() -> None:
    assert rule_label({"Variable": "$.n", "NumericGreaterThanEquals": 3}) == "n >= 3"
    assert rule_label({"Variable": "$.a", "StringEqualsPath": "$.b"}) == "a == b"
    assert rule_label({"Variable": "$.x", "IsPresent": False}) == "x not present"
    assert rule_label({"And": [{}, {}], "Next": "X"}) == "And(2 rules)"
    long = rule_label({"Variable": "$.a_very_long_variable_name_here", "StringEquals": "x"})
    assert len(long) == 28 and long.endswith("…")


def test_checks_accept_the_lab_definitions() -> None:
    for definition in (hello_world(), with_task()):
        parsed, problems = check_definition(json.dumps(definition, indent=2))
        assert problems == [] and parsed == definition


def test_json_errors_name_line_and_column() -> None:
    _, problems = check_definition('{\n  "StartAt": "A",\n  "States": {,}\n}')
    assert problems == [
        "JSON syntax error at line 3, column 14: Expecting property name enclosed in double quotes"
    ]


def test_asl_errors() -> None:
    definition = hello_world()
    definition["States"]["Yes"]["Next"] = "Wait 5 sec"
    definition["States"]["Hello World example?"]["Default"] = "Maybe"
    definition["States"]["Pass"]["Type"] = "Pas"
    text = json.dumps(definition, indent=2)
    _, problems = check_definition(text)
    line = text.splitlines().index('    "Yes": {') + 1
    assert f'State "Yes": Next "Wait 5 sec" is not a state (line {line})' in problems
    assert any(p.startswith('State "Hello World example?": Default "Maybe"') for p in problems)
    assert any(p.startswith('State "Pass": Type "Pas" is not one of') for p in problems)
    _, problems = check_definition(
        '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}'
    )
    assert problems == ['no state ends the execution ("End": true, Succeed or Fail)']
    _, problems = check_definition('{"StartAt": "B", "States": {"A": {"Type": "Pass"}}}')
    assert 'StartAt "B" is not a state' in problems
    assert any("needs exactly one of" in p for p in problems)
    branch = hello_world()
    branch["States"]["Parallel State"]["Branches"][0]["States"]["Hello"]["Next"] = "Nowhere"
    _, problems = check_definition(json.dumps(branch))
    assert any(p.startswith('State "Parallel State": branch 1: State "Hello": ') for p in problems)


def _event(
    i: int, prev: int, kind: str, name: str | None = None, t: float | None = None
) -> dict[str, Any]:
    event: dict[str, Any] = {"id": i, "previousEventId": prev, "type": kind, "timestamp": t}
    if name and kind.endswith("Entered"):
        event["stateEnteredEventDetails"] = {"name": name}
    elif name:
        event["stateExitedEventDetails"] = {"name": name}
    return event


def test_statuses_from_history() -> None:
    events = [
        _event(1, 0, "ExecutionStarted", t=100.0),
        _event(2, 1, "PassStateEntered", "A", 100.0),
        _event(3, 2, "PassStateExited", "A", 100.25),
        _event(4, 3, "TaskStateEntered", "T", 100.5),
        _event(5, 4, "TaskScheduled"),
        _event(6, 5, "TaskFailed"),
        _event(7, 6, "TaskStateExited", "T"),
        _event(8, 7, "TaskStateEntered", "U", 101.0),
        _event(9, 8, "TaskScheduled"),
        _event(10, 9, "WaitStateEntered", "W"),
    ]
    assert statuses(events, "RUNNING") == {"A": SUCCEEDED, "T": CAUGHT, "U": RUNNING, "W": RUNNING}
    assert statuses(events, "FAILED")["U"] == FAILED
    rows = history_rows(events)
    assert rows[2] == (3, "PassStateExited", "A", 250)
    assert rows[5] == (6, "TaskFailed", "T", 0)


def test_drawing_survives_broken_definitions() -> None:
    cases: list[dict[str, Any]] = [
        {},
        {"StartAt": "A", "States": {}},
        {"StartAt": "A", "States": {"A": "not a state"}},
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}},
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Next": "A"}}},
        {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": "x", "Default": 3}}},
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{}], "End": True}}},
    ]
    for definition in cases:
        drawing = draw(definition)
        assert drawing.lines, definition
    looped = draw(cases[4])
    assert "↺ A" in "\n".join(looped.lines)
    assert "? ?" in "\n".join(looped.lines)  # B has no Type
