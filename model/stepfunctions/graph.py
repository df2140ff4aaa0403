"""A state machine definition read as a graph: states, nested blocks and labelled transitions.

This is what the workflow editor draws and edits. It reads any JSON-like input without raising
(as the rest of ``model.stepfunctions`` does), keeps the definition's own order, and names every
state by its place in the definition, so nested states with equal names stay distinct.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from ._common import (
    JSONATA,
    MAX_NESTING,
    JsonObject,
    as_int,
    as_list,
    as_number,
    as_object,
    is_jsonata,
    string_keyed_states,
    sub_machines,
    transitions,
)
from .tasks import CALLBACK, SYNC, integration_pattern, is_activity_arn

BlockId = tuple[str, ...]
"""Where a States block is: () for the top level, then (state, field) pairs, e.g.
``("Fan out", "Branches[0]")`` or ``("Fan out", "Branches[0]", "Each", "ItemProcessor")``."""
StateId = tuple[str, ...]
"""A state: its block followed by its name."""

START = "start"
END = "end"

NEXT = "next"
CHOICE = "choice"
DEFAULT = "default"
CATCH = "catch"

LABEL_LIMIT = 38


@dataclass(frozen=True)
class Integration:
    """What a Task calls, as the editor shows it: service key, readable name, action."""

    service: str
    """One of lambda sqs sns dynamodb ecs batch eventbridge stepfunctions glue bedrock http sdk
    activity task."""
    title: str
    action: str = ""


@dataclass(frozen=True)
class StateView:
    id: StateId
    name: str
    type: str
    """The ASL Type, or "Unknown" for a missing or unrecognised one."""
    state: JsonObject
    integration: Integration | None = None
    pattern: str = ""
    retry: str = ""
    blocks: tuple[BlockId, ...] = ()
    """The Parallel branches or Map item processor this state runs."""

    @property
    def block(self) -> BlockId:
        return self.id[:-1]

    @property
    def express_forbidden(self) -> bool:
        """A Task pattern Express workflows reject: .sync, .waitForTaskToken or an Activity."""
        return self.pattern in (SYNC, CALLBACK) or (
            self.integration is not None and self.integration.service == "activity"
        )


@dataclass(frozen=True)
class Block:
    id: BlockId
    owner: StateId | None
    title: str
    start: str | None
    """Name of the StartAt state when it exists in the block."""
    states: tuple[StateId, ...]


@dataclass(frozen=True)
class Transition:
    """An arrow. Source and target are state ids, or (block, START) and (block, END)."""

    source: StateId
    target: StateId
    kind: str
    field: str
    """The field of the source that names the target: StartAt, Next, Default, Choices[i].Next,
    Catch[i].Next; End for arrows into the end marker."""
    label: str = ""
    detail: str = ""
    """The full label when the shown one is shortened."""

    @property
    def block(self) -> BlockId:
        return self.source[:-1]


@dataclass
class WorkflowGraph:
    states: dict[StateId, StateView] = field(default_factory=dict)
    blocks: dict[BlockId, Block] = field(default_factory=dict)
    transitions: list[Transition] = field(default_factory=list)
    query_language: str = "JSONPath"
    _by_path: dict[str, StateId] | None = field(default=None, repr=False, compare=False)

    def state_ids_named(self, name: str) -> list[StateId]:
        return [state_id for state_id in self.states if state_id[-1] == name]

    def outgoing(self, state_id: StateId) -> list[Transition]:
        return [t for t in self.transitions if t.source == state_id]

    def incoming(self, state_id: StateId) -> list[Transition]:
        return [t for t in self.transitions if t.target == state_id]

    def state_at(self, path: str) -> StateId | None:
        """The innermost state a definition path is in: ``States.P.Branches[0].States.B.Retry``
        is in B. Real names decide where a name with dots in it ends."""
        if self._by_path is None:
            self._by_path = {asl_path(state_id): state_id for state_id in self.states}
        return innermost(self._by_path, path)


_T = TypeVar("_T")


def innermost(by_path: Mapping[str, _T], path: str) -> _T | None:
    """The entry of the longest state path (a key of by_path) that path starts with."""
    found = None
    end = path.find(".", len("States.") if path.startswith("States.") else 0)
    while True:
        prefix = path if end < 0 else path[:end]
        found = by_path.get(prefix, found)
        if end < 0:
            return found
        end = path.find(".", end + 1)


@dataclass(frozen=True)
class StatePaths:
    """Where each state of a definition is, read without building its graph: what findings
    need to name states (the graph also reads labels, integrations and retries)."""

    by_duration_name: dict[str, str]
    """duration_name() -> asl_path() of every state, the first in graph order for a name."""
    paths: dict[str, str]
    """asl_path() of every state, to itself."""

    def state_at(self, path: str) -> str | None:
        """The asl_path() of the innermost state path is in (WorkflowGraph.state_at)."""
        return innermost(self.paths, path)


def state_paths(definition: object) -> StatePaths:
    """The states build_graph() would read, by path and by duration name, in its order."""
    paths = StatePaths({}, {})
    _read_paths(paths, as_object(definition) or {}, "", "", 0)
    return paths


def _read_paths(
    found: StatePaths, machine: JsonObject, prefix: str, label: str, depth: int
) -> None:
    """state_paths() of one States block (a module function: a nested one that calls itself
    is a reference cycle, left for the garbage collector on every call)."""
    by_name, paths = found.by_duration_name, found.paths
    for name, state in string_keyed_states(machine).items():
        path = f"{prefix}States.{name}"
        readable = f"{label}{name}"
        if depth < MAX_NESTING:
            for sub in sub_machines(state):
                _read_paths(
                    found,
                    sub.machine,
                    f"{path}.{sub.field}.",
                    f"{readable}/{sub.readable}/",
                    depth + 1,
                )
        by_name.setdefault(readable, path)
        paths[path] = path


def marker(block: BlockId, which: str) -> StateId:
    """Id of a block's start or end marker."""
    return (*block, f"\x00{which}")


