"""Binding Tasks to the design by dropping its nodes, and the binding kept true both ways:
a renamed node is shown by its new name, a deleted one leaves the Task marked and badged, and
a Task whose Resource moves to another service no longer counts as calling the old node."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.workflow.palette import DESIGN_GROUP, MIME_NODE
from model.commands import AddNode, RemoveNodes, Rename
from model.design import new_node
from model.elements import Point
from model.stepfunctions_binding import placeholder_name

STATE_MACHINE = "aws.stepfunctions.state_machine"
NO_KEYS = Qt.KeyboardModifier.NoModifier
LAMBDA_TASK = {
    "Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke",
    "Parameters": {"FunctionName": "", "Payload.$": "$"},
    "TimeoutSeconds": 30,
    "Next": "Done",
}
DEFINITION = {
    "StartAt": "Resize",
    "States": {"Resize": LAMBDA_TASK, "Done": {"Type": "Pass", "End": True}},
}


def setup(window):
    design = window.document.design
    function = next(n.id for n in design.nodes if n.kind == "aws.lambda")
    node = new_node(
        design, STATE_MACHINE, Point(0, 400), label="Flow", config={"definition": DEFINITION}
    )
    assert window.push(AddNode(node))
    tab = window.open_workflow(node.id)
    assert tab is not None
    return tab, node.id, function


def drop(tab, node_id: str, pos: QPointF) -> None:
    """Drag enter, move and drop on the view carrying a design node, as the states browser's
    drag sends them."""
    mime = QMimeData()
    mime.setData(MIME_NODE, node_id.encode())
    point = QPointF(tab.view.mapFromScene(pos))
    viewport = tab.view.viewport()
    copy = Qt.DropAction.CopyAction
    for event in (
        QDragEnterEvent(point.toPoint(), copy, mime, Qt.MouseButton.LeftButton, NO_KEYS),
        QDragMoveEvent(point.toPoint(), copy, mime, Qt.MouseButton.LeftButton, NO_KEYS),
        QDropEvent(point, copy, mime, Qt.MouseButton.LeftButton, NO_KEYS),
    ):
        QApplication.sendEvent(viewport, event)


def centre(tab, name):
    return tab.scene.states[(name,)].sceneBoundingRect().center()


def steps(tab):
    return len(tab.document.stack._done)


def test_browser_lists_the_design_nodes_a_task_can_call(main_window):
    tab, _, function = setup(main_window)
    texts = [tab.palette.item(i).text() for i in range(tab.palette.count())]
    assert DESIGN_GROUP in texts
    label = main_window.document.design.node(function).label
    assert label in texts[texts.index(DESIGN_GROUP) :]
    queue = next(n.id for n in main_window.document.design.nodes if n.kind == "aws.sqs.queue")
    assert main_window.document.design.node(queue).label in texts[texts.index(DESIGN_GROUP) :]
    design = main_window.document.design
    extra = new_node(design, "aws.lambda", Point(600, 0), label="Thumbnailer")
    assert main_window.push(AddNode(extra))
    texts = [tab.palette.item(i).text() for i in range(tab.palette.count())]
    assert "Thumbnailer" in texts


def test_dropping_a_function_on_a_task_binds_it_in_one_step(main_window):
    tab, machine, function = setup(main_window)
    design = main_window.document.design
    assert tab.scene.states[("Resize",)].unbound
    before = steps(tab)
    drop(tab, function, centre(tab, "Resize"))
    assert steps(tab) == before + 1
    config = design.node(machine).config
    name = placeholder_name(function, "Function")
    assert config.definition["States"]["Resize"]["Parameters"]["FunctionName"] == f"${{{name}}}"
    assert config.definition_substitutions == {name: function}
    assert any(e.target == function for e in design.outgoing(machine, "invokes"))
    item = tab.scene.states[("Resize",)]
    assert not item.unbound and item.calls == design.node(function).label
    main_window.edit_undo()
    assert design.node(machine).config.definition_substitutions == {}
    assert not any(e.target == function for e in design.outgoing(machine, "invokes"))


def test_dropping_a_function_on_an_arrow_adds_a_bound_task_in_one_step(main_window):
    tab, machine, function = setup(main_window)
    design = main_window.document.design
    transition = next(t for t in tab.scene.arrows if t.transition.field == "Next")
    points = transition.route.points
    (ax, ay), (bx, by) = points[-2], points[-1]
    before = steps(tab)
    drop(tab, function, QPointF((ax + bx) / 2, (ay + by) / 2))
    assert steps(tab) == before + 1
    states = design.node(machine).config.definition["States"]
    assert states["Resize"]["Next"] == "Lambda Invoke"
    assert states["Lambda Invoke"]["Next"] == "Done"
    assert not tab.scene.states[("Lambda Invoke",)].unbound
    main_window.edit_undo()
    assert "Lambda Invoke" not in design.node(machine).config.definition["States"]
    assert not any(e.target == function for e in design.outgoing(machine, "invokes"))


def test_dropping_on_a_state_that_cannot_call_the_node_is_refused(main_window):
    tab, machine, function = setup(main_window)
    errors: list[str] = []
    main_window.document.error.connect(errors.append)
    before = steps(tab)
    drop(tab, function, centre(tab, "Done"))
    assert steps(tab) == before and errors and "cannot call" in errors[0]
    queue = next(n.id for n in main_window.document.design.nodes if n.kind == "aws.sqs.queue")
    drop(tab, queue, centre(tab, "Resize"))
    assert steps(tab) == before and len(errors) == 2


def test_renamed_and_deleted_nodes_follow_on_the_task(main_window):
    tab, machine, function = setup(main_window)
    drop(tab, function, centre(tab, "Resize"))
    assert main_window.push(Rename(function, "Resizer v2"))
    item = tab.scene.states[("Resize",)]
    assert item.calls == "Resizer v2" and "Calls Resizer v2" in item.toolTip()
    assert main_window.push(RemoveNodes([function]))
    item = tab.scene.states[("Resize",)]
    assert item.unbound and item.calls == ""
    unknown = [f for f in main_window.document.findings if f.rule == "SFN_SUBSTITUTION_UNKNOWN"]
    assert [ref.path for ref in unknown[0].states] == ["States.Resize"]
    assert item.badge is not None and item.badge.isVisible()


def test_a_task_moved_to_another_service_no_longer_counts_as_bound(main_window):
    tab, machine, function = setup(main_window)
    drop(tab, function, centre(tab, "Resize"))
    assert not tab.scene.states[("Resize",)].unbound
    tab.scene.select_states([("Resize",)])
    tab.form.resource_edit.setText("arn:aws:states:::sqs:sendMessage")
    tab.form.resource_edit.editingFinished.emit()
    item = tab.scene.states[("Resize",)]
    assert item.view.integration is not None and item.view.integration.service == "sqs"
    assert item.unbound and item.calls == ""
    box = tab.form.bind_box
    queue = next(n.id for n in main_window.document.design.nodes if n.kind == "aws.sqs.queue")
    assert box.findData(queue) > 0 and box.findData(function) < 0


def binding_of(design, machine, function):
    config = design.node(machine).config
    edges = [e.id for e in design.outgoing(machine, "invokes") if e.target == function]
    return {k: v for k, v in config.definition_substitutions.items() if v == function}, edges


def test_moving_a_bound_task_to_another_service_lets_go_of_its_binding_in_one_step(main_window):
    tab, machine, function = setup(main_window)
    design = main_window.document.design
    drop(tab, function, centre(tab, "Resize"))
    bound = binding_of(design, machine, function)
    assert bound[0] and bound[1]
    before = steps(tab)
    tab.scene.select_states([("Resize",)])
    tab.form.resource_edit.setText("arn:aws:states:::sqs:sendMessage")
    tab.form.resource_edit.editingFinished.emit()
    assert steps(tab) == before + 1
    assert binding_of(design, machine, function) == ({}, [])
    main_window.edit_undo()
    assert binding_of(design, machine, function) == bound
    resize = design.node(machine).config.definition["States"]["Resize"]
    assert resize["Resource"] == LAMBDA_TASK["Resource"]
    main_window.edit_redo()
    assert binding_of(design, machine, function) == ({}, [])


def test_deleting_the_last_task_of_a_placeholder_removes_it_and_its_edge(main_window):
    tab, machine, function = setup(main_window)
    design = main_window.document.design
    drop(tab, function, centre(tab, "Resize"))
    bound = binding_of(design, machine, function)
    tab.scene.select_states([("Resize",)])
    assert tab.scene.delete_selection()
    assert "Resize" not in design.node(machine).config.definition["States"]
    assert binding_of(design, machine, function) == ({}, [])
    main_window.edit_undo()
    assert binding_of(design, machine, function) == bound
    assert not tab.scene.states[("Resize",)].unbound
    main_window.edit_redo()
    assert binding_of(design, machine, function) == ({}, [])


def test_a_placeholder_another_task_still_uses_is_kept(main_window):
    tab, machine, function = setup(main_window)
    design = main_window.document.design
    transition = next(t for t in tab.scene.arrows if t.transition.field == "Next")
    (ax, ay), (bx, by) = transition.route.points[-2:]
    drop(tab, function, QPointF((ax + bx) / 2, (ay + by) / 2))
    drop(tab, function, centre(tab, "Resize"))
    bound = binding_of(design, machine, function)
    assert len(bound[0]) == 1 and len(bound[1]) == 1
    tab.scene.select_states([("Resize",)])
    assert tab.scene.delete_selection()
    assert binding_of(design, machine, function) == bound
    assert not tab.scene.states[("Lambda Invoke",)].unbound
    tab.scene.select_states([("Lambda Invoke",)])
    assert tab.scene.delete_selection()
    assert binding_of(design, machine, function) == ({}, [])


def test_rebinding_a_task_lets_go_of_the_node_it_called(main_window):
    tab, machine, function = setup(main_window)
    design = main_window.document.design
    other = new_node(design, "aws.lambda", Point(600, 0), label="Thumbnailer")
    assert main_window.push(AddNode(other))
    drop(tab, function, centre(tab, "Resize"))
    before = steps(tab)
    drop(tab, other.id, centre(tab, "Resize"))
    assert steps(tab) == before + 1
    assert binding_of(design, machine, function) == ({}, [])
    substitutions, edges = binding_of(design, machine, other.id)
    assert substitutions == {placeholder_name(other.id, "Function"): other.id} and edges
    main_window.edit_undo()
    assert binding_of(design, machine, function)[1]
    assert not binding_of(design, machine, other.id)[1]


def test_an_edit_in_the_inspectors_asl_box_keeps_the_binding_consistent(main_window):
    import json

    tab, machine, function = setup(main_window)
    design = main_window.document.design
    drop(tab, function, centre(tab, "Resize"))
    bound = binding_of(design, machine, function)
    assert bound[0] and bound[1]
    main_window.inspector.show_ids([machine])
    asl = main_window.inspector.editor("definition").editor
    definition = design.node(machine).config.definition
    without = {"StartAt": "Done", "States": {"Done": definition["States"]["Done"]}}
    asl.edit.setPlainText(json.dumps(without))
    before = steps(tab)
    assert asl.apply()
    assert steps(tab) == before + 1
    assert binding_of(design, machine, function) == ({}, [])
    assert set(tab.scene.states) == {("Done",)}
    main_window.edit_undo()
    assert binding_of(design, machine, function) == bound
    assert not tab.scene.states[("Resize",)].unbound
    # the bound Task typed back in the box, its substitution still in place: the edge follows
    main_window.edit_redo()
    substitutions = {**design.node(machine).config.definition_substitutions, **bound[0]}
    assert main_window.inspector._push_config("definition_substitutions", substitutions)
    assert binding_of(design, machine, function)[1] == []
    asl.edit.setPlainText(json.dumps(definition))
    assert asl.apply()
    assert binding_of(design, machine, function) == bound
