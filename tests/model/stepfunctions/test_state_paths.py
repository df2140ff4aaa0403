"""state_paths() names the states build_graph() reads, so rule findings (which use the light
index) point at the states the workflow editor badges (which uses the graph)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.stepfunctions.graph import asl_path, build_graph, duration_name, state_paths

TESTS = Path(__file__).resolve().parents[2]
DEFINITIONS = sorted(
    [
        *(TESTS / "fixtures" / "asl").rglob("*.json"),
        *(Path(__file__).parent / "fixtures").glob("*.json"),
    ]
)

TRICKY: list[object] = [
    None,
    [],
    {"States": []},
    {"StartAt": "A", "States": {"A": "not a state", "B": {"Type": "Pass", "End": True}}},
    {
        "StartAt": "Fan.out",
        "States": {
            "Fan.out": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}},
                    "no branch",
                    {
                        "StartAt": "Each",
                        "States": {
                            "Each": {
                                "Type": "Map",
                                "Iterator": {
                                    "StartAt": "A",
                                    "States": {"A": {"Type": "Pass", "End": True}},
                                },
                                "End": True,
                            }
                        },
                    },
                ],
                "End": True,
            },
            "Fan.out/Branch0/A": {"Type": "Succeed"},
        },
    },
]


def _nested(depth: int) -> dict[str, object]:
    machine: dict[str, object] = {"StartAt": "S", "States": {"S": {"Type": "Pass", "End": True}}}
    for _ in range(depth):
        machine = {
            "StartAt": "P",
            "States": {"P": {"Type": "Parallel", "Branches": [machine], "End": True}},
        }
    return machine


def _definitions() -> list[object]:
    found: list[object] = []
    for path in DEFINITIONS:
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and "States" in document:
            found.append(document)
    return found


def test_the_fixtures_hold_enough_definitions() -> None:
    assert len(_definitions()) >= 80


@pytest.mark.parametrize(
    "definition", [*_definitions(), *TRICKY, _nested(70)], ids=lambda d: str(d)[:40]
)
def test_state_paths_agree_with_the_graph(definition: object) -> None:
    graph = build_graph(definition)
    expected: dict[str, str] = {}
    for state in graph.states:
        expected.setdefault(duration_name(state), asl_path(state))
    found = state_paths(definition)
    assert found.by_duration_name == expected
    assert list(found.paths) == [asl_path(state) for state in graph.states]
    for state in graph.states:
        path = asl_path(state)
        for probe in (path, f"{path}.Retry[0].ErrorEquals", f"{path}.Next"):
            located = graph.state_at(probe)
            assert found.state_at(probe) == (asl_path(located) if located else None)
    assert found.state_at("Comment") is None
