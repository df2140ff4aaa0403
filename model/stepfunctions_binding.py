"""Binding a workflow Task to a node of the design: the Task's target parameter becomes a
``${Name}`` placeholder, definition_substitutions maps Name to the node, and the state machine
gets an ``invokes`` edge to it, so exports, rules and the duration analysis all see the link."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from model.commands import Command, Connect, Disconnect, EditWorkflow, Macro, SetConfig
from model.config.edges import EdgeConfig
from model.config.orchestration import StateMachineConfig
from model.design import Design
from model.elements import Edge
from model.memo import ObjectMemo
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
    return edit_workflow(design, machine_id, new, label, link=node_id)


def binding_edge_id(machine_id: str, node_id: str) -> str:
    """The id of the invokes edge a binding draws. Only an edge with this id leaves with the
    binding: an invokes edge the user drew has an id of its own and stays."""
    return f"{machine_id}-calls-{node_id}"


def edit_workflow(
    design: Design,
    machine_id: str,
    config: StateMachineConfig,
    label: str,
    link: str | None = None,
) -> Command:
    """One undoable edit of the machine's workflow that keeps its bindings consistent, whatever
    made the edit (the graph, a state form, the code view, the inspector's ASL box):

    - a substitution no Task refers to any more leaves definition_substitutions, and so does
      the invokes edge the binding drew for it (see binding_edge_id), unless another
      substitution or a Resource still names that node or the edge has a label or settings
      of its own;
    - a node a Task comes to call through a substitution gets its invokes edge, unless the
      machine has one to it already (link names a node to give one in any case, the node a
      Task is being bound to)."""
    current = design.node(machine_id).config
    assert isinstance(current, StateMachineConfig)
    used = set(referenced_placeholders(config.definition))
    was_used = set(referenced_placeholders(current.definition))
    ended = was_used - used
    released = [key for key in config.definition_substitutions if _bare(key) in ended]
    targets = {config.definition_substitutions[name] for name in released}
    substitutions = {k: v for k, v in config.definition_substitutions.items() if k not in released}
    if released:
        config = config.model_copy(update={"definition_substitutions": substitutions})
    commands: list[Command] = [EditWorkflow(machine_id, config, label=label)]
    resources = _resources(config.definition) if released else []
    invokes = design.outgoing(machine_id, INVOKES)
    kept: set[str] = set()
    for edge in invokes:
        if (
            edge.target in targets
            and edge.id == binding_edge_id(machine_id, edge.target)
            and edge.target not in substitutions.values()
            and not any(edge.target in resource for resource in resources)
            and not edge.label
            and edge.config == EdgeConfig()
        ):
            commands.append(Disconnect(edge.id))
        else:
            kept.add(edge.target)
    called = _called(config, used) - _called(current, was_used)
    if link is not None:
        called.add(link)
    for node_id in sorted(called - kept):
        if design.has_node(node_id) and design.can_connect(machine_id, node_id, INVOKES):
            edge_id = binding_edge_id(machine_id, node_id)
            if design.has_edge(edge_id) or design.has_node(edge_id):
                edge_id = design.new_edge_id()
            commands.append(Connect(Edge(edge_id, machine_id, node_id, INVOKES)))
    return commands[0] if len(commands) == 1 else Macro(label, commands)


def _called(config: StateMachineConfig, used: set[str]) -> set[str]:
    """Nodes the config's substitutions map the used placeholders to."""
    return {node for key, node in config.definition_substitutions.items() if _bare(key) in used}


def config_edit(design: Design, node_id: str, name: str, value: Any) -> Command:
    """Set one config field of a node (as SetConfig.field, which validates it); on a state
    machine a change of its definition or substitutions goes through edit_workflow, so the
    inspector keeps bindings consistent as the workflow editor does."""
    command = SetConfig.field(design, node_id, name, value)
    if name not in ("definition", "definition_substitutions") or not isinstance(
        command.config, StateMachineConfig
    ):
        return command
    return edit_workflow(design, node_id, command.config, command.text)


def referenced_placeholders(definition: object) -> tuple[str, ...]:
    """Placeholders the definition refers to; a target parameter the Task's integration does
    not read (FunctionName left on a Task whose Resource moved to SQS) does not count."""
    if not isinstance(definition, dict) or not isinstance(definition.get("States"), dict):
        return placeholders(_without_stale_targets(definition))
    found = dict.fromkeys(
        placeholders(_without_stale_targets({k: v for k, v in definition.items() if k != "States"}))
    )
    for name, state in definition["States"].items():
        found.update(dict.fromkeys(placeholders(name)))
        found.update(dict.fromkeys(_STATE_PLACEHOLDERS.get(state, partial(_of_state, state))))
    return tuple(found)


_STATE_PLACEHOLDERS = ObjectMemo(20000)
"""Per top-level state: an edit shares the states it does not change, so the check after an
edit of one state walks that state alone."""


def _of_state(state: object) -> tuple[str, ...]:
    return placeholders(_without_stale_targets(state))


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
