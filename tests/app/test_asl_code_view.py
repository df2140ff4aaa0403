"""The code view rewrites only the lines an edit changed, and its text is always exactly the
pretty-printed definition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.asl_editor import AslEditor, JsonEdit, PrettyText, pretty, replace_changed_lines
from model.stepfunctions import check_structure
from model.stepfunctions.edits import (
    delete_state,
    insert_state,
    rename_state,
    set_state_field,
)

WORKFLOWS = sorted((Path(__file__).parents[1] / "fixtures" / "asl" / "workflows").glob("*.json"))


@pytest.fixture(scope="module")
def qapp():
    return QApplication.instance() or QApplication([])


def test_pretty_text_equals_pretty_on_every_fixture_and_after_edits() -> None:
    assert len(WORKFLOWS) >= 40
    for path in WORKFLOWS:
        definition = json.loads(path.read_text(encoding="utf-8"))
        text = PrettyText()
        assert text.text(definition) == pretty(definition), path.name
        first = next(iter(definition["States"]))
        edited = set_state_field(definition, (first,), "Comment", "changed ✓")
        assert text.text(edited) == pretty(edited), path.name
        renamed = rename_state(edited, (first,), "Renamed first")
        assert text.text(renamed) == pretty(renamed), path.name


@pytest.mark.parametrize(
    "definition",
    [None, {}, {"States": {}}, {"States": "odd"}, [1, 2], {"Comment": "x", "States": {"A": {}}}],
)
def test_pretty_text_of_odd_definitions(definition) -> None:
    assert PrettyText().text(definition) == pretty(definition)


def texts() -> list[tuple[str, str]]:
    base = json.loads((WORKFLOWS[0]).read_text(encoding="utf-8"))
    first = next(iter(base["States"]))
    pairs = [
        ("a\nb\nc", "a\nB\nc"),
        ("a\nb\nc", "a\nc"),
        ("a\nc", "a\nb\nb2\nc"),
        ("a", "a\nb"),
        ("a\nb", "a"),
        ("", "x\ny"),
        ("x\ny", ""),
        ("same\ntext", "same\ntext"),
        ("a\n\u2029b", "a\nb"),  # a paragraph separator splits a Qt block: whole text reset
        ("emoji 🙂\nb\nc", "emoji 🙂\nB\nc"),
    ]
    for edited in (
        set_state_field(base, (first,), "TimeoutSeconds", 99),
        delete_state(base, (first,)),
        insert_state(base, (first,), "Next", "Inserted", {"Type": "Pass"}),
    ):
        pairs.append((pretty(base), pretty(edited)))
    return pairs


@pytest.mark.parametrize(("old", "new"), texts())
def test_replace_changed_lines_shows_the_new_text(qapp, old: str, new: str) -> None:
    edit = JsonEdit()
    edit.setPlainText(old)
    replace_changed_lines(edit, new)
    assert edit.toPlainText() == new.replace("\u2029", "\n")


def test_replace_changed_lines_keeps_untouched_blocks(qapp) -> None:
    edit = JsonEdit()
    edit.setPlainText("\n".join(f"line {i}" for i in range(100)))
    kept = [edit.document().findBlockByNumber(i) for i in (0, 50, 99)]
    replace_changed_lines(
        edit, "\n".join(f"line {i}" if i != 50 else "changed" for i in range(100))
    )
    assert edit.document().findBlockByNumber(0) == kept[0]
    assert edit.document().findBlockByNumber(99) == kept[2]
    assert edit.document().findBlockByNumber(50).text() == "changed"
    assert not edit.document().isUndoAvailable()


def test_editor_uses_given_problems_and_checks_typed_text(qapp) -> None:
    definition = {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Gone"}}}
    editor = AslEditor()
    editor.set_definition(definition, [])
    assert editor.check() == []  # the given (here: none) problems, not a fresh check
    editor.edit.setPlainText(pretty(definition) + " ")
    assert editor.check() == [f"{p.path}: {p.message}" for p in check_structure(definition)]
    assert editor.check()
