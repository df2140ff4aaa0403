"""Binding a workflow Task to a node of the design: the Task's target parameter becomes a
``${Name}`` placeholder, definition_substitutions maps Name to the node, and the state machine
gets an ``invokes`` edge to it, so exports, rules and the duration analysis all see the link."""

from __future__ import annotations

import re
from typing import Any

from model.commands import Command, Connect, Disconnect, EditWorkflow, Macro
from model.config.edges import EdgeConfig
from model.config.orchestration import StateMachineConfig
from model.design import Design
from model.elements import Edge
from model.stepfunctions._common import placeholders
from model.stepfunctions.edits import replace_state, state_at
from model.stepfunctions.graph import StateId, task_integration

INVOKES = "invokes"
BINDINGS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "lambda": (("aws.lambda",), "FunctionName", "Function"),
    "sqs": (("aws.sqs.queue",), "QueueUrl", "Queue"),
    "sns": (("aws.sns.topic",), "TopicArn", "Topic"),
    "dynamodb": (("aws.dynamodb.table",), "TableName", "Table"),
    "ecs": (("aws.ecs.task",), "TaskDefinition", "TaskDefinition"),
    "batch": (("aws.batch.job_queue",), "JobQueue", "JobQueue"),
}
"""Per service: the kinds a Task can call, the parameter naming the target, placeholder suffix."""


def bindable_nodes(design: Design, state: dict[str, Any]) -> list[str]:
    """Ids of design nodes the Task can be bound to, in design order."""
    binding = BINDINGS.get(task_integration(state).service)
    if binding is None:
        return []
    return [n.id for n in design.iter_nodes() if n.kind in binding[0]]


def placeholder_name(node_id: str, suffix: str) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+", node_id) if w]
    base = "".join(w[:1].upper() + w[1:] for w in words) or "Target"
    return base if base.endswith(suffix) else base + suffix


def bound_node(config: StateMachineConfig, state: dict[str, Any]) -> str | None:
    """The node the Task's target parameter names through a placeholder, if any."""
    binding = BINDINGS.get(task_integration(state).service)
    if binding is None:
        return None
    for key in ("Parameters", "Arguments"):
        block = state.get(key)
        value = block.get(binding[1]) if isinstance(block, dict) else None
        if isinstance(value, str):
            match = re.fullmatch(r"\$\{([^{}\s]+)\}", value)
            if match:
                return config.substitution_target(match.group(1))
    return None


def binding_service(kind: str) -> str | None:
    """The Task integration that calls nodes of kind (lambda, sqs, ...), if any."""
    return next((service for service, b in BINDINGS.items() if kind in b[0]), None)


def can_bind(state: dict[str, Any], kind: str) -> bool:
    binding = BINDINGS.get(task_integration(state).service)
    return binding is not None and kind in binding[0]


def bind_task(
    design: Design,
    machine_id: str,
    state_id: StateId,
    node_id: str,
    config: StateMachineConfig | None = None,
    label: str = "",
) -> Command:
    """One undoable step: placeholder in the Task, substitution to the node, invokes edge.
    config is the state machine's config to start from when an edit of the same step (say,
    inserting the Task) comes first; label names the step."""
    if config is None:
        current = design.node(machine_id).config
        assert isinstance(current, StateMachineConfig)
        config = current
    definition = config.definition or {}
    state = dict(state_at(definition, state_id))
    binding = BINDINGS[task_integration(state).service]
    name = placeholder_name(node_id, binding[2])
    key = "Arguments" if "Arguments" in state or _jsonata(definition, state) else "Parameters"
    block = dict(state.get(key) or {})
    block.pop(f"{binding[1]}.$", None)
    block[binding[1]] = f"${{{name}}}"
    state[key] = block
    substitutions = dict(config.definition_substitutions)
    substitutions[name] = node_id
    new = config.model_copy(
        update={
            "definition": replace_state(definition, state_id, state),
            "definition_substitutions": substitutions,
        }
    )
    label = label or f"Bind {state_id[-1]} to {node_id}"
    release = edit_workflow(design, machine_id, new, label)
    commands: list[Command] = list(release.commands) if isinstance(release, Macro) else [release]
    linked = any(
        e.target == node_id
        for e in design.outgoing(machine_id, INVOKES)
        if not any(isinstance(c, Disconnect) and c.edge_id == e.id for c in commands)
    )
    if not linked and design.can_connect(machine_id, node_id, INVOKES):
        commands.append(Connect(Edge(design.new_edge_id(), machine_id, node_id, INVOKES)))
    return Macro(label, commands)


def edit_workflow(
    design: Design, machine_id: str, config: StateMachineConfig, label: str
) -> Command:
    """One undoable edit of the machine's workflow that also lets go of the bindings it ends:
    a substitution no Task refers to any more leaves definition_substitutions, and so does the
    invokes edge it backed when no other substitution or Resource names that node and the edge
    carries nothing of its own (no label, default settings), as bind_task draws it."""
    current = design.node(machine_id).config
    assert isinstance(current, StateMachineConfig)
    used = set(referenced_placeholders(config.definition))
    ended = set(referenced_placeholders(current.definition)) - used
    released = [key for key in config.definition_substitutions if _bare(key) in ended]
    if not released:
        return EditWorkflow(machine_id, config, label=label)
    substitutions = {k: v for k, v in config.definition_substitutions.items() if k not in released}
    new = config.model_copy(update={"definition_substitutions": substitutions})
    commands: list[Command] = [EditWorkflow(machine_id, new, label=label)]
    targets = {config.definition_substitutions[name] for name in released}
    resources = _resources(config.definition)
    for edge in design.outgoing(machine_id, INVOKES):
        if (
            edge.target in targets
            and edge.target not in substitutions.values()
            and not any(edge.target in resource for resource in resources)
            and not edge.label
            and edge.config == EdgeConfig()
        ):
            commands.append(Disconnect(edge.id))
    return Macro(label, commands)


def referenced_placeholders(definition: object) -> tuple[str, ...]:
    """Placeholders the definition refers to; a target parameter the Task's integration does
    not read (FunctionName left on a Task whose Resource moved to SQS) does not count."""
    return placeholders(_without_stale_targets(definition))


_TARGET_KEYS = {binding[1]: service for service, binding in BINDINGS.items()}


def _without_stale_targets(value: object) -> object:
    if isinstance(value, list):
        return [_without_stale_targets(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {key: _without_stale_targets(item) for key, item in value.items()}
    if value.get("Type") != "Task":
        return result
    service = task_integration(value).service
    if service in ("sdk", "task"):
        return result
    for key in ("Parameters", "Arguments"):
        block = result.get(key)
        if isinstance(block, dict):
            result[key] = {
                k: v for k, v in block.items() if _TARGET_KEYS.get(k, service) == service
            }
    return result


def _bare(key: str) -> str:
    return key[2:-1] if key.startswith("${") and key.endswith("}") else key


def _resources(value: object) -> list[str]:
    """Every Task Resource; a Resource naming a node keeps its invokes edge meaningful."""
    if isinstance(value, list):
        return [r for item in value for r in _resources(item)]
    if not isinstance(value, dict):
        return []
    found = [r for item in value.values() for r in _resources(item)]
    resource = value.get("Resource")
    return [resource, *found] if isinstance(resource, str) else found


def _jsonata(definition: dict[str, Any], state: dict[str, Any]) -> bool:
    return (state.get("QueryLanguage") or definition.get("QueryLanguage")) == "JSONata"