def is_marker(node: StateId) -> bool:
    return bool(node) and node[-1].startswith("\x00")


def readable_id(state_id: StateId) -> str:
    """The state's location for people, e.g. ``Fan out / Branch 1 / Resize``."""
    parts: list[str] = []
    for index, part in enumerate(state_id):
        if index % 2 == 1:
            match = re.fullmatch(r"Branches\[(\d+)\]", part)
            parts.append(f"Branch {int(match.group(1)) + 1}" if match else "Items")
        else:
            parts.append(part.lstrip("\x00"))
    return " / ".join(parts)


def asl_path(state_id: StateId) -> str:
    """The dotted path check_structure and the rules use, e.g. ``States.P.Branches[0].States.A``."""
    text = ""
    for index, part in enumerate(state_id):
        text += f"States.{part}" if index % 2 == 0 else f".{part}."
    return text


def svg_id(name: str) -> str:
    """The SVG group id of a state: ``state-`` and the name with other characters as ``_``."""
    return "state-" + re.sub(r"[^A-Za-z0-9_-]", "_", name)


def build_graph(definition: object, previous: WorkflowGraph | None = None) -> WorkflowGraph:
    """The graph of a definition (None or malformed input gives an empty or partial graph).
    A state that is the very object it was in previous keeps its view (edits share the
    states they did not change, see model.stepfunctions.edits)."""
    graph = WorkflowGraph()
    root = as_object(definition) or {}
    language = root.get("QueryLanguage")
    graph.query_language = language if isinstance(language, str) else "JSONPath"
    kept = previous.states if previous is not None else {}
    _read_block(graph, root, (), None, "Workflow", 0, graph.query_language, kept)
    return graph


def _read_block(
    graph: WorkflowGraph,
    machine: JsonObject,
    block: BlockId,
    owner: StateId | None,
    title: str,
    depth: int,
    language: str,
    kept: dict[StateId, StateView],
) -> None:
    states = string_keyed_states(machine)
    start = machine.get("StartAt")
    start_name = start if isinstance(start, str) and start in states else None
    ids = tuple((*block, name) for name in states)
    graph.blocks[block] = Block(block, owner, title, start_name, ids)
    if not block:
        target = (start_name,) if start_name is not None else marker(block, END)
        graph.transitions.append(Transition(marker(block, START), target, NEXT, "StartAt"))
    for name, state in states.items():
        state_id = (*block, name)
        own = state.get("QueryLanguage")
        state_language = own if isinstance(own, str) else language
        nested: list[BlockId] = []
        if depth < MAX_NESTING:
            for sub in sub_machines(state):
                sub_block = (*state_id, sub.field)
                nested.append(sub_block)
                sub_title = (
                    f"Branch {len(nested)}"
                    if sub.field.startswith("Branches")
                    else "Item processor"
                )
                _read_block(
                    graph, sub.machine, sub_block, state_id, sub_title, depth + 1, language, kept
                )
        old = kept.get(state_id)
        if old is not None and old.state is state and old.blocks == tuple(nested):
            graph.states[state_id] = old
        else:
            graph.states[state_id] = _state_view(state_id, name, state, tuple(nested))
        _read_transitions(graph, state_id, state, states, state_language)


