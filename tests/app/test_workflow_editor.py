"""The workflow editor: open, draw, edit by gestures, undo, findings and the file kept intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from app.workflow.items import TransitionItem
from model.commands import AddNode
from model.design import new_node
from model.elements import Point
from model.serialization import save_design
from model.stepfunctions_binding import placeholder_name

STATE_MACHINE = "aws.stepfunctions.state_machine"
CHAIN = {
    "Comment": "two steps",
    "StartAt": "First",
    "States": {
        "First": {"Type": "Pass", "Next": "Second", "x-kept": True},
        "Second": {"Type": "Pass", "End": True},
    },
}


@pytest.fixture
def machine(main_window):
    design = main_window.document.design
    node = new_node(
        design, STATE_MACHINE, Point(0, 400), label="Flow", config={"definition": CHAIN}
    )
    assert main_window.push(AddNode(node))
    main_window.document.stack.set_clean()
    return node.id


def open_tab(window, node_id):
    tab = window.open_workflow(node_id)
    assert tab is not None and window.tabs.currentWidget() is tab
    return tab


def definition(window, node_id):
    return window.document.design.node(node_id).config.definition


def arrow(tab, source, field):
    for item in tab.scene.arrows:
        if item.transition.source == source and item.transition.field == field:
            return item
    raise AssertionError(f"no arrow {source} {field}")


def midpoint(item: TransitionItem) -> QPointF:
    points = item.route.points
    (ax, ay), (bx, by) = points[-2], points[-1]
    return QPointF((ax + bx) / 2, (ay + by) / 2)


def test_double_click_and_enter_open_one_tab_per_workflow(main_window, machine, qtbot):
    scene = main_window.scene
    scene.select_ids([machine])
    item = scene.nodes[machine]
    view = main_window.view
    where = view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert main_window.tabs.count() == 2
    main_window.tabs.setCurrentIndex(0)
    scene.select_ids([machine])
    view.setFocus()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert main_window.tabs.count() == 2 and main_window.tabs.currentIndex() == 1
    main_window.tabs.close_tab(1)
    assert main_window.tabs.count() == 1


def test_graph_draws_every_state_and_transition(main_window, machine):
    tab = open_tab(main_window, machine)
    assert set(tab.scene.states) == {("First",), ("Second",)}
    fields = sorted(a.transition.field for a in tab.scene.arrows)
    assert fields == ["End", "Next", "StartAt"]
    assert len(tab.scene.markers) == 2


def test_empty_state_machine_opens_on_start_and_end(main_window):
    design = main_window.document.design
    node = new_node(design, STATE_MACHINE, Point(0, 600), label="Empty")
    main_window.push(AddNode(node))
    tab = open_tab(main_window, node.id)
    assert not tab.scene.states and len(tab.scene.markers) == 2
    (only,) = tab.scene.arrows
    new = tab.scene.drop_at("lambda", midpoint(only))
    assert new == ("Lambda Invoke",)
    assert definition(main_window, node.id)["StartAt"] == "Lambda Invoke"


def test_palette_drop_on_arrow_inserts_and_rewires_then_undo_redo(main_window, machine):
    tab = open_tab(main_window, machine)
    target = arrow(tab, ("First",), "Next")
    new = tab.scene.drop_at("sqs", midpoint(target))
    assert new == ("SQS SendMessage",)
    states = definition(main_window, machine)["States"]
    assert states["First"]["Next"] == "SQS SendMessage"
    assert states["SQS SendMessage"]["Next"] == "Second"
    assert states["First"]["x-kept"] is True
    assert ("SQS SendMessage",) in tab.scene.states
    tab.show_code()
    assert json.loads(tab.code.edit.toPlainText()) == definition(main_window, machine)
    assert main_window.document.stack.undo_text() == "Insert SQS: SendMessage"
    main_window.edit_undo()
    assert definition(main_window, machine) == CHAIN
    assert ("SQS SendMessage",) not in tab.scene.states
    assert json.loads(tab.code.edit.toPlainText()) == CHAIN
    main_window.edit_redo()
    assert ("SQS SendMessage",) in tab.scene.states


def test_delete_reconnects_and_undo_restores(main_window, machine, qtbot):
    tab = open_tab(main_window, machine)
    tab.scene.drop_at("pass", midpoint(arrow(tab, ("First",), "Next")))
    tab.scene.select_states([("Pass",)])
    main_window.edit_delete()
    assert definition(main_window, machine) == CHAIN
    main_window.edit_undo()
    assert "Pass" in definition(main_window, machine)["States"]


def test_rename_in_form_follows_references(main_window, machine):
    tab = open_tab(main_window, machine)
    tab.scene.select_states([("Second",)])
    tab.form.name_edit.setText("Last")
    tab.form.name_edit.editingFinished.emit()
    result = definition(main_window, machine)
    assert result["States"]["First"]["Next"] == "Last"
    assert tab.scene.selected_state_ids() == [("Last",)]
    main_window.edit_undo()
    assert definition(main_window, machine) == CHAIN


def test_choice_rule_and_parallel_branch_buttons(main_window, machine):
    tab = open_tab(main_window, machine)
    tab.scene.drop_at("choice", midpoint(arrow(tab, ("First",), "Next")))
    tab.scene.select_states([("Choice",)])
    assert tab.add_rule_button.isEnabled()
    tab.add_rule_button.click()
    assert len(definition(main_window, machine)["States"]["Choice"]["Choices"]) == 2
    tab.scene.drop_at("parallel", midpoint(arrow(tab, ("Second",), "End")))
    tab.scene.select_states([("Parallel",)])
    tab.add_branch_button.click()
    assert len(definition(main_window, machine)["States"]["Parallel"]["Branches"]) == 3
    assert len([b for b in tab.scene.graph.blocks if b]) == 3


def test_json_edit_updates_graph(main_window, machine):
    tab = open_tab(main_window, machine)
    changed = json.loads(json.dumps(CHAIN))
    changed["States"]["Second"] = {"Type": "Succeed"}
    tab.show_code()
    tab.code.edit.setPlainText(json.dumps(changed))
    assert tab.code.apply()
    assert tab.scene.graph.states[("Second",)].type == "Succeed"
    main_window.edit_undo()
    assert tab.scene.graph.states[("Second",)].type == "Pass"


def test_sync_task_in_express_workflow_is_marked_and_found_at_once(main_window, machine):
    tab = open_tab(main_window, machine)
    tab.type_box.setCurrentText("EXPRESS")
    tab.type_box.activated.emit(1)
    assert main_window.document.design.node(machine).config.workflow_type == "EXPRESS"
    new = tab.scene.drop_at("ecs", midpoint(arrow(tab, ("First",), "Next")))
    assert tab.scene.states[new].express_mark
    rules = {f.rule for f in main_window.document.findings if machine in f.elements}
    assert "SFN_EXPRESS_INTEGRATION_PATTERN" in rules
    assert tab.scene.states[new].badge is not None and tab.scene.states[new].badge.isVisible()
    tab.type_box.setCurrentText("STANDARD")
    tab.type_box.activated.emit(0)
    assert not tab.scene.states[new].express_mark


def test_finding_click_opens_workflow_at_state(main_window, machine):
    tab = open_tab(main_window, machine)
    tab.type_box.setCurrentText("EXPRESS")
    tab.type_box.activated.emit(1)
    tab.scene.drop_at("batch", midpoint(arrow(tab, ("First",), "Next")))
    main_window.tabs.close_all()
    main_window.tabs.setCurrentIndex(0)
    finding = next(
        f for f in main_window.document.findings if f.rule == "SFN_EXPRESS_INTEGRATION_PATTERN"
    )
    main_window.show_finding(finding)
    current = main_window.tabs.current_workflow()
    assert current is not None and current.node_id == machine
    assert current.scene.selected_state_ids() == [("Batch SubmitJob",)]


def test_longest_path_and_budget(main_window, machine):
    tab = open_tab(main_window, machine)
    tab.scene.drop_at("wait", midpoint(arrow(tab, ("First",), "Next")))
    tab.longest_box.setChecked(True)
    assert tab.scene.states[("Wait",)].on_path
    assert tab.scene.states[("Wait",)].contribution == 5
    assert tab.budget_bar.budget is not None and tab.budget_bar.budget.longest_s == 5
    assert "5 s" in tab.budget_bar.text()


def test_open_and_close_without_edits_leaves_file_identical(main_window, tmp_path: Path):
    path = tmp_path / "pipeline.archcanvas"
    source = Path(__file__).resolve().parents[2] / "examples" / "image-pipeline.archcanvas"
    path.write_bytes(source.read_bytes())
    assert main_window.open_path(path, ask=False)
    before = path.read_bytes()
    machines = [n.id for n in main_window.document.design.nodes if n.kind == STATE_MACHINE]
    for node_id in machines:
        tab = open_tab(main_window, node_id)
        tab.scene.select_states(list(tab.scene.states)[:1])
        tab.longest_box.setChecked(True)
        main_window.tabs.close_tab(main_window.tabs.indexOf(tab))
    assert not main_window.document.is_dirty()
    assert main_window.file_save()
    assert path.read_bytes() == before
    save_design(main_window.document.design, tmp_path / "again.archcanvas")
    assert (tmp_path / "again.archcanvas").read_bytes() == before


def test_removing_the_state_machine_closes_its_tab(main_window, machine):
    open_tab(main_window, machine)
    main_window.scene.select_ids([machine])
    main_window.tabs.setCurrentIndex(0)
    main_window.edit_delete()
    assert main_window.tabs.count() == 1


def test_inspector_edit_workflow_button_opens_the_tab(main_window, machine, qtbot):
    from PySide6.QtWidgets import QPushButton

    main_window.scene.select_ids([machine])
    button = main_window.inspector.findChild(QPushButton, "editWorkflow")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    current = main_window.tabs.current_workflow()
    assert current is not None and current.node_id == machine


def test_connect_by_dragging_from_the_handle(main_window, machine, qtbot):
    tab = open_tab(main_window, machine)
    scene = tab.scene
    scene.drop_at("succeed", QPointF(-400, -400))
    assert ("Success",) in scene.states
    first = scene.states[("Second",)]
    scene.select_states([("Second",)])
    tab.view.resize(1200, 900)
    tab.view.fit_to_design()
    handle = first.mapToScene(first.handle_rect().center())
    goal = scene.states[("Success",)].sceneBoundingRect().center()
    viewport = tab.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=tab.view.mapFromScene(handle))
    target = tab.view.mapFromScene(goal)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(target),
        QPointF(viewport.mapToGlobal(target)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    assert definition(main_window, machine)["States"]["Second"] == {
        "Type": "Pass",
        "Next": "Success",
    }


def test_binding_a_task_sets_substitution_and_edge_and_feeds_the_budget(main_window, machine):
    design = main_window.document.design
    function = next(n.id for n in design.nodes if n.kind == "aws.lambda")
    tab = open_tab(main_window, machine)
    new = tab.scene.drop_at("lambda", midpoint(arrow(tab, ("First",), "Next")))
    assert tab.scene.states[new].unbound
    tab.scene.select_states([new])
    box = tab.form.bind_box
    index = box.findData(function)
    assert index > 0
    box.setCurrentIndex(index)
    box.activated.emit(index)
    config = design.node(machine).config
    state = config.definition["States"]["Lambda Invoke"]
    placeholder = state["Parameters"]["FunctionName"]
    assert placeholder == "${" + placeholder_name(function, "Function") + "}"
    assert config.definition_substitutions[placeholder[2:-1]] == function
    assert any(e.target == function for e in design.outgoing(machine, "invokes"))
    assert not tab.scene.states[new].unbound
    main_window.edit_undo()
    assert not any(e.target == function for e in design.outgoing(machine, "invokes"))
    assert design.node(machine).config.definition_substitutions == {}


def test_choice_rules_and_branches_reorder(main_window, machine):
    tab = open_tab(main_window, machine)
    tab.scene.drop_at("choice", midpoint(arrow(tab, ("First",), "Next")))
    tab.scene.select_states([("Choice",)])
    tab.add_rule_button.click()
    rules = definition(main_window, machine)["States"]["Choice"]["Choices"]
    first_rule = rules[0]
    tab.scene.clearSelection()
    arrow(tab, ("Choice",), "Choices[0].Next").setSelected(True)
    assert tab.later_button.isEnabled()
    tab.later_button.click()
    assert definition(main_window, machine)["States"]["Choice"]["Choices"][1] == first_rule
    tab.scene.drop_at("parallel", midpoint(arrow(tab, ("Second",), "End")))
    tab.scene.select_states([("Parallel", "Branches[1]", "Branch 2")])
    assert tab.earlier_button.isEnabled()
    tab.earlier_button.click()
    branches = definition(main_window, machine)["States"]["Parallel"]["Branches"]
    assert branches[0]["StartAt"] == "Branch 2"
    main_window.edit_undo()
    branches = definition(main_window, machine)["States"]["Parallel"]["Branches"]
    assert branches[0]["StartAt"] == "Branch 1"


def test_badges_and_finding_clicks_follow_the_findings_state_paths(main_window):
    """The state comes from the finding's structured path, so a name with dots inside a
    branch is found and the Parallel around it gets no badge of its own."""
    inner = {"Type": "Pass", "End": True, "Retry": [{"MaxAttempts": 2}]}
    definition = {
        "StartAt": "Fan.out",
        "States": {
            "Fan.out": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "Work", "States": {"Work": inner}}],
                "End": True,
            }
        },
    }
    design = main_window.document.design
    node = new_node(design, STATE_MACHINE, Point(0, 400), config={"definition": definition})
    assert main_window.push(AddNode(node))
    tab = open_tab(main_window, node.id)
    work = ("Fan.out", "Branches[0]", "Work")
    finding = next(f for f in main_window.document.findings if f.rule == "SFN_ASL_STRUCTURE")
    assert [ref.path for ref in finding.states] == ["States.Fan.out.Branches[0].States.Work"]
    assert tab.scene.states[work].badge is not None and tab.scene.states[work].badge.isVisible()
    assert tab.scene.states[("Fan.out",)].badge is None
    main_window.tabs.close_all()
    main_window.show_finding(finding)
    current = main_window.tabs.current_workflow()
    assert current is not None and current.scene.selected_state_ids() == [work]
