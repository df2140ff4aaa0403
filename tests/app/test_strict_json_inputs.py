"""JSON typed or pasted into the editor goes through the one strict reader: a number no design
can hold, or nesting past the limit, is a message in the editor, never a traceback in a Qt
slot, and never reaches the model (issue 8, item 3)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData

from app.asl_editor import parse_definition, pretty
from app.clipboard import MIME_TYPE, from_mime
from app.document import Document
from app.inspector import AslFieldEditor, Inspector, JsonFieldEditor
from app.workflow.forms import NUMBER, FieldError, parse_condition
from app.workflow.forms import parse_value as parse_field
from model.design import Design, new_node
from model.elements import Point

UNHOLDABLE = {
    "NaN": '{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": NaN, "End": true}}}',
    "huge integer": '{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": '
    + "9" * 5_000
    + ', "End": true}}}',
    "deep nesting": "[" * 5_000 + "]" * 5_000,
    "nesting past the limit": '{"a": ' + "[" * 70 + "]" * 70 + "}",
}


@pytest.mark.parametrize("text", UNHOLDABLE.values(), ids=list(UNHOLDABLE))
def test_parse_definition_reports_instead_of_raising(text: str) -> None:
    value, error = parse_definition(text)
    assert value is None and error.startswith("Invalid JSON: ")


def test_pretty_writes_strict_json_with_unsafe_characters_escaped() -> None:
    assert pretty({"Comment": "a\u202eb"}) == '{\n  "Comment": "a\\u202eb"\n}'


@pytest.mark.parametrize("text", UNHOLDABLE.values(), ids=list(UNHOLDABLE))
def test_definition_editor_refuses_it_and_the_model_is_unchanged(qtbot, text: str) -> None:
    design = Design()
    node = new_node(design, "aws.stepfunctions.state_machine", Point(0, 0))
    design.add_node(node)
    document = Document(design)
    panel = Inspector(document)
    qtbot.addWidget(panel)
    panel.show_ids([node.id])
    editor = panel.editor("definition")
    assert isinstance(editor, AslFieldEditor)
    editor.editor.edit.setPlainText(text)  # checked live while typing
    assert not editor.editor.apply()
    assert "Invalid JSON" in editor.editor.status.text()
    assert design.node(node.id).config.definition is None and document.stack.depth == 0


def test_json_setting_editor_refuses_a_nan(qtbot) -> None:
    design = Design()
    node = new_node(design, "aws.eks.fargate_profile", Point(0, 0))
    design.add_node(node)
    panel = Inspector(Document(design))
    qtbot.addWidget(panel)
    panel.show_ids([node.id])
    editor = panel.editor("selectors")
    assert isinstance(editor, JsonFieldEditor)
    editor.edit.setPlainText('[{"namespace": "jobs", "labels": {"n": NaN}}]')
    assert not editor.apply()
    assert design.node(node.id).config.selectors == []


@pytest.mark.parametrize("as_type", [True, False], ids=["archcanvas type", "plain text"])
@pytest.mark.parametrize("text", UNHOLDABLE.values(), ids=list(UNHOLDABLE))
def test_clipboard_with_unholdable_json_pastes_nothing(text: str, as_type: bool) -> None:
    mime = QMimeData()
    if as_type:
        mime.setData(MIME_TYPE, text.encode())
    else:
        mime.setText(text)
    assert from_mime(mime) is None


@pytest.mark.parametrize("text", UNHOLDABLE.values(), ids=list(UNHOLDABLE))
def test_workflow_choice_rule_field_refuses_it(text: str) -> None:
    with pytest.raises(FieldError, match="Choice rule"):
        parse_condition(text, {"Next": "B"})


@pytest.mark.parametrize("text", ["nan", "-inf", "1e999"])
def test_workflow_number_field_refuses_a_non_finite_number(text: str) -> None:
    with pytest.raises(FieldError, match="finite"):
        parse_field(text, NUMBER, "Seconds")
