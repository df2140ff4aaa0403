"""How many passes a loop of a state machine can make, when a counter bounds it.

A loop is bounded when it is one simple cycle (each of its states has one successor inside
it) with a Choice that leaves it once a counter reaches a literal number, a state inside it
that raises that counter by a positive literal step each pass, and a state before the loop
that sets the counter to a literal start. Those are the shapes AWS's samples use:

* JSONPath: ``"count.$": "States.MathAdd($.count, 1)"`` in a Pass state's Parameters (or in
  Assign for a ``$count`` variable), tested by ``"Variable": "$.count", "NumericLessThan": 5``.
* JSONata: ``"Assign": {"count": "{% $count + 1 %}"}``, tested by
  ``"Condition": "{% $count < 5 %}"``.

Anything else (a counter from the input, a step computed at run time, two ways round) stays
unbounded: the analysis never claims a bound it cannot show.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ._common import JsonObject, as_number, as_object

_MATH_ADD = re.compile(r"^States\.MathAdd\(\s*(\$[\w.]*)\s*,\s*(\d+(?:\.\d+)?)\s*\)$")
_JSONATA_ADD = re.compile(r"^\{%\s*\$(\w+)\s*\+\s*(\d+(?:\.\d+)?)\s*%\}$")
_JSONATA_TEST = re.compile(r"^\{%\s*\$(\w+)\s*(<=|<|>=|>|=)\s*(-?\d+(?:\.\d+)?)\s*%\}$")
_CONTINUE_WHILE = {"NumericLessThan": "<", "NumericLessThanEquals": "<="}
_EXIT_WHEN = {"NumericGreaterThanEquals": ">=", "NumericGreaterThan": ">", "NumericEquals": "="}
_NUMERIC_TESTS = (*_CONTINUE_WHILE.items(), *_EXIT_WHEN.items())
_ORDERING_TESTS = frozenset(key for key, operator in _NUMERIC_TESTS if operator != "=")


@dataclass(frozen=True)
class CountBound:
    """A loop's most passes and the states that make it so."""

    passes: int
    choice: str
    counter: str


def count_bound(
    cycle: list[str], states: dict[str, JsonObject], outside: Iterable[str]
) -> CountBound | None:
    """The most passes round cycle (state names in order, a simple cycle), or None."""
    members = set(cycle)
    for name in cycle:
        state = states[name]
        if state.get("Type") != "Choice":
            continue
        test = _loop_test(state, members)
        if test is None:
            continue
        counter, operator, limit = test
        step = _step(counter, (states[m] for m in cycle))
        start = _start(counter, (states[o] for o in outside if o not in members))
        if step is None or start is None:
            continue
        if not all(_keeps(counter, states[m]) for m in cycle):
            continue
        passes = _passes(start, step, operator, limit)
        if passes is not None:
            return CountBound(passes, name, counter)
    return None


def _loop_test(state: JsonObject, members: set[str]) -> tuple[str, str, float] | None:
    """(counter, operator, limit) of the rule that keeps the loop going while counter
    `operator` limit holds; exit rules are turned round into their continue condition."""
    rules = state.get("Choices")
    if not isinstance(rules, list):
        return None
    default = state.get("Default")
    for rule_obj in rules:
        if not isinstance(rule_obj, dict):
            continue
        found = _comparison(rule_obj)
        if found is None:
            continue
        target = rule_obj.get("Next")
        stays = isinstance(target, str) and target in members
        leaves = isinstance(target, str) and target not in members
        counter, operator, limit = found
        if stays and operator in ("<", "<="):
            return counter, operator, limit
        if leaves and operator in (">=", ">") and isinstance(default, str) and default in members:
            return counter, "<" if operator == ">=" else "<=", limit
    return None


def _comparison(rule: JsonObject) -> tuple[str, str, float] | None:
    variable = rule.get("Variable")
    if isinstance(variable, str):
        if _ORDERING_TESTS.isdisjoint(rule):
            return None
        for key, operator in _NUMERIC_TESTS:
            if key not in rule:
                continue
            limit = as_number(rule[key])
            if limit is not None and operator != "=":
                return variable, operator, limit
        return None
    condition = rule.get("Condition")
    if isinstance(condition, str):
        match = _JSONATA_TEST.match(condition.strip())
        if match is not None and match.group(2) != "=":
            return "$" + match.group(1), match.group(2), float(match.group(3))
    return None


def _assignments(state: JsonObject) -> Iterable[tuple[str, object]]:
    """(counter path, value) for what the state writes: Assign variables ($name) and, for a
    Pass state, its Parameters (or Result) at its ResultPath."""
    for key, value in (as_object(state.get("Assign")) or {}).items():
        if isinstance(key, str):
            yield "$" + key.removesuffix(".$"), value
    if state.get("Type") != "Pass":
        return
    base = state.get("ResultPath", "$")
    if not isinstance(base, str):
        return
    for field in ("Parameters", "Result", "Output"):
        for key, value in (as_object(state.get(field)) or {}).items():
            if isinstance(key, str):
                yield f"{base}.{key.removesuffix('.$')}", value


def _step(counter: str, loop_states: Iterable[JsonObject]) -> float | None:
    """The counter's positive literal step, when exactly one state of the loop raises it."""
    steps = []
    for state in loop_states:
        for path, value in _assignments(state):
            if path != counter or not isinstance(value, str):
                continue
            match = _MATH_ADD.match(value.strip()) or _JSONATA_ADD.match(value.strip())
            if match is None:
                return None
            source = match.group(1) if match.re is _MATH_ADD else "$" + match.group(1)
            if source != counter:
                return None
            steps.append(float(match.group(2)))
    return steps[0] if len(steps) == 1 and steps[0] > 0 else None


def _keeps(counter: str, state: JsonObject) -> bool:
    """Whether the state leaves a JSONPath counter alone or only raises it: a state whose
    result lands on the counter or above it (a Task's default ResultPath is $) could reset it.
    Variables change only through Assign, which _step checks."""
    if not counter.startswith("$."):
        return True
    if state.get("Type") not in ("Task", "Pass", "Map", "Parallel"):
        return True
    target = state.get("ResultPath", "$")
    if target is None:
        return True
    if not isinstance(target, str):
        return False
    covers = target == "$" or counter == target or counter.startswith(target + ".")
    if not covers:
        return True
    return state.get("Type") == "Pass" and any(path == counter for path, _ in _assignments(state))


def _start(counter: str, other_states: Iterable[JsonObject]) -> float | None:
    """The literal the counter is set to before the loop, when every setting agrees."""
    starts = set()
    for state in other_states:
        for path, value in _assignments(state):
            if path == counter:
                number = as_number(value)
                if number is None:
                    return None
                starts.add(number)
    return starts.pop() if len(starts) == 1 else None


def _passes(start: float, step: float, operator: str, limit: float) -> int | None:
    """Passes of a loop whose Choice continues while counter `operator` limit, counting the
    pass that reaches the Choice with the final value."""
    span = limit - start
    if span < 0:
        return 1
    tests = math.floor(span / step) + 1 if operator == "<=" else math.ceil(span / step)
    passes = max(tests, 0) + 1
    return passes if passes < 10**9 else None
