"""Several selected elements are edited together: the inspector shows the settings they share,
marks values that differ, and a change applies to all of them as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel

from app.canvas import geometry as geo
from app.document import Document
from app.inspector import MIXED, BoolEditor, ChoiceEditor, NumberEditor, TextEditor
from app.main_window import MainWindow
from app.settings import Settings
from model.commands import AddNode, Connect, Macro, SetConfig
from model.design import Design, new_node
from model.elements import Edge, Point
from tests.app.canvas.conftest import click


def build() -> Design:
    design = Design("Multi")
    specs = [
        ("aws.lambda", "Resize", 0, {"memory_mb": 512}),
        ("aws.lambda", "Thumbnail", 200, {"memory_mb": 1024}),
        ("aws.lambda", "Metadata", 400, {"memory_mb": 512, "architecture": "arm64"}),
        ("aws.lambda_edge", "Edge auth", 600, {}),
        ("aws.sqs.queue", "Jobs", 800, {}),
        ("aws.apigateway.api", "API", 1000, {}),
        ("aws.s3.bucket", "Uploads", 1200, {}),
        ("aws.dynamodb.table", "Table", 1400, {}),
    ]
    for kind, label, x, config in specs:
        design.add_node(
            new_node(design, kind, Point(x, 0), label=label, config=config, node_id=label.lower())
        )
    return design


@pytest.fixture
def window(qtbot, message_boxes):
    main = MainWindow(Document(build()), Settings(), autosave_ms=600_000)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.wait(5)
    main.view.set_zoom(0.5)
    main.view.centerOn(QPointF(800, 100))
    yield main
    main.document.stack.set_clean()


def select_by_clicks(window: MainWindow, ids: list[str]) -> None:
    """Click the first, shift-click the others, as on the canvas."""
    design = window.document.design
    for number, node_id in enumerate(ids):
        position = design.node(node_id).position
        centre = QPointF(position.x + geo.NODE_W / 2, position.y + geo.ICON_TOP + geo.ICON / 2)
        shift = Qt.KeyboardModifier.ShiftModifier if number else Qt.KeyboardModifier.NoModifier
        click(window.view, centre, shift)
    assert sorted(window.scene.selected_ids()) == sorted(ids)


def test_memory_of_three_lambdas_is_one_undo_step(window, qtbot):
    document = window.document
    design = document.design
    lambdas = ["resize", "thumbnail", "metadata"]
    select_by_clicks(window, lambdas)
    inspector = window.inspector
    assert inspector.target_kind == "many"
    assert set(inspector.editors) == set(type(design.node("resize").config).model_fields)
    memory = inspector.editor("memory_mb")
    assert isinstance(memory, NumberEditor)
    assert memory.spin.text() == MIXED  # 512, 1024 and 512
    timeout = inspector.editor("timeout_s")
    assert timeout.spin.value() == 3 and timeout.spin.text() != MIXED  # all the default
    assert not any(f.rule == "LAMBDA_MEMORY_RANGE" for f in document.findings)

    depth = document.stack.depth
    memory.spin.setFocus()
    memory.spin.selectAll()
    qtbot.keyClicks(memory.spin, "20480")  # beyond the Lambda maximum: accepted, reported
    qtbot.keyClick(memory.spin, Qt.Key.Key_Return)

    assert [design.node(i).config.memory_mb for i in lambdas] == [20480] * 3
    assert document.stack.depth == depth + 1  # five keystrokes, three functions: one step
    assert isinstance(document.stack._done[-1], Macro)
    assert document.stack.undo_text() == "Change memory_mb of 3 services"
    flagged = {e for f in document.findings if f.rule == "LAMBDA_MEMORY_RANGE" for e in f.elements}
    assert flagged == set(lambdas)
    assert inspector.field_labels["memory_mb"].property("severity") == "error"
    assert memory.spin.value() == 20480

    document.undo()
    assert [design.node(i).config.memory_mb for i in lambdas] == [512, 1024, 512]
    assert not any(f.rule == "LAMBDA_MEMORY_RANGE" for f in document.findings)
    assert memory.spin.text() == MIXED  # the form follows undo
    document.redo()
    assert [design.node(i).config.memory_mb for i in lambdas] == [20480] * 3


def test_next_edit_after_leaving_the_field_is_a_new_step(window, qtbot):
    document = window.document
    select_by_clicks(window, ["resize", "thumbnail"])
    arch = window.inspector.editor("architecture")
    assert isinstance(arch, ChoiceEditor)
    assert arch.combo.currentIndex() == 0  # both x86_64
    depth = document.stack.depth
    arch.combo.setCurrentIndex(arch.combo.findText("arm64"))
    memory = window.inspector.editor("memory_mb")
    memory.spin.setValue(2048)
    assert document.stack.depth == depth + 2
    design = document.design
    assert {design.node(i).config.architecture for i in ("resize", "thumbnail")} == {"arm64"}
    document.undo()
    assert design.node("thumbnail").config.memory_mb == 1024
    assert design.node("thumbnail").config.architecture == "arm64"


def test_mixed_kinds_show_only_fields_they_share(window):
    document = window.document
    flow = new_node(document.design, "aws.stepfunctions.state_machine", Point(800, 200))
    document.push(AddNode(flow))
    select_by_clicks(window, ["resize", flow.id])
    inspector = window.inspector
    assert set(inspector.editors) == {"region"}  # the one field both models have, same type
    assert inspector.label_editor is None
    region = inspector.editor("region")
    assert isinstance(region, TextEditor)
    window.inspector.editor("region").line.setText("eu-west-1")
    region.line.textEdited.emit("eu-west-1")
    assert document.design.node("resize").config.region == "eu-west-1"
    assert document.design.node(flow.id).config.region == "eu-west-1"

    select_by_clicks(window, ["resize", "uploads", "table"])
    assert inspector.editors == {}
    subtitle = inspector.body.findChild(QLabel, "inspectorSubtitle")
    assert "share no settings" in subtitle.text()


def test_mixed_booleans(window):
    document = window.document
    design = document.design
    document.push(SetConfig.field(design, "thumbnail", "dead_letter_queue", True))
    select_by_clicks(window, ["resize", "thumbnail"])
    dlq = window.inspector.editor("dead_letter_queue")
    assert isinstance(dlq, BoolEditor)
    assert dlq.check.checkState() == Qt.CheckState.PartiallyChecked
    depth = document.stack.depth
    dlq.check.click()
    assert {design.node(i).config.dead_letter_queue for i in ("resize", "thumbnail")} == {True}
    assert dlq.check.checkState() == Qt.CheckState.Checked
    assert document.stack.depth == depth + 1
    document.undo()
    assert dlq.check.checkState() == Qt.CheckState.PartiallyChecked
    assert window.inspector.editor("runtime").line.text() == "python3.12"  # same on both


def test_several_connections_share_edge_settings(window):
    document = window.document
    design = document.design
    for target in ("resize", "thumbnail"):
        assert document.push(Connect(Edge(f"to-{target}", "api", target, "invokes")))
    window.scene.select_ids(["to-resize", "to-thumbnail"])
    rps = window.inspector.editor("expected_rps")
    assert isinstance(rps, NumberEditor) and rps.enabled is not None
    rps.enabled.click()
    rps.spin.setValue(150)
    assert {design.edge(e).config.expected_rps for e in ("to-resize", "to-thumbnail")} == {150}
    assert document.stack.undo_text() == "Change expected_rps of 2 connections"


def test_added_node_keeps_multi_selection_editable(window):
    document = window.document
    node = new_node(document.design, "aws.lambda", Point(0, 300), label="Late")
    document.push(AddNode(node))
    window.scene.select_ids(["resize", node.id])
    assert window.inspector.target_kind == "many"
    assert window.inspector.editor("memory_mb").spin.text() == MIXED
