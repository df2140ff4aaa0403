"""Letting go of a binding: which substitutions and invokes edges an edit of the workflow ends."""

from __future__ import annotations

from typing import Any

from model.config.edges import EdgeConfig
from model.config.orchestration import StateMachineConfig
from model.design import Design, new_node
from model.elements import Edge
from model.stepfunctions.edits import delete_state
from model.stepfunctions_binding import bind_task, edit_workflow

TASK = {
    "Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke",
    "Parameters": {"FunctionName": "", "Payload.$": "$"},
    "End": True,
}


def machine(design: Design, definition: dict[str, Any]) -> StateMachineConfig:
    config = {"definition": definition}
    design.add_node(new_node(design, "aws.lambda", node_id="worker"))
    node = new_node(design, "aws.stepfunctions.state_machine", node_id="flow", config=config)
    design.add_node(node)
    bind_task(design, "flow", ("Work",), "worker").do(design)
    result = design.node("flow").config
    assert isinstance(result, StateMachineConfig) and result.definition_substitutions
    return result


def without_work(config: StateMachineConfig) -> StateMachineConfig:
    assert config.definition is not None
    definition = delete_state(config.definition, ("Work",))
    return config.model_copy(update={"definition": definition})


def test_deleting_the_task_drops_substitution_and_edge_and_undo_restores_them() -> None:
    design = Design("d", "")
    config = machine(design, {"StartAt": "Work", "States": {"Work": TASK}})
    command = edit_workflow(design, "flow", without_work(config), "Delete Work")
    command.do(design)
    assert design.node("flow").config.definition_substitutions == {}  # type: ignore[union-attr]
    assert design.outgoing("flow", "invokes") == []
    command.undo(design)
    assert design.node("flow").config == config
    assert [e.target for e in design.outgoing("flow", "invokes")] == ["worker"]


def test_an_invokes_edge_with_settings_of_its_own_stays() -> None:
    design = Design("d", "")
    config = machine(design, {"StartAt": "Work", "States": {"Work": TASK}})
    edge = design.outgoing("flow", "invokes")[0]
    design.remove_edge(edge.id)
    sync = EdgeConfig.model_validate({"integration_pattern": "sync"})
    design.add_edge(Edge(edge.id, "flow", "worker", "invokes", sync))
    edit_workflow(design, "flow", without_work(config), "Delete Work").do(design)
    assert design.node("flow").config.definition_substitutions == {}  # type: ignore[union-attr]
    assert [e.id for e in design.outgoing("flow", "invokes")] == [edge.id]


def test_a_substitution_the_edit_does_not_touch_stays() -> None:
    design = Design("d", "")
    config = machine(design, {"StartAt": "Work", "States": {"Work": TASK}})
    extra = {**config.definition_substitutions, "Unused": "worker"}
    config = config.model_copy(update={"definition_substitutions": extra})
    edit_workflow(design, "flow", without_work(config), "Delete Work").do(design)
    assert design.node("flow").config.definition_substitutions == {"Unused": "worker"}  # type: ignore[union-attr]
    assert [e.target for e in design.outgoing("flow", "invokes")] == ["worker"]