def _state_view(
    state_id: StateId, name: str, state: JsonObject, blocks: tuple[BlockId, ...]
) -> StateView:
    kind = state.get("Type")
    type_name = kind if isinstance(kind, str) and kind else "Unknown"
    integration = None
    pattern = ""
    if type_name == "Task":
        resource = state.get("Resource")
        text = resource if isinstance(resource, str) else ""
        integration = task_integration(state)
        pattern = integration_pattern(text)
    return StateView(
        state_id, name, type_name, state, integration, pattern, retry_text(state), blocks
    )


def _read_transitions(
    graph: WorkflowGraph,
    state_id: StateId,
    state: JsonObject,
    states: dict[str, JsonObject],
    language: str,
) -> None:
    block = state_id[:-1]
    choices = as_list(state.get("Choices")) or []
    catchers = as_list(state.get("Catch")) or []
    for path, target in transitions(state):
        if target not in states:
            continue
        target_id = (*block, target)
        if path == "Next":
            graph.transitions.append(Transition(state_id, target_id, NEXT, path))
        elif path == "Default":
            graph.transitions.append(Transition(state_id, target_id, DEFAULT, path, "Default"))
        elif path.startswith("Choices["):
            rule = as_object(choices[int(path[8 : path.index("]")])]) or {}
            full = choice_text(rule, language)
            graph.transitions.append(
                Transition(state_id, target_id, CHOICE, path, shorten(full), full)
            )
        else:
            catcher = as_object(catchers[int(path[6 : path.index("]")])]) or {}
            errors = [e for e in as_list(catcher.get("ErrorEquals")) or [] if isinstance(e, str)]
            full = "Catch " + ", ".join(errors) if errors else "Catch"
            graph.transitions.append(
                Transition(state_id, target_id, CATCH, path, shorten(full), full)
            )
    kind = state.get("Type")
    if not block and (state.get("End") is True or kind in ("Succeed", "Fail")):
        graph.transitions.append(Transition(state_id, marker(block, END), NEXT, "End"))


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_OPERATORS = {
    "Equals": "==",
    "LessThan": "<",
    "GreaterThan": ">",
    "LessThanEquals": "<=",
    "GreaterThanEquals": ">=",
}
_TYPES = ("String", "Numeric", "Boolean", "Timestamp")


def choice_text(rule: JsonObject, language: str = "JSONPath") -> str:
    """A Choice rule's condition as one readable line, e.g. ``$.size > 100 and $.type == "png"``."""
    condition = rule.get("Condition")
    if language == JSONATA or condition is not None:
        if isinstance(condition, str):
            return condition[2:-2].strip() if is_jsonata(condition) else condition
        return json.dumps(condition)
    return _jsonpath_condition(rule, 0)


