"""Binding a workflow Task to a node of the design: the Task's target parameter becomes a
``${Name}`` placeholder, definition_substitutions maps Name to the node, and the state machine
gets an ``invokes`` edge to it, so exports, rules and the duration analysis all see the link."""

from __future__ import annotations

import re
from typing import Any

from model.commands import Command, Connect, EditWorkflow, Macro
from model.config.orchestration import StateMachineConfig
from model.design import Design
from model.elements import Edge
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
    commands: list[Command] = [EditWorkflow(machine_id, new, label=label)]
    linked = any(e.target == node_id for e in design.outgoing(machine_id, INVOKES))
    if not linked and design.can_connect(machine_id, node_id, INVOKES):
        commands.append(Connect(Edge(design.new_edge_id(), machine_id, node_id, INVOKES)))
    return Macro(label, commands)


def _jsonata(definition: dict[str, Any], state: dict[str, Any]) -> bool:
    return (state.get("QueryLanguage") or definition.get("QueryLanguage")) == "JSONata"
