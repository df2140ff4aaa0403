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
