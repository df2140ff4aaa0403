"""Notes: a catalog kind placed anywhere, attached by annotates, ignored by rules and exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.commands import AddNode, Connect, RemoveNodes, UndoStack
from model.design import Design, architecture_only, new_node
from model.elements import Edge, Point
from model.exporters import cloudformation, diagrams_code, terraform
from model.rules import validate
from model.serialization import dumps, load_design, loads

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "image-pipeline.archcanvas"
TEXT = "Memory raised after the load test.\nMARKER-7f3a"


def _with_note() -> tuple[Design, str]:
    design = load_design(EXAMPLE)
    note = new_node(design, "note", Point(900, 40), parent="eu-west-1", config={"text": TEXT})
    stack = UndoStack(design)
    stack.push(AddNode(note))
    stack.push(Connect(Edge("e-note", note.id, "resize", "annotates")))
    return design, note.id


def test_a_note_sits_in_any_container_and_annotates_any_node() -> None:
    design = load_design(EXAMPLE)
    for container in ("eu-west-1", "us-east-1"):
        assert design.can_contain(container, "note")
    note = new_node(design, "note", config={"text": "x"})
    design.add_node(note)
    assert design.can_connect(note.id, "cdn", "annotates")
    assert not design.can_connect(note.id, "cdn", "invokes")
    assert not design.can_connect("resize", note.id, "annotates")


def test_rules_ignore_notes() -> None:
    before = validate(load_design(EXAMPLE))
    design, _ = _with_note()
    assert validate(design) == before


@pytest.mark.parametrize(
    "render",
    [
        lambda d: cloudformation.render(d),
        lambda d: "".join(terraform.files(d).values()),
        lambda d: diagrams_code.render(d),
    ],
    ids=["cloudformation", "terraform", "diagrams"],
)
def test_configuration_exports_ignore_notes(render) -> None:  # type: ignore[no-untyped-def]
    design, _ = _with_note()
    text = render(design)
    assert "MARKER-7f3a" not in text and "e-note" not in text
    assert text == render(load_design(EXAMPLE))


def test_notes_save_load_and_undo() -> None:
    design, note_id = _with_note()
    again = loads(dumps(design))
    assert again.node(note_id).config.text == TEXT  # type: ignore[attr-defined]
    assert again.edge("e-note").relation == "annotates"
    stack = UndoStack(again)
    stack.push(RemoveNodes([note_id]))
    assert not again.has_edge("e-note")
    stack.undo()
    assert again.has_edge("e-note") and again.node(note_id).parent == "eu-west-1"


def test_architecture_only_is_the_design_itself_without_notes() -> None:
    design = load_design(EXAMPLE)
    assert architecture_only(design) is design
    with_note, note_id = _with_note()
    stripped = architecture_only(with_note)
    assert not stripped.has_node(note_id) and not stripped.has_edge("e-note")
    assert [n.id for n in stripped.iter_nodes()] == [n.id for n in design.iter_nodes()]


def test_architecture_only_keeps_a_node_whose_parent_is_a_note_in_the_notes_container() -> None:
    design, note_id = _with_note()
    inside = new_node(design, "aws.lambda", Point(920, 60), parent=note_id)
    design.add_node(inside)
    stripped = architecture_only(design)
    assert not stripped.has_node(note_id)
    assert stripped.node(inside.id).parent == "eu-west-1"
