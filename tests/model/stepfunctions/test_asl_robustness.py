"""None of the three entry points may raise, whatever JSON they are given."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.stepfunctions import analyze_duration, check_structure, task_refs

FIXTURES = Path(__file__).parent / "fixtures"
DEFINITIONS = [
    json.loads(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.json"))
]

ASL_KEYS = [
    "StartAt", "States", "Type", "Next", "End", "Resource", "Choices", "Default", "Branches",
    "ItemProcessor", "Iterator", "Retry", "Catch", "ErrorEquals", "MaxAttempts",
    "IntervalSeconds", "BackoffRate", "MaxDelaySeconds", "TimeoutSeconds", "HeartbeatSeconds",
    "Seconds", "Timestamp", "SecondsPath", "QueryLanguage", "Items", "ItemReader",
    "ReaderConfig", "MaxItems", "ItemBatcher", "MaxItemsPerBatch", "MaxConcurrency",
    "ProcessorConfig", "Mode", "Condition", "Variable", "And", "Not", "StringEquals",
]  # fmt: skip
ASL_STRINGS = [
    "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "A", "B", "C",
    "States.ALL", "JSONata", "JSONPath", "DISTRIBUTED", "{% $x %}", "${Fn}",
    "arn:aws:states:::lambda:invoke.sync", "2026-01-01T00:00:00Z",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(ASL_STRINGS),
    st.text(max_size=5),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(ASL_KEYS), st.sampled_from(ASL_STRINGS)),
            children,
            max_size=5,
        ),
    ),
    max_leaves=40,
)


def _run_all(definition: object) -> None:
    check_structure(definition)
    task_refs(definition)
    analyze_duration(definition, task_timeout=lambda ref: 3.0, default_task_timeout_s=1.0)
    analyze_duration(definition)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_json_never_raises(definition: object) -> None:
    _run_all(definition)


def _paths(value: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_fixtures_never_raise(data: st.DataObject) -> None:
    definition = copy.deepcopy(data.draw(st.sampled_from(DEFINITIONS)))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(_paths(definition)[1:]))
        parent: Any = definition
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = data.draw(json_values)
    _run_all(definition)
