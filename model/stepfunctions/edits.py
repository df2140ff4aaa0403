"""Edits of a state machine definition as the workflow editor makes them.

Each function takes a definition and returns a new one, leaving the input untouched. Keys the
editor does not know are kept, and so is the order of keys and states, so the JSON view and the
saved file change only where the edit did. A refused edit raises EditError with a message for
the user.

The form's edits (set_state_field, replace_state) copy only the path to the changed state and
share every other state with the input, so the graph and the code view can reuse what they
built for an unchanged state by its identity. Definitions are therefore never changed in place.
"""

from __future__ import annotations

import re
from typing import Any

from ._common import JSONATA, as_list, as_object
from .graph import BlockId, StateId

Definition = dict[str, Any]

MAX_NAME = 80
_NON_TERMINAL = ("Task", "Pass", "Wait", "Parallel", "Map")


class EditError(ValueError):
    """The edit cannot apply to this definition; nothing was changed."""


def _branch_index(field: str) -> int | None:
    match = re.fullmatch(r"Branches\[(\d+)\]", field)
    return int(match.group(1)) if match else None


def machine_at(definition: Definition, block: BlockId) -> dict[str, Any]:
    """The States block (the root, a branch or an item processor) at block."""
    machine: Any = definition
    for index in range(0, len(block), 2):
        states = machine.get("States") if isinstance(machine, dict) else None
        state = states.get(block[index]) if isinstance(states, dict) else None
        if not isinstance(state, dict):
            raise EditError(f"no state '{block[index]}' in this workflow")
        field = block[index + 1]
        branch = _branch_index(field)
        if branch is not None:
            branches = state.get("Branches")
            machine = (
                branches[branch] if isinstance(branches, list) and branch < len(branches) else None
            )
        else:
            machine = state.get(field)
        if not isinstance(machine, dict):
            raise EditError(f"'{block[index]}' has no {field}")
    return machine  # type: ignore[no-any-return]


def _states(machine: dict[str, Any]) -> dict[str, Any]:
    states = machine.get("States")
    if not isinstance(states, dict):
        states = {}
        machine["States"] = states
    return states


def state_at(definition: Definition, state_id: StateId) -> dict[str, Any]:
    state = _states(machine_at(definition, state_id[:-1])).get(state_id[-1])
    if not isinstance(state, dict):
        raise EditError(f"no state '{state_id[-1]}' in this workflow")
    return state


def all_names(definition: object) -> set[str]:
    """Every state name, nested ones included (Step Functions wants them unique overall)."""
    found: set[str] = set()
    stack = [definition]
    while stack:
        machine = as_object(stack.pop())
        states = as_object(machine.get("States")) if machine else None
        for name, state in (states or {}).items():
            found.add(name)
            state_obj = as_object(state) or {}
            stack.extend(as_list(state_obj.get("Branches")) or [])
            stack.extend(state_obj.get(f) for f in ("ItemProcessor", "Iterator"))
    return found


def unique_name(definition: object, base: str) -> str:
    taken = all_names(definition)
    if base not in taken:
        return base
    number = 2
    while f"{base} {number}" in taken:
        number += 1
    return f"{base} {number}"


def _check_name(definition: object, name: str) -> None:
    if not name.strip():
        raise EditError("A state needs a name")
    if len(name) > MAX_NAME:
        raise EditError(f"State names are at most {MAX_NAME} characters")
    if name in all_names(definition):
        raise EditError(f"There is already a state named '{name}'")


