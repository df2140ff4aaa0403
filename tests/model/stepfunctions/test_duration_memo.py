"""The duration analysis keeps each state's result by identity: a second analysis, one after an
edit that shares the untouched states, and one whose Task timeouts changed all give exactly
what an analysis from nothing gives."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from model.stepfunctions import duration
from model.stepfunctions.duration import analyze_duration
from model.stepfunctions.edits import set_state_field
from model.stepfunctions.graph import build_graph


@pytest.fixture(autouse=True)
def every_block_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixtures' blocks are mostly small; keep every block's states to test the keeping."""
    monkeypatch.setattr(duration, "KEEP_STATE_COSTS_FROM", 0)


FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures/asl/workflows").glob("*.json"))


def fresh(definition, **options):
    duration._STATE_COSTS.clear()
    return everything(analyze_duration(definition, **options))


def everything(analysis) -> dict:
    return {**asdict(analysis), "state_longest": analysis.state_longest}


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_kept_results_give_what_an_analysis_from_nothing_gives(path: Path) -> None:
    definition = json.loads(path.read_text())
    expected = fresh(definition)
    assert everything(analyze_duration(definition)) == expected  # all kept
    tasks = [s for s, view in build_graph(definition).states.items() if view.type == "Task"]
    for state_id in tasks[:3]:
        definition = set_state_field(definition, state_id, "TimeoutSeconds", 77)
        kept = everything(analyze_duration(definition))  # the untouched states kept
        assert kept == fresh(definition)


def test_a_kept_result_stands_only_while_its_task_timeouts_do() -> None:
    task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True}
    definition = {
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "T", "States": {"T": task}}],
                "End": True,
            }
        },
    }
    duration._STATE_COSTS.clear()
    assert analyze_duration(definition, task_timeout=lambda ref: 30).longest.seconds == 30
    assert analyze_duration(definition, task_timeout=lambda ref: 90).longest.seconds == 90
    unbounded = analyze_duration(definition, task_timeout=lambda ref: None)
    assert unbounded.longest.seconds is None and unbounded.unbounded_tasks


def test_a_small_block_keeps_nothing_and_a_large_one_keeps_its_states(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(duration, "KEEP_STATE_COSTS_FROM", 16)

    def chain(count: int) -> dict:
        states = {
            f"S{i}": {"Type": "Pass", **({"Next": f"S{i + 1}"} if i + 1 < count else {"End": True})}
            for i in range(count)
        }
        return {"StartAt": "S0", "States": states}

    duration._STATE_COSTS.clear()
    small = analyze_duration(chain(15))
    assert len(duration._STATE_COSTS) == 0
    large_definition = chain(16)
    large = analyze_duration(large_definition)
    assert len(duration._STATE_COSTS) == 16
    assert everything(analyze_duration(large_definition)) == everything(large)
    assert small.longest.path == tuple(f"S{i}" for i in range(15))
