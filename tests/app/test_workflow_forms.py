"""The state form's tables and fields: Retry, Catch, Choice rules, Wait, Map and the Task's
integration pattern. Each change is one undo step and the checks follow at once."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtWidgets import QComboBox

from model.commands import AddNode
from model.design import new_node
from model.elements import Point

STATE_MACHINE = "aws.stepfunctions.state_machine"
DEFINITION = {
    "StartAt": "Call",
    "States": {
        "Call": {
            "Type": "Task",
            "Resource": "arn:aws:states:::ecs:runTask",
            "Parameters": {"Cluster": "c"},
            "TimeoutSeconds": 60,
            "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2, "x-kept": 1}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
            "Next": "Route",
        },
        "Route": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.big", "BooleanEquals": True, "Next": "Each"}],
            "Default": "Pause",
        },
        "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Each"},
        "Each": {
            "Type": "Map",
            "ItemsPath": "$.items",
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Work",
                "States": {"Work": {"Type": "Pass", "End": True}},
            },
            "End": True,
        },
        "Failed": {"Type": "Fail", "Error": "Broken"},
    },
}


@pytest.fixture
def tab(main_window):
    design = main_window.document.design
    node = new_node(
        design,
        STATE_MACHINE,
        Point(0, 400),
        label="Flow",
        config={"definition": copy.deepcopy(DEFINITION), "workflow_type": "EXPRESS"},
    )
    assert main_window.push(AddNode(node))
    tab = main_window.open_workflow(node.id)
    assert tab is not None
    return tab


def select(tab, name):
    tab.scene.select_states([(name,)])
    assert tab.form.state_id == (name,)
    return tab.form


def state(tab, name):
    return tab.scene.config.definition["States"][name]


def steps(tab):
    return len(tab.document.stack._done)


def edit_cell(table, row, column, text):
    table.table.item(row, column).setText(text)


def test_retry_table_edits_adds_moves_and_removes_each_as_one_step(tab, main_window):
    form = select(tab, "Call")
    assert form.retry_table.isVisibleTo(form) and not form.rules_table.isVisibleTo(form)
    before = steps(tab)
    edit_cell(form.retry_table, 0, 2, "4")
    assert state(tab, "Call")["Retry"] == [
        {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 4, "x-kept": 1}
    ]
    assert steps(tab) == before + 1
    assert tab.scene.states[("Call",)].view.retry == "Retry 4× ×2"
    edit_cell(form.retry_table, 0, 0, "States.Timeout,  States.TaskFailed")
    assert state(tab, "Call")["Retry"][0]["ErrorEquals"] == ["States.Timeout", "States.TaskFailed"]
    form.retry_table.add_row()
    assert len(state(tab, "Call")["Retry"]) == 2
    form.retry_table.table.selectRow(1)
    form.retry_table.move_row(-1)
    assert state(tab, "Call")["Retry"][0]["ErrorEquals"] == ["States.ALL"]
    form.retry_table.table.selectRow(0)
    form.retry_table.remove_row()
    assert [r["ErrorEquals"] for r in state(tab, "Call")["Retry"]] == [
        ["States.Timeout", "States.TaskFailed"]
    ]
    assert steps(tab) == before + 5
    for _ in range(5):
        main_window.edit_undo()
    assert state(tab, "Call")["Retry"] == DEFINITION["States"]["Call"]["Retry"]


def test_a_bad_number_in_the_retry_table_is_refused_with_a_message(tab, main_window):
    form = select(tab, "Call")
    errors: list[str] = []
    tab.document.error.connect(errors.append)
    before = steps(tab)
    edit_cell(form.retry_table, 0, 2, "two")
    assert steps(tab) == before and errors and "Attempts" in errors[0]
    assert form.retry_table.table.item(0, 2).text() == "2"


def test_catch_next_is_picked_from_the_states_and_redraws_the_arrow(tab, main_window):
    form = select(tab, "Call")
    box = form.catch_table.table.cellWidget(0, 1)
    assert isinstance(box, QComboBox) and box.currentText() == "Failed"
    box.setCurrentText("Pause")
    box.activated.emit(box.currentIndex())
    assert state(tab, "Call")["Catch"][0]["Next"] == "Pause"
    catches = [t for t in tab.scene.graph.transitions if t.field == "Catch[0].Next"]
    assert catches[0].target == ("Pause",)
    main_window.edit_undo()
    assert state(tab, "Call")["Catch"][0]["Next"] == "Failed"


def test_choice_rules_condition_next_default_and_add(tab, main_window):
    form = select(tab, "Route")
    assert form.rules_table.isVisibleTo(form) and not form.retry_table.isVisibleTo(form)
    edit_cell(form.rules_table, 0, 0, '{"Variable": "$.size", "NumericGreaterThan": 10}')
    assert state(tab, "Route")["Choices"] == [
        {"Variable": "$.size", "NumericGreaterThan": 10, "Next": "Each"}
    ]
    labels = [t.label for t in tab.scene.graph.transitions if t.field == "Choices[0].Next"]
    assert labels and "10" in labels[0]
    errors: list[str] = []
    tab.document.error.connect(errors.append)
    edit_cell(form.rules_table, 0, 0, "{not json")
    assert errors and state(tab, "Route")["Choices"][0]["NumericGreaterThan"] == 10
    form.rules_table.add_row()
    assert state(tab, "Route")["Choices"][1] == {
        "Variable": "$.value",
        "IsPresent": True,
        "Next": "Call",
    }
    index = form.default_box.findData("Failed")
    form.default_box.setCurrentIndex(index)
    form.default_box.activated.emit(index)
    assert state(tab, "Route")["Default"] == "Failed"
    main_window.edit_undo()
    assert state(tab, "Route")["Default"] == "Pause"


def test_wait_switches_between_seconds_and_timestamp(tab, main_window):
    form = select(tab, "Pause")
    assert form.wait_box.currentText() == "Seconds" and form.wait_edit.text() == "5"
    form.wait_box.setCurrentText("Timestamp")
    form.wait_edit.setText("2026-12-24T18:00:00Z")
    form.wait_edit.editingFinished.emit()
    assert state(tab, "Pause") == {
        "Type": "Wait",
        "Next": "Each",
        "Timestamp": "2026-12-24T18:00:00Z",
    }
    main_window.edit_undo()
    assert state(tab, "Pause") == DEFINITION["States"]["Pause"]


def test_map_mode_concurrency_and_tolerated_failures(tab, main_window):
    form = select(tab, "Each")
    assert form.items_edit.text() == "$.items"
    assert not form.failure_percent_edit.isEnabled()
    form.map_mode_box.setCurrentText("DISTRIBUTED")
    form.map_mode_box.activated.emit(1)
    config = state(tab, "Each")["ItemProcessor"]["ProcessorConfig"]
    assert config == {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
    assert form.failure_percent_edit.isEnabled()
    form.failure_percent_edit.setText("5")
    form.failure_percent_edit.editingFinished.emit()
    form.concurrency_edit.setText("40")
    form.concurrency_edit.editingFinished.emit()
    assert state(tab, "Each")["ToleratedFailurePercentage"] == 5
    assert state(tab, "Each")["MaxConcurrency"] == 40
    assert tab.scene.states[("Each",)].subtitle() == "Map · Distributed · max 40"
    form.map_mode_box.setCurrentText("INLINE")
    form.map_mode_box.activated.emit(0)
    assert "ToleratedFailurePercentage" not in state(tab, "Each")
    for _ in range(4):
        main_window.edit_undo()
    assert state(tab, "Each") == DEFINITION["States"]["Each"]


def test_pattern_picker_switches_the_resource_and_express_flags_it_at_once(tab, main_window):
    form = select(tab, "Call")
    titles = [form.pattern_box.itemText(i) for i in range(form.pattern_box.count())]
    assert titles == [
        "Request-response",
        "Run a job (.sync)",
        "Wait for callback (.waitForTaskToken)",
    ]
    assert not tab.scene.states[("Call",)].express_mark
    form.pattern_box.setCurrentIndex(1)
    form.pattern_box.activated.emit(1)
    assert state(tab, "Call")["Resource"] == "arn:aws:states:::ecs:runTask.sync"
    assert tab.scene.states[("Call",)].express_mark
    rules = {f.rule for f in main_window.document.findings if tab.node_id in f.elements}
    assert "SFN_EXPRESS_INTEGRATION_PATTERN" in rules
    badge = tab.scene.states[("Call",)].badge
    assert badge is not None and badge.isVisible()
    main_window.edit_undo()
    assert state(tab, "Call")["Resource"] == "arn:aws:states:::ecs:runTask"
    assert not tab.scene.states[("Call",)].express_mark


def test_pattern_picker_offers_only_what_the_integration_supports(tab):
    form = select(tab, "Call")
    form.resource_edit.setText("arn:aws:states:::dynamodb:putItem")
    form.resource_edit.editingFinished.emit()
    assert form.pattern_box.count() == 1 and not form.pattern_box.isEnabled()
    form.resource_edit.setText("arn:aws:lambda:us-east-1:123456789012:function:f")
    form.resource_edit.editingFinished.emit()
    assert form.pattern_box.itemText(0) == "(set by the Resource)"