def clone(value: Any) -> Any:
    """A copy of JSON-like data (dicts, lists, scalars): copy.deepcopy without its memo, which
    costs most of an edit of a large definition."""
    if isinstance(value, dict):
        return {key: clone(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clone(item) for item in value]
    return value


def _start(definition: Definition | None) -> Definition:
    return clone(definition) if definition is not None else {}


def _point_at(state: dict[str, Any], target: str | None) -> None:
    """Make a non-terminal state continue at target (or end when target is None)."""
    kind = state.get("Type")
    if kind in ("Succeed", "Fail"):
        return
    if kind == "Choice":
        if target is not None:
            for rule in as_list(state.get("Choices")) or []:
                if isinstance(rule, dict) and not rule.get("Next"):
                    rule["Next"] = target
            if not state.get("Default"):
                state["Default"] = target
        return
    if target is None:
        state.pop("Next", None)
        state["End"] = True
    else:
        state.pop("End", None)
        state["Next"] = target


def add_state(
    definition: Definition | None, block: BlockId, name: str, state: dict[str, Any]
) -> Definition:
    """Add a state to a block, unconnected (it becomes the start of an empty block)."""
    result = _start(definition)
    _check_name(result, name)
    machine = machine_at(result, block)
    states = _states(machine)
    new = clone(state)
    if new.get("Type") in _NON_TERMINAL and "Next" not in new:
        new["End"] = True
    states[name] = new
    if not isinstance(machine.get("StartAt"), str) or machine["StartAt"] not in states:
        machine["StartAt"] = name
        if block == () and list(result) != ["StartAt", "States"]:
            result = _with_keys_first(result, ("Comment", "StartAt", "States"))
    return result


def _with_keys_first(definition: Definition, keys: tuple[str, ...]) -> Definition:
    """An empty definition just filled in reads Comment, StartAt, States first, as AWS writes."""
    ordered = {k: definition[k] for k in keys if k in definition}
    ordered.update({k: v for k, v in definition.items() if k not in ordered})
    return ordered


def _set_field(state: dict[str, Any], field: str, target: str | None) -> None:
    """Point one transition field (Next, Default, Choices[i].Next, Catch[i].Next, End) at target."""
    if field in ("Next", "End"):
        _point_at(state, target)
        return
    if field == "Default":
        if target is None:
            state.pop("Default", None)
        else:
            state["Default"] = target
        return
    match = re.fullmatch(r"(Choices|Catch)\[(\d+)\]\.Next", field)
    if match is None:
        raise EditError(f"cannot redirect {field}")
    items = state.get(match.group(1))
    index = int(match.group(2))
    if not isinstance(items, list) or index >= len(items) or not isinstance(items[index], dict):
        raise EditError(f"no {field} to redirect")
    if target is None:
        del items[index]
    else:
        items[index]["Next"] = target


def insert_state(
    definition: Definition | None,
    source: StateId,
    field: str,
    name: str,
    state: dict[str, Any],
) -> Definition:
    """Insert a new state on the arrow leaving source by field; what the arrow reached now
    follows the new state. source may be a block's start marker (field StartAt)."""
    result = _start(definition)
    _check_name(result, name)
    block = source[:-1]
    machine = machine_at(result, block)
    states = _states(machine)
    new = clone(state)
    if field == "StartAt":
        old_target = machine.get("StartAt") if machine.get("StartAt") in states else None
        machine["StartAt"] = name
    else:
        origin = states.get(source[-1])
        if not isinstance(origin, dict):
            raise EditError(f"no state '{source[-1]}' in this workflow")
        if field == "End" and origin.get("Type") in ("Succeed", "Fail"):
            raise EditError(f"Nothing can follow the {origin['Type']} state '{source[-1]}'")
        old_target = None if field == "End" else _field_target(origin, field)
        _set_field(origin, field, name)
    new.pop("Next", None)
    new.pop("End", None)
    _point_at(new, old_target if isinstance(old_target, str) else None)
    states[name] = new
    if block == ():
        result = _with_keys_first(result, ("Comment", "StartAt", "States"))
    return result


def _field_target(state: dict[str, Any], field: str) -> Any:
    if field in ("Next", "Default"):
        return state.get(field)
    match = re.fullmatch(r"(Choices|Catch)\[(\d+)\]\.Next", field)
    if match is None:
        return None
    items = state.get(match.group(1))
    index = int(match.group(2))
    if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
        return items[index].get("Next")
    return None


def successor(state: dict[str, Any]) -> tuple[bool, str | None]:
    """(unambiguous, the one state it continues at or None for the end)."""
    kind = state.get("Type")
    if kind in ("Succeed", "Fail") or state.get("End") is True:
        return True, None
    if kind == "Choice":
        targets = {
            r.get("Next") for r in as_list(state.get("Choices")) or [] if isinstance(r, dict)
        }
        targets.add(state.get("Default"))
        targets.discard(None)
        if len(targets) == 1:
            return True, str(targets.pop())
        return False, None
    target = state.get("Next")
    return True, target if isinstance(target, str) else None


def delete_state(definition: Definition, state_id: StateId) -> Definition:
    """Remove a state. What pointed at it continues at its successor when there is exactly one;
    otherwise arrows into it end there (Next becomes End, rules and catchers to it go)."""
    result = _start(definition)
    block, name = state_id[:-1], state_id[-1]
    machine = machine_at(result, block)
    states = _states(machine)
    doomed = states.get(name)
    if not isinstance(doomed, dict):
        raise EditError(f"no state '{name}' in this workflow")
    clear, target = successor(doomed)
    if target == name:
        target = None
    follow = target if clear else None
    del states[name]
    if machine.get("StartAt") == name:
        if follow is not None:
            machine["StartAt"] = follow
        elif states:
            machine["StartAt"] = next(iter(states))
        else:
            machine.pop("StartAt", None)
    for other in states.values():
        if isinstance(other, dict):
            _redirect(other, name, follow)
    return result


def _redirect(state: dict[str, Any], old: str, new: str | None) -> None:
    """Point every transition of state that names old at new (None: drop or end it)."""
    if state.get("Next") == old:
        _set_field(state, "Next", new)
    if state.get("Default") == old:
        _set_field(state, "Default", new)
    for key in ("Choices", "Catch"):
        items = state.get(key)
        if not isinstance(items, list):
            continue
        for index in reversed(range(len(items))):
            item = items[index]
            if isinstance(item, dict) and item.get("Next") == old:
                _set_field(state, f"{key}[{index}].Next", new)


def rename_state(definition: Definition, state_id: StateId, new_name: str) -> Definition:
    """Rename a state; StartAt, Next, Default, Choice rules and Catch follow the new name."""
    old = state_id[-1]
    if new_name == old:
        return _start(definition)
    result = _start(definition)
    _check_name(result, new_name)
    machine = machine_at(result, state_id[:-1])
    states = _states(machine)
    if old not in states:
        raise EditError(f"no state '{old}' in this workflow")
    machine["States"] = {(new_name if k == old else k): v for k, v in states.items()}
    if machine.get("StartAt") == old:
        machine["StartAt"] = new_name
    for other in machine["States"].values():
        if isinstance(other, dict):
            _rename_refs(other, old, new_name)
    return result


def _rename_refs(state: dict[str, Any], old: str, new: str) -> None:
    for key in ("Next", "Default"):
        if state.get(key) == old:
            state[key] = new
    for key in ("Choices", "Catch"):
        for item in as_list(state.get(key)) or []:
            if isinstance(item, dict) and item.get("Next") == old:
                item["Next"] = new


def connect(definition: Definition, source: StateId, target: StateId) -> Definition:
    """Make source continue at target: a Choice gains a rule (or its Default), others Next."""
    if source[:-1] != target[:-1]:
        raise EditError("States connect only within the same branch or item processor")
    result = _start(definition)
    state = state_at(result, source)
    if target[-1] not in _states(machine_at(result, target[:-1])):
        raise EditError(f"no state '{target[-1]}' in this workflow")
    kind = state.get("Type")
    if kind in ("Succeed", "Fail"):
        raise EditError(f"A {kind} state ends the workflow; it cannot continue")
    if kind == "Choice":
        if not state.get("Default"):
            state["Default"] = target[-1]
        else:
            _append_rule(result, state, target[-1])
        return result
    _point_at(state, target[-1])
    return result


def _append_rule(definition: Definition, state: dict[str, Any], target: str) -> None:
    rules = state.get("Choices")
    if not isinstance(rules, list):
        rules = []
        state["Choices"] = rules
    language = state.get("QueryLanguage") or definition.get("QueryLanguage")
    if language == JSONATA:
        rules.append({"Condition": "{% true %}", "Next": target})
    else:
        rules.append({"Variable": "$.value", "IsPresent": True, "Next": target})


def add_choice_rule(definition: Definition, choice: StateId) -> Definition:
    """A new rule at the end of a Choice, going where its Default goes (edit its condition next)."""
    result = _start(definition)
    state = state_at(result, choice)
    if state.get("Type") != "Choice":
        raise EditError(f"'{choice[-1]}' is not a Choice state")
    target = state.get("Default")
    if not isinstance(target, str):
        rules = [r for r in as_list(state.get("Choices")) or [] if isinstance(r, dict)]
        target = rules[0].get("Next") if rules else None
    if not isinstance(target, str):
        raise EditError(f"'{choice[-1]}' has no state to send a new rule to; connect it first")
    _append_rule(result, state, target)
    return result


def _move(items: list[Any], index: int, delta: int, what: str) -> None:
    to = index + delta
    if not 0 <= index < len(items) or not 0 <= to < len(items):
        raise EditError(f"cannot move {what} {index + 1} there")
    items.insert(to, items.pop(index))


def move_choice_rule(definition: Definition, choice: StateId, index: int, delta: int) -> Definition:
    """Reorder a Choice's rules (they are tried in order)."""
    result = _start(definition)
    rules = state_at(result, choice).get("Choices")
    if not isinstance(rules, list):
        raise EditError(f"'{choice[-1]}' has no rules")
    _move(rules, index, delta, "rule")
    return result


def add_branch(definition: Definition, parallel: StateId, name: str | None = None) -> Definition:
    """A new Parallel branch holding one Pass state."""
    result = _start(definition)
    state = state_at(result, parallel)
    if state.get("Type") != "Parallel":
        raise EditError(f"'{parallel[-1]}' is not a Parallel state")
    branches = state.get("Branches")
    if not isinstance(branches, list):
        branches = []
        state["Branches"] = branches
    first = name or unique_name(result, f"Branch {len(branches) + 1}")
    _check_name(result, first)
    branches.append({"StartAt": first, "States": {first: {"Type": "Pass", "End": True}}})
    return result


def move_branch(definition: Definition, parallel: StateId, index: int, delta: int) -> Definition:
    result = _start(definition)
    branches = state_at(result, parallel).get("Branches")
    if not isinstance(branches, list):
        raise EditError(f"'{parallel[-1]}' has no branches")
    _move(branches, index, delta, "branch")
    return result


def remove_branch(definition: Definition, parallel: StateId, index: int) -> Definition:
    result = _start(definition)
    branches = state_at(result, parallel).get("Branches")
    if not isinstance(branches, list) or not 0 <= index < len(branches):
        raise EditError(f"'{parallel[-1]}' has no branch {index + 1}")
    if len(branches) == 1:
        raise EditError("A Parallel state needs at least one branch")
    del branches[index]
    return result


def _path_copy(
    definition: Definition | None, state_id: StateId
) -> tuple[Definition, dict[str, Any]]:
    """A copy of definition in which only the dicts and lists on the way to state_id's States
    block are new (that block's States dict too); everything else is shared."""
    result = dict(definition or {})
    machine: dict[str, Any] = result
    block = state_id[:-1]
    for index in range(0, len(block), 2):
        states = machine.get("States")
        owner = states.get(block[index]) if isinstance(states, dict) else None
        if not isinstance(owner, dict):
            raise EditError(f"no state '{block[index]}' in this workflow")
        states = dict(states)  # type: ignore[arg-type]
        machine["States"] = states
        owner = dict(owner)
        states[block[index]] = owner
        field = block[index + 1]
        branch = _branch_index(field)
        if branch is not None:
            branches = owner.get("Branches")
            sub = (
                branches[branch] if isinstance(branches, list) and branch < len(branches) else None
            )
            if isinstance(sub, dict):
                branches = list(branches)  # type: ignore[arg-type]
                owner["Branches"] = branches
                sub = dict(sub)
                branches[branch] = sub
        else:
            sub = owner.get(field)
            if isinstance(sub, dict):
                sub = dict(sub)
                owner[field] = sub
        if not isinstance(sub, dict):
            raise EditError(f"'{block[index]}' has no {field}")
        machine = sub
    states = machine.get("States")
    if not isinstance(states, dict) or state_id[-1] not in states:
        raise EditError(f"no state '{state_id[-1]}' in this workflow")
    states = dict(states)
    machine["States"] = states
    return result, states


def replace_state(definition: Definition, state_id: StateId, state: dict[str, Any]) -> Definition:
    """Put new content in a state (the inspector's form), keeping its name and place."""
    if not isinstance(state, dict):
        raise EditError("A state is a JSON object")
    result, states = _path_copy(definition, state_id)
    states[state_id[-1]] = clone(state)
    return result


def set_state_field(definition: Definition, state_id: StateId, key: str, value: Any) -> Definition:
    """Set (or with value None remove) one field of a state."""
    result, states = _path_copy(definition, state_id)
    state = states[state_id[-1]]
    if not isinstance(state, dict):
        raise EditError(f"no state '{state_id[-1]}' in this workflow")
    state = dict(state)
    states[state_id[-1]] = state
    if value is None:
        state.pop(key, None)
    else:
        state[key] = clone(value)
    return result
