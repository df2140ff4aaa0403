"""Every workflow fixture opens as a graph whose layout draws every state and transition, with
no two states overlapping and no arrow passing through a state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.stepfunctions import check_structure
from model.stepfunctions.graph import build_graph, is_marker
from model.stepfunctions.layout import layout_workflow, segment_hits_box

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "asl" / "workflows"
FILES = sorted(FIXTURES.glob("*.asl.json"))


def test_there_are_at_least_forty_fixtures() -> None:
    assert len(FILES) >= 40


def _all_states(machine: dict, found: list[str]) -> None:
    for name, state in machine.get("States", {}).items():
        found.append(name)
        for branch in state.get("Branches", []):
            _all_states(branch, found)
        for key in ("ItemProcessor", "Iterator"):
            if key in state:
                _all_states(state[key], found)


def _references(machine: dict) -> int:
    count = 1  # StartAt (or the Start arrow at the top)
    for state in machine.get("States", {}).values():
        count += "Next" in state
        count += sum("Next" in rule for rule in state.get("Choices", []))
        count += "Default" in state
        count += sum("Next" in catcher for catcher in state.get("Catch", []))
        for branch in state.get("Branches", []):
            count += _references(branch) - 1
        for key in ("ItemProcessor", "Iterator"):
            if key in state:
                count += _references(state[key]) - 1
    return count


def _ends(machine: dict) -> int:
    return sum(
        1
        for state in machine["States"].values()
        if state.get("End") is True or state["Type"] in ("Succeed", "Fail")
    )


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fixture_is_valid_asl(path: Path) -> None:
    assert check_structure(json.loads(path.read_text())) == []


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fixture_layout_draws_everything_without_overlap(path: Path) -> None:
    definition = json.loads(path.read_text())
    graph = build_graph(definition)
    layout = layout_workflow(graph)
    names: list[str] = []
    _all_states(definition, names)
    drawn = [s for s in layout.boxes if not is_marker(s)]
    assert sorted(s[-1] for s in drawn) == sorted(names)
    assert len(layout.routes) == _references(definition) + _ends(definition)
    assert len(layout.routes) == len(graph.transitions)

    boxes = list(layout.boxes.items())
    for index, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[index + 1 :]:
            nested = a == b[: len(a)] or b == a[: len(b)]
            assert nested or not box_a.overlaps(box_b), f"{a} overlaps {b}"

    for route in layout.routes:
        transition = route.transition
        block = transition.source[:-1]
        if block:  # an arrow of a branch or item processor stays inside its frame
            frame = layout.frames[block]
            assert all(
                frame.x < x < frame.right and frame.y < y < frame.bottom for x, y in route.points
            ), f"{transition.source[-1]} -> {transition.target[-1]} leaves its frame"
        for state_id, box in layout.boxes.items():
            if state_id in (transition.source, transition.target):
                continue
            if block[: len(state_id)] == state_id:
                continue  # the Parallel or Map holding the arrow's branch
            for a, b in zip(route.points, route.points[1:], strict=False):
                assert not segment_hits_box(a, b, box), (
                    f"{transition.source[-1]} -> {transition.target[-1]} crosses {state_id[-1]}"
                )


def test_layout_is_stable_and_loops_are_back_arrows() -> None:
    definition = json.loads((FIXTURES / "job-status-polling.asl.json").read_text())
    first = layout_workflow(build_graph(definition))
    again = layout_workflow(build_graph(definition))
    assert first.boxes == again.boxes
    back = [r for r in first.routes if r.back]
    assert [(r.transition.source[-1], r.transition.target[-1]) for r in back] == [
        ("Job finished?", "Wait 10 s")
    ]
    source, target = first.boxes[back[0].transition.source], first.boxes[back[0].transition.target]
    assert source.y > target.y


def test_an_arrow_from_a_state_shorter_than_its_layer_turns_in_the_channel_below_it() -> None:
    """A Pass beside a Parallel taller than the router searches (MAX_SEARCH): its arrow goes
    down past the Parallel's layer and turns in the channel below, as the layout offers it,
    not through the Parallel's side."""
    chain = {
        f"Step {i}": {"Type": "Pass", **({"Next": f"Step {i + 1}"} if i < 24 else {"End": True})}
        for i in range(25)
    }
    branch = {"StartAt": "Step 0", "States": chain}
    definition = {
        "StartAt": "Pick",
        "States": {
            "Pick": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.quick", "BooleanEquals": True, "Next": "Quick"}],
                "Default": "Fan out",
            },
            "Quick": {"Type": "Pass", "Next": "Join"},
            "Fan out": {"Type": "Parallel", "Branches": [branch], "Next": "Join"},
            "Join": {"Type": "Succeed"},
        },
    }
    layout = layout_workflow(build_graph(definition))
    quick, fan = layout.boxes[("Quick",)], layout.boxes[("Fan out",)]
    assert quick.y == fan.y and fan.bottom - quick.bottom > 1500  # one layer, top-aligned
    route = layout.route_of(("Quick",), "Next")
    assert route is not None
    sideways = [a[1] for a, b in zip(route.points, route.points[1:], strict=False) if a[1] == b[1]]
    assert sideways and all(y > fan.bottom for y in sideways)
    for a, b in zip(route.points, route.points[1:], strict=False):
        assert not segment_hits_box(a, b, fan)
