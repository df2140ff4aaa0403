"""The inspector edits through undoable commands and follows the model."""

from __future__ import annotations

import json

import pytest

from app.document import Document
from app.inspector import (
    AslFieldEditor,
    ChoiceEditor,
    Inspector,
    JsonFieldEditor,
    NumberEditor,
    TableEditor,
    TextEditor,
)
from model.commands import AddNode
from model.design import Design, new_node
from model.elements import Point


@pytest.fixture
def inspector(qtbot, sample_document):
    panel = Inspector(sample_document)
    qtbot.addWidget(panel)
    panel.resize(360, 800)
    panel.show()
    return panel


def test_number_edit_changes_config_and_findings(inspector, sample_document):
    design = sample_document.design
    inspector.show_ids(["handler-1"])
    timeout = inspector.editor("timeout_s")
    assert isinstance(timeout, NumberEditor)
    assert timeout.spin.value() == 20
    assert not any(f.rule == "LAMBDA_TIMEOUT_MAX" for f in sample_document.findings)

    timeout.spin.setValue(1200)  # beyond the 900 s limit: accepted, reported

    assert design.node("handler-1").config.timeout_s == 1200
    rules = {f.rule for f in sample_document.findings}
    assert "LAMBDA_TIMEOUT_MAX" in rules
    shown = [label.text() for label in inspector.findings_box.labels]
    assert any("timeout" in text for text in shown)
    assert inspector.field_labels["timeout_s"].property("severity") == "error"
    assert sample_document.stack.undo_text() == "Change timeout_s"


def test_typing_in_one_field_is_one_undo_step(inspector, sample_document):
    design = sample_document.design
    inspector.show_ids(["handler-1"])
    spin = inspector.editor("memory_mb").spin
    depth = sample_document.stack.depth
    for value in (2, 20, 204, 2048):
        spin.setValue(value)
    assert design.node("handler-1").config.memory_mb == 2048
    assert sample_document.stack.depth == depth + 1

    spin.editingFinished.emit()  # focus leaves the field: the next edit is a new step
    spin.setValue(4096)
    assert sample_document.stack.depth == depth + 2

    sample_document.undo()
    assert design.node("handler-1").config.memory_mb == 2048
    assert spin.value() == 2048  # the form follows undo
    sample_document.undo()
    assert spin.value() == 128 == design.node("handler-1").config.memory_mb


def test_optional_number_can_be_unset(inspector, sample_document):
    design = sample_document.design
    inspector.show_ids(["handler-1"])
    editor = inspector.editor("reserved_concurrency")
    assert isinstance(editor, NumberEditor) and editor.enabled is not None
    assert not editor.enabled.isChecked()
    editor.enabled.setChecked(True)
    editor.spin.setValue(50)
    assert design.node("handler-1").config.reserved_concurrency == 50
    editor.enabled.setChecked(False)
    assert design.node("handler-1").config.reserved_concurrency is None


def test_choice_text_and_label_editors(inspector, sample_document):
    design = sample_document.design
    inspector.show_ids(["handler-1"])
    arch = inspector.editor("architecture")
    assert isinstance(arch, ChoiceEditor)
    arch.combo.setCurrentText("arm64")
    assert design.node("handler-1").config.architecture == "arm64"

    assert inspector.label_editor is not None
    inspector.label_editor.line.setText("Resize")
    inspector.label_editor.line.textEdited.emit("Resize")
    assert design.node("handler-1").label == "Resize"
    assert sample_document.stack.undo_text() == "Rename"


def test_string_table_editor(inspector, sample_document):
    design = sample_document.design
    inspector.show_ids(["handler-1"])
    editor = inspector.editor("environment")
    assert isinstance(editor, TableEditor) and editor.is_map
    editor.add_row()
    editor.table.item(0, 0).setText("STAGE")
    editor.table.setItem(0, 1, type(editor.table.item(0, 0))("prod"))
    assert design.node("handler-1").config.environment == {"STAGE": "prod"}
    sample_document.undo()
    assert design.node("handler-1").config.environment == {"STAGE": ""}
    assert editor.table.item(0, 1).text() == ""


