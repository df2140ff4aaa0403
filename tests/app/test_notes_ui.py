"""Notes on the canvas: Add Note from a finding, drawn as a sticky note, undoable."""

from __future__ import annotations

from app.canvas.items.note_item import NoteItem
from model.commands import SetConfig


def test_add_note_from_a_finding_attaches_it_to_the_elements(main_window):
    document = main_window.document
    document.push(SetConfig.field(document.design, "handler-1", "timeout_s", 1200))
    finding = next(f for f in document.findings if f.rule == "LAMBDA_TIMEOUT_MAX")
    before = list(document.findings)
    main_window.findings.note_requested.emit(finding)
    design = document.design
    note = next(n for n in design.iter_nodes() if n.kind == "note")
    assert note.config.text == finding.message
    assert note.parent == design.node("handler-1").parent
    edges = [e for e in design.iter_edges() if e.source == note.id]
    assert [(e.target, e.relation) for e in edges] == [("handler-1", "annotates")]
    assert isinstance(main_window.scene.nodes[note.id], NoteItem)
    assert main_window.scene.edges[edges[0].id] is not None
    assert document.findings == before  # rules ignore notes
    document.undo()
    assert not any(n.kind == "note" for n in design.iter_nodes())
    assert note.id not in main_window.scene.nodes


def test_note_text_follows_edits(main_window):
    document = main_window.document
    from model.commands import AddNode
    from model.design import new_node
    from model.elements import Point

    note = new_node(document.design, "note", Point(400, 400), config={"text": "first"})
    document.push(AddNode(note))
    item = main_window.scene.nodes[note.id]
    assert item.text() == "first"
    document.push(SetConfig.field(document.design, note.id, "text", "second\nline"))
    assert item.text() == "second\nline"
    document.push(SetConfig.field(document.design, note.id, "color", "blue"))
    assert item.colours()[0].name() == "#d6e8ff"


def test_the_inspector_edits_a_notes_text_on_several_lines(main_window):
    from app.inspector.scalar import MultilineTextEditor
    from model.commands import AddNode
    from model.design import new_node
    from model.elements import Point

    document = main_window.document
    note = new_node(document.design, "note", Point(400, 400), config={"text": "first"})
    document.push(AddNode(note))
    main_window.scene.select_ids([note.id])
    editor = main_window.inspector.editors["text"]
    assert isinstance(editor, MultilineTextEditor)
    assert editor.box.toPlainText() == "first"
    editor.box.setPlainText("two\nlines")
    assert document.design.node(note.id).config.text == "two\nlines"
    document.undo()
    assert document.design.node(note.id).config.text == "first"
