"""Task states of a definition, with what the rest of ArchCanvas needs to resolve their targets."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

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


class TaskRef(NamedTuple):
    """One Task state and the facts needed to bound its duration or link it to a resource.

    A named tuple, not a frozen dataclass: every Task of every definition gets one, and a
    frozen dataclass takes three times as long to make."""

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
    if ".sync" in resource and _SYNC_RE.search(resource):
        return SYNC
    if resource.endswith(".waitForTaskToken"):
        return CALLBACK
    return REQUEST_RESPONSE


def is_activity_arn(resource: str) -> bool:
    """Activity ARNs, also when parts of them are still ``${...}`` placeholders."""
    if ":activity:" not in resource:
        return False
    return _ACTIVITY_RE.match(PLACEHOLDER_RE.sub("x", resource)) is not None


def _seconds(value: object) -> float | None:
    """A literal positive number of seconds; Path/JSONata/placeholder values are not known."""
    if value is None:
        return None
    seconds = as_number(value) if as_int(value) is not None else None
    return seconds if seconds is not None and 0 < seconds < math.inf else None


def make_task_ref(path: str, name: str, state: JsonObject) -> TaskRef:
    """The TaskRef of one Task state (the state is trusted to be a Task; every Task of every
    definition gets one, so its fields are passed in order rather than by name)."""
    raw = state.get("Resource")
    resource = raw if isinstance(raw, str) else ""
    return TaskRef(
        path,
        name,
        resource,
        integration_pattern(resource),
        is_activity_arn(resource),
        placeholders(raw, state.get("Parameters"), state.get("Arguments")),
        _seconds(state.get("TimeoutSeconds")),
        _seconds(state.get("HeartbeatSeconds")),
        _trims_result(state),
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
        kind = state.get("Type")
        if kind == "Task":
            refs.append(make_task_ref(state_path(prefix, name), name, state))
        elif kind in ("Parallel", "Map"):
            path = state_path(prefix, name)
            for sub in sub_machines(state):
                _collect(sub.machine, f"{path}.{sub.field}.", depth + 1, refs)


PATTERN_TITLES = {
    REQUEST_RESPONSE: "Request-response",
    SYNC: "Run a job (.sync)",
    CALLBACK: "Wait for callback (.waitForTaskToken)",
}
ALL_PATTERNS = (REQUEST_RESPONSE, SYNC, CALLBACK)

SUPPORTED_PATTERNS: dict[str, tuple[str, ...]] = {
    "lambda:invoke": (REQUEST_RESPONSE, CALLBACK),
    "sqs:sendMessage": (REQUEST_RESPONSE, CALLBACK),
    "sns:publish": (REQUEST_RESPONSE, CALLBACK),
    "dynamodb:getItem": (REQUEST_RESPONSE,),
    "dynamodb:putItem": (REQUEST_RESPONSE,),
    "dynamodb:updateItem": (REQUEST_RESPONSE,),
    "dynamodb:deleteItem": (REQUEST_RESPONSE,),
    "ecs:runTask": ALL_PATTERNS,
    "batch:submitJob": (REQUEST_RESPONSE, SYNC),
    "states:startExecution": ALL_PATTERNS,
    "events:putEvents": (REQUEST_RESPONSE, CALLBACK),
    "glue:startJobRun": (REQUEST_RESPONSE, SYNC),
    "bedrock:invokeModel": (REQUEST_RESPONSE,),
    "http:invoke": (REQUEST_RESPONSE,),
    "apigateway:invoke": (REQUEST_RESPONSE, CALLBACK),
    "codebuild:startBuild": (REQUEST_RESPONSE, SYNC),
    "athena:startQueryExecution": (REQUEST_RESPONSE, SYNC),
    "eks:runJob": (REQUEST_RESPONSE, SYNC),
}
"""Integration patterns each optimised integration supports, after the table in
https://docs.aws.amazon.com/step-functions/latest/dg/integrate-services.html (an action not
listed here is offered every pattern). AWS SDK integrations support request-response and
callbacks, not .sync."""

_PATTERN_RESOURCE = re.compile(
    r"^(?P<base>arn:[^:]+:states:::(?P<sdk>aws-sdk:)?(?P<service>[a-z0-9-]+):(?P<action>[A-Za-z0-9]+))"
    r"(?P<suffix>\.sync(:\d+)?|\.waitForTaskToken)?$"
)


def patterns_for(resource: object) -> tuple[str, ...]:
    """The integration patterns a Task's Resource can be switched between (none when the
    Resource is no service integration, e.g. a Lambda function ARN or an Activity)."""
    match = _PATTERN_RESOURCE.match(resource) if isinstance(resource, str) else None
    if match is None:
        return ()
    if match.group("sdk"):
        return (REQUEST_RESPONSE, CALLBACK)
    return SUPPORTED_PATTERNS.get(f"{match.group('service')}:{match.group('action')}", ALL_PATTERNS)


def with_pattern(resource: str, pattern: str) -> str:
    """The Resource with the integration-pattern suffix of pattern (``.sync``, keeping a
    version such as ``.sync:2`` already there, or ``.waitForTaskToken``)."""
    match = _PATTERN_RESOURCE.match(resource)
    if match is None:
        return resource
    base, suffix = match.group("base"), match.group("suffix") or ""
    if pattern == SYNC:
        if suffix.startswith(".sync"):
            return resource
        return base + (".sync:2" if match.group("service") == "states" else ".sync")
    if pattern == CALLBACK:
        return base + ".waitForTaskToken"
    return base