def _jsonpath_condition(rule: JsonObject, depth: int) -> str:
    if depth > 8:
        return "…"
    for combinator in ("And", "Or"):
        parts = as_list(rule.get(combinator))
        if parts is not None:
            inner = [_jsonpath_condition(as_object(p) or {}, depth + 1) for p in parts]
            word = f" {combinator.lower()} "
            return word.join(f"({p})" if (" and " in p or " or " in p) else p for p in inner)
    negated = as_object(rule.get("Not"))
    if negated is not None:
        return f"not ({_jsonpath_condition(negated, depth + 1)})"
    variable = rule.get("Variable")
    subject = variable if isinstance(variable, str) else "?"
    for key, value in rule.items():
        if key in ("Variable", "Next", "Comment", "Assign", "Output"):
            continue
        if key == "IsPresent":
            return f"{subject} {'is present' if value is True else 'is absent'}"
        if key == "IsNull":
            return f"{subject} {'is null' if value is True else 'is not null'}"
        if key.startswith("Is") and key[2:] in ("String", "Numeric", "Boolean", "Timestamp"):
            word = key[2:].lower()
            return f"{subject} {'is' if value is True else 'is not'} {word}"
        if key in ("StringMatches",):
            return f"{subject} matches {json.dumps(value)}"
        for type_name in _TYPES:
            if not key.startswith(type_name):
                continue
            rest = key[len(type_name) :]
            by_path = rest.endswith("Path")
            operator = _OPERATORS.get(rest.removesuffix("Path"))
            if operator is None:
                continue
            shown = value if by_path and isinstance(value, str) else json.dumps(value)
            return f"{subject} {operator} {shown}"
    return f"{subject} ?"


def retry_text(state: JsonObject) -> str:
    """Retry as a short annotation: attempts and backoff of each retrier, e.g. ``Retry 3× ×2``."""
    retriers = [r for r in (as_object(x) for x in as_list(state.get("Retry")) or []) if r]
    if not retriers:
        return ""
    parts: list[str] = []
    for retrier in retriers:
        attempts = as_int(retrier.get("MaxAttempts"))
        backoff = as_number(retrier.get("BackoffRate"))
        parts.append(
            f"{3 if attempts is None else attempts}× ×{2.0 if backoff is None else backoff:g}"
        )
    return "Retry " + ", ".join(parts)


_SERVICES: tuple[tuple[str, str, str], ...] = (
    ("lambda", "lambda", "AWS Lambda"),
    ("sqs", "sqs", "Amazon SQS"),
    ("sns", "sns", "Amazon SNS"),
    ("dynamodb", "dynamodb", "Amazon DynamoDB"),
    ("ecs", "ecs", "Amazon ECS"),
    ("batch", "batch", "AWS Batch"),
    ("events", "eventbridge", "Amazon EventBridge"),
    ("states", "stepfunctions", "AWS Step Functions"),
    ("glue", "glue", "AWS Glue"),
    ("bedrock", "bedrock", "Amazon Bedrock"),
    ("http", "http", "HTTP endpoint"),
)
_OPTIMISED = re.compile(r"^arn:[^:]+:states:::(?P<service>[a-z0-9-]+):(?P<action>[A-Za-z0-9.]+)$")
_SDK = re.compile(r"^arn:[^:]+:states:::aws-sdk:(?P<service>[a-z0-9-]+):(?P<action>[A-Za-z0-9.]+)$")


def task_integration(state: JsonObject) -> Integration:
    """Which service a Task calls, read from its Resource (and FunctionName for placeholders)."""
    raw = state.get("Resource")
    resource = raw if isinstance(raw, str) else ""
    if is_activity_arn(resource):
        return Integration("activity", "Activity")
    if ":lambda:" in resource and ":function:" in resource:
        return Integration("lambda", "AWS Lambda", "Invoke")
    sdk = _SDK.match(resource)
    if sdk:
        action = sdk.group("action").split(".")[0]
        return Integration("sdk", f"AWS SDK: {sdk.group('service')}", action)
    optimised = _OPTIMISED.match(resource)
    if optimised:
        action = optimised.group("action").split(".")[0]
        for prefix, service, title in _SERVICES:
            if optimised.group("service") == prefix:
                return Integration(service, title, action[:1].upper() + action[1:])
        return Integration("sdk", optimised.group("service"), action)
    parameters = as_object(state.get("Parameters")) or as_object(state.get("Arguments")) or {}
    if "FunctionName" in parameters or "FunctionName.$" in parameters:
        return Integration("lambda", "AWS Lambda", "Invoke")
    return Integration("task", "Task")


def duration_name(state_id: StateId) -> str:
    """The state as duration paths name it, e.g. ``Par/Branch0/A`` or ``Each/Iteration/B``."""
    parts: list[str] = []
    for index, part in enumerate(state_id):
        if index % 2 == 0:
            parts.append(part)
        else:
            match = re.fullmatch(r"Branches\[(\d+)\]", part)
            parts.append(f"Branch{match.group(1)}" if match else "Iteration")
    return "/".join(parts)
