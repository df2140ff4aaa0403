"""Shared, forgiving readers for Amazon States Language documents.

Every helper here accepts arbitrary JSON-like input and never raises, so the checker, the task
walker and the duration analysis can share one interpretation of a definition.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

JSONPATH = "JSONPath"
JSONATA = "JSONata"
QUERY_LANGUAGES = (JSONPATH, JSONATA)

STATE_TYPES = ("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map")
TERMINAL_TYPES = frozenset({"Succeed", "Fail"})

MAX_NESTING = 64
"""Parallel/Map nesting deeper than this is not walked, so hostile input cannot exhaust the stack."""

PLACEHOLDER_RE = re.compile(r"\$\{([^{}\s]+)\}")

JsonObject = dict[str, object]


def as_object(value: object) -> JsonObject | None:
    """The value as a JSON object, or None when it is anything else."""
    if isinstance(value, dict):
        return value
    return None


def as_list(value: object) -> list[object] | None:
    """The value as a JSON array, or None when it is anything else."""
    if isinstance(value, list):
        return value
    return None


def as_int(value: object) -> int | None:
    """The value as a JSON integer, or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def as_number(value: object) -> float | None:
    """The value as a JSON number, or None; integers too large for a float become infinite."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    return value if math.isfinite(value) else None


def is_jsonata(value: object) -> bool:
    """A JSONata expression string, which Step Functions evaluates at run time."""
    return (
        isinstance(value, str)
        and len(value) >= 4
        and value.startswith("{%")
        and value.endswith("%}")
    )


def is_placeholder(value: object) -> bool:
    """A whole-value ``${Name}`` DefinitionSubstitutions placeholder, filled in at deploy time."""
    return isinstance(value, str) and PLACEHOLDER_RE.fullmatch(value) is not None


def placeholders(*values: object) -> tuple[str, ...]:
    """Names of every ``${Name}`` placeholder in the values (keys too), first-seen order.

    Walks with a stack of iterators, one per open array or object (keys and values in turn),
    so deep input cannot exhaust the call stack and no container is copied."""
    found: dict[str, None] = {}
    open_items: list[Iterator[object]] = [iter(values)]
    while open_items:
        for item in open_items[-1]:
            if isinstance(item, str):
                if "${" in item:
                    for match in PLACEHOLDER_RE.finditer(item):
                        found.setdefault(match.group(1), None)
            elif isinstance(item, dict):
                open_items.append(chain.from_iterable(item.items()))
                break
            elif isinstance(item, list):
                open_items.append(iter(item))
                break
        else:
            open_items.pop()
    return tuple(found)


def state_type(state: JsonObject) -> str | None:
    """The state's Type when it is a known one."""
    value = state.get("Type")
    return value if isinstance(value, str) and value in STATE_TYPES else None


def is_terminal(state: JsonObject) -> bool:
    """Whether reaching this state can end the execution (or the branch/iteration)."""
    kind = state.get("Type")
    return (isinstance(kind, str) and kind in TERMINAL_TYPES) or state.get("End") is True


def transitions(state: JsonObject) -> list[tuple[str, str]]:
    """Every (field path, target name) the state can move to: Next, Choices, Default, Catch."""
    found: list[tuple[str, str]] = []
    target = state.get("Next")
    if isinstance(target, str):
        found.append(("Next", target))
    if state.get("Type") == "Choice":
        for index, rule in enumerate(as_list(state.get("Choices")) or []):
            rule_obj = as_object(rule)
            if rule_obj is not None and isinstance(rule_obj.get("Next"), str):
                found.append((f"Choices[{index}].Next", str(rule_obj["Next"])))
        default = state.get("Default")
        if isinstance(default, str):
            found.append(("Default", default))
    for index, catcher in enumerate(as_list(state.get("Catch")) or []):
        catcher_obj = as_object(catcher)
        if catcher_obj is not None and isinstance(catcher_obj.get("Next"), str):
            found.append((f"Catch[{index}].Next", str(catcher_obj["Next"])))
    return found


def next_states(state: JsonObject) -> list[str]:
    """The targets of transitions(), in its order, without the field paths (the analyses that
    only follow arrows run this for every state of every definition)."""
    found: list[str] = []
    target = state.get("Next")
    if isinstance(target, str):
        found.append(target)
    if state.get("Type") == "Choice":
        rules = state.get("Choices")
        if isinstance(rules, list):
            for rule in rules:
                if isinstance(rule, dict) and isinstance(target := rule.get("Next"), str):
                    found.append(target)
        default = state.get("Default")
        if isinstance(default, str):
            found.append(default)
    catchers = state.get("Catch")
    if isinstance(catchers, list):
        for catcher in catchers:
            if isinstance(catcher, dict) and isinstance(target := catcher.get("Next"), str):
                found.append(target)
    return found


def string_keyed_states(machine: JsonObject) -> dict[str, JsonObject]:
    """The machine's States as name -> state object, skipping entries that are not objects."""
    states = as_object(machine.get("States"))
    if states is None:
        return {}
    return {
        name: value
        for name, value in states.items()
        if isinstance(name, str) and isinstance(value, dict)
    }


@dataclass(frozen=True)
class SubMachine:
    """A nested state machine: one Parallel branch or a Map's item processor."""

    field: str
    """Path segment under the owning state, e.g. ``Branches[0]`` or ``ItemProcessor``."""
    readable: str
    """Short label for duration paths, e.g. ``Branch0`` or ``Iteration``."""
    machine: JsonObject


def sub_machines(state: JsonObject) -> tuple[SubMachine, ...]:
    """The nested machines a Parallel or Map state runs (a tuple, not a generator: the walks
    ask every state, and most have none)."""
    kind = state.get("Type")
    if kind == "Parallel":
        return tuple(
            SubMachine(f"Branches[{index}]", f"Branch{index}", branch)
            for index, branch in enumerate(as_list(state.get("Branches")) or [])
            if isinstance(branch, dict)
        )
    if kind == "Map":
        for field in ("ItemProcessor", "Iterator"):
            processor = as_object(state.get(field))
            if processor is not None:
                return (SubMachine(field, "Iteration", processor),)
    return ()


def state_path(prefix: str, name: str) -> str:
    """Dotted location of a state, e.g. ``States.Par.Branches[0].States.A``."""
    return f"{prefix}States.{name}"
