"""Task states of a definition, with what the rest of ArchCanvas needs to resolve their targets."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ._common import (
    MAX_NESTING,
    PLACEHOLDER_RE,
    JsonObject,
    as_int,
    as_number,
    as_object,
    placeholders,
    state_path,
    string_keyed_states,
    sub_machines,
)

REQUEST_RESPONSE = "request_response"
SYNC = "sync"
CALLBACK = "callback"

_SYNC_RE = re.compile(r"\.sync(:\d+)?$")
_ACTIVITY_RE = re.compile(r"^arn:[A-Za-z0-9-]+:states:[^:]*:[^:]*:activity:[^:]+$")


@dataclass(frozen=True)
class TaskRef:
    """One Task state and the facts needed to bound its duration or link it to a resource."""

    state_path: str
    state_name: str
    resource: str
    integration_pattern: str
    is_activity: bool
    placeholders: tuple[str, ...]
    timeout_s: float | None
    heartbeat_s: float | None
    trims_result: bool = False


def integration_pattern(resource: str) -> str:
    """How Step Functions waits on the resource: the suffix of the Resource ARN decides."""
    if _SYNC_RE.search(resource):
        return SYNC
    if resource.endswith(".waitForTaskToken"):
        return CALLBACK
    return REQUEST_RESPONSE


def is_activity_arn(resource: str) -> bool:
    """Activity ARNs, also when parts of them are still ``${...}`` placeholders."""
    return _ACTIVITY_RE.match(PLACEHOLDER_RE.sub("x", resource)) is not None


def _seconds(value: object) -> float | None:
    """A literal positive number of seconds; Path/JSONata/placeholder values are not known."""
    seconds = as_number(value) if as_int(value) is not None else None
    return seconds if seconds is not None and 0 < seconds < math.inf else None


def make_task_ref(path: str, name: str, state: JsonObject) -> TaskRef:
    """The TaskRef of one Task state (the state is trusted to be a Task)."""
    raw = state.get("Resource")
    resource = raw if isinstance(raw, str) else ""
    return TaskRef(
        state_path=path,
        state_name=name,
        resource=resource,
        integration_pattern=integration_pattern(resource),
        is_activity=is_activity_arn(resource),
        placeholders=placeholders(
            state.get("Resource"), state.get("Parameters"), state.get("Arguments")
        ),
        timeout_s=_seconds(state.get("TimeoutSeconds")),
        heartbeat_s=_seconds(state.get("HeartbeatSeconds")),
        trims_result=_trims_result(state),
    )


def _trims_result(state: JsonObject) -> bool:
    """The state keeps only part of the task's result (or none of it) in its output."""
    if "ResultSelector" in state or "Output" in state or "OutputPath" in state:
        return True
    return "ResultPath" in state and state["ResultPath"] is None


def task_refs(definition: object) -> list[TaskRef]:
    """Every Task state, nested ones included, in definition order (outer state before inner)."""
    refs: list[TaskRef] = []
    root = as_object(definition)
    if root is not None:
        _collect(root, "", 0, refs)
    return refs


def _collect(machine: JsonObject, prefix: str, depth: int, refs: list[TaskRef]) -> None:
    if depth > MAX_NESTING:
        return
    for name, state in string_keyed_states(machine).items():
        path = state_path(prefix, name)
        if state.get("Type") == "Task":
            refs.append(make_task_ref(path, name, state))
        for sub in sub_machines(state):
            _collect(sub.machine, f"{path}.{sub.field}.", depth + 1, refs)
