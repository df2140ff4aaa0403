"""Letting go of a binding: which substitutions and invokes edges an edit of the workflow ends."""

from __future__ import annotations

from typing import Any

from model.config.edges import EdgeConfig
from model.config.orchestration import StateMachineConfig
from model.design import Design, new_node
from model.elements import Edge
from model.stepfunctions.edits import delete_state
from model.stepfunctions_binding import bind_task, binding_edge_id, config_edit, edit_workflow

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


def test_an_invokes_edge_the_user_drew_stays_when_the_binding_ends() -> None:
    design = Design("d", "")
    design.add_node(new_node(design, "aws.lambda", node_id="worker"))
    definition = {"StartAt": "Work", "States": {"Work": TASK}}
    node = new_node(
        design, "aws.stepfunctions.state_machine", node_id="flow", config={"definition": definition}
    )
    design.add_node(node)
    design.add_edge(Edge("e-1", "flow", "worker", "invokes"))  # drawn by hand, unlabelled
    bind_task(design, "flow", ("Work",), "worker").do(design)
    assert [e.id for e in design.outgoing("flow", "invokes")] == ["e-1"]  # no second edge
    config = design.node("flow").config
    assert isinstance(config, StateMachineConfig)
    edit_workflow(design, "flow", without_work(config), "Delete Work").do(design)
    assert design.node("flow").config.definition_substitutions == {}  # type: ignore[union-attr]
    assert [e.id for e in design.outgoing("flow", "invokes")] == ["e-1"]


def test_the_edge_a_binding_draws_carries_its_id_and_leaves_with_it() -> None:
    design = Design("d", "")
    config = machine(design, {"StartAt": "Work", "States": {"Work": TASK}})
    assert [e.id for e in design.outgoing("flow", "invokes")] == [binding_edge_id("flow", "worker")]
    edit_workflow(design, "flow", without_work(config), "Delete Work").do(design)
    assert design.outgoing("flow", "invokes") == []


def test_an_edit_that_comes_to_use_a_substitution_draws_its_edge_and_undo_removes_it() -> None:
    design = Design("d", "")
    config = machine(design, {"StartAt": "Work", "States": {"Work": TASK}})
    bound = config.definition
    unbound = without_work(config).model_copy(update={"definition": None})
    edit_workflow(design, "flow", unbound, "Clear").do(design)
    assert design.outgoing("flow", "invokes") == []
    # the bound Task comes back through the definition alone (pasted JSON), with its
    # substitution: the edge comes back with it
    current = design.node("flow").config
    assert isinstance(current, StateMachineConfig)
    again = current.model_copy(
        update={"definition": bound, "definition_substitutions": config.definition_substitutions}
    )
    command = edit_workflow(design, "flow", again, "Paste")
    command.do(design)
    assert [e.target for e in design.outgoing("flow", "invokes")] == ["worker"]
    command.undo(design)
    assert design.outgoing("flow", "invokes") == []


def test_config_edit_of_a_definition_goes_through_the_binding_check() -> None:
    design = Design("d", "")
    config = machine(design, {"StartAt": "Work", "States": {"Work": TASK}})
    other = {"StartAt": "Rest", "States": {"Rest": {"Type": "Pass", "End": True}}}
    command = config_edit(design, "flow", "definition", other)
    command.do(design)
    assert design.node("flow").config.definition == other  # type: ignore[union-attr]
    assert design.node("flow").config.definition_substitutions == {}  # type: ignore[union-attr]
    assert design.outgoing("flow", "invokes") == []
    command.undo(design)
    assert design.node("flow").config == config
    assert [e.target for e in design.outgoing("flow", "invokes")] == ["worker"]
    label = config_edit(design, "worker", "timeout_s", 30)
    assert type(label).__name__ == "SetConfig"  # other kinds and fields: a plain config change