def test_sub_model_list_as_json(qtbot):
    design = Design()
    node = new_node(design, "aws.eks.fargate_profile", Point(0, 0))
    design.add_node(node)
    document = Document(design)
    panel = Inspector(document)
    qtbot.addWidget(panel)
    panel.show_ids([node.id])
    editor = panel.editor("selectors")
    assert isinstance(editor, JsonFieldEditor)
    editor.edit.setPlainText('[{"namespace": "jobs", "labels": {"team": "ml"}}]')
    assert editor.apply()
    selector = design.node(node.id).config.selectors[0]
    assert (selector.namespace, selector.labels) == ("jobs", {"team": "ml"})

    editor.edit.setPlainText('[{"namespace": 5}]')  # refused by the config model
    assert not editor.apply()
    assert design.node(node.id).config.selectors[0].namespace == "jobs"


def test_state_machine_definition_editor(qtbot):
    design = Design()
    node = new_node(design, "aws.stepfunctions.state_machine", Point(0, 0))
    design.add_node(node)
    document = Document(design)
    panel = Inspector(document)
    qtbot.addWidget(panel)
    panel.show_ids([node.id])
    editor = panel.editor("definition")
    assert isinstance(editor, AslFieldEditor)
    asl = editor.editor

    asl.edit.setPlainText('{"StartAt": "A", "States": {')  # invalid JSON: nothing changes
    assert not asl.apply()
    assert "Invalid JSON" in asl.status.text()
    assert design.node(node.id).config.definition is None
    assert document.stack.depth == 0

    broken = {"StartAt": "Missing", "States": {"A": {"Type": "Pass", "End": True}}}
    asl.edit.setPlainText(json.dumps(broken))
    assert asl.problems.count() >= 1  # live structure problems while editing
    good = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}
    asl.edit.setPlainText(json.dumps(good))
    assert asl.problems.count() == 0
    assert asl.apply()
    assert design.node(node.id).config.definition == good
    assert document.stack.depth == 1
    document.undo()
    assert design.node(node.id).config.definition is None
    assert asl.edit.toPlainText() == ""


def test_import_asl_file(qtbot, tmp_path):
    design = Design()
    node = new_node(design, "aws.stepfunctions.state_machine", Point(0, 0))
    design.add_node(node)
    document = Document(design)
    panel = Inspector(document)
    qtbot.addWidget(panel)
    panel.show_ids([node.id])
    definition = {"StartAt": "Go", "States": {"Go": {"Type": "Succeed"}}}
    file = tmp_path / "flow.asl.json"
    file.write_text(json.dumps(definition))
    assert panel.editor("definition").editor.import_file(file)
    assert design.node(node.id).config.definition == definition
    assert document.stack.depth == 1


def test_edge_inspector(inspector, sample_document):
    design = sample_document.design
    inspector.show_ids(["e-1"])
    assert inspector.target_kind == "edge"
    rps = inspector.editor("expected_rps")
    assert isinstance(rps, NumberEditor)
    rps.enabled.setChecked(True)
    rps.spin.setValue(250.0)
    assert design.edge("e-1").config.expected_rps == 250.0
    label = inspector.label_editor
    assert isinstance(label, TextEditor)
    label.line.textEdited.emit("orders")
    assert design.edge("e-1").label == "orders"


def test_design_properties_and_removed_selection(qtbot, inspector, sample_document):
    design = sample_document.design
    inspector.show_ids([])
    assert inspector.target_kind == "design"
    assert inspector.name_edit.text() == "Sample"
    inspector.name_edit.setText("Checkout")
    inspector.name_edit.editingFinished.emit()
    assert design.name == "Checkout"
    sample_document.undo()
    assert inspector.name_edit.text() == "Sample"

    inspector.show_ids(["jobs-1"])
    assert inspector.target_kind == "node"
    from model.commands import RemoveNodes

    sample_document.push(RemoveNodes(["jobs-1"]))
    qtbot.waitUntil(lambda: inspector.target_kind == "design", timeout=1000)


def test_new_node_shows_in_inspector_with_defaults(inspector, sample_document):
    node = new_node(sample_document.design, "aws.sqs.queue", Point(0, 0))
    sample_document.push(AddNode(node))
    inspector.show_ids([node.id])
    assert set(inspector.editors) == set(type(node.config).model_fields)
    assert inspector.editor("visibility_timeout_s").spin.value() == 30
    inspector.editor("fifo").check.setChecked(True)
    assert sample_document.design.node(node.id).config.fifo is True
