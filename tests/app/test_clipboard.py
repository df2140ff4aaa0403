"""Copy and paste through the system clipboard: fresh ids, inner edges and parents kept."""

from __future__ import annotations

import json

from PySide6.QtGui import QGuiApplication

from app.clipboard import MIME_TYPE, fragment, from_mime, paste_command, to_mime


def test_fragment_keeps_inner_edges_and_copied_parents(sample_design):
    design = sample_design
    part = fragment(design, ["handler-1", "jobs-1"])
    assert {n.id for n in part.nodes} == {"handler-1", "jobs-1"}
    assert [(e.source, e.target) for e in part.edges] == [("handler-1", "jobs-1")]
    assert part.node("handler-1").parent is None  # its VPC was not copied

    with_vpc = fragment(design, ["main-vpc-1"])  # a container brings what is inside it
    assert {n.id for n in with_vpc.nodes} == {"main-vpc-1", "handler-1"}
    assert with_vpc.node("handler-1").parent == "main-vpc-1"


def test_paste_renames_ids_and_offsets(sample_design):
    design = sample_design
    part = fragment(design, ["main-vpc-1", "jobs-1"])
    macro, new_ids = paste_command(design, part, offset=30)
    design_ids = {n.id for n in design.nodes}
    assert not set(new_ids) & design_ids
    macro.do(design)
    copies = {design.node(i).label: design.node(i) for i in new_ids}
    assert set(copies) == {"Main VPC", "Handler", "Jobs"}
    assert copies["Handler"].parent == copies["Main VPC"].id
    original = design.node("handler-1")
    assert copies["Handler"].position.x == original.position.x + 30
    assert copies["Handler"].position.y == original.position.y + 30
    inner = [e for e in design.edges if e.source in new_ids and e.target in new_ids]
    assert [(design.node(e.source).label, design.node(e.target).label) for e in inner] == [
        ("Handler", "Jobs")
    ]
    assert len(design.edges) == 3
    macro.undo(design)
    assert {n.id for n in design.nodes} == design_ids


def test_mime_round_trip_carries_json(sample_design):
    design = sample_design
    mime = to_mime(design, ["handler-1", "jobs-1"])
    assert mime is not None and mime.hasFormat(MIME_TYPE)
    assert json.loads(mime.text())["design"]["nodes"]
    part = from_mime(mime)
    assert part is not None and {n.id for n in part.nodes} == {"handler-1", "jobs-1"}


def test_copy_paste_in_window_through_system_clipboard(main_window):
    document = main_window.document
    design = document.design
    main_window.scene.select_ids(["handler-1", "jobs-1", "e-2"])
    assert main_window.edit_copy()
    assert QGuiApplication.clipboard().mimeData().hasFormat(MIME_TYPE)

    depth = document.stack.depth
    new_ids = main_window.edit_paste()
    assert len(new_ids) == 2 and not {"handler-1", "jobs-1"} & set(new_ids)
    assert document.stack.depth == depth + 1
    assert document.stack.undo_text() == "Paste"
    assert sorted(main_window.scene.selected_ids()) == sorted(new_ids)
    copied_edges = [e for e in design.edges if e.source in new_ids and e.target in new_ids]
    assert len(copied_edges) == 1 and copied_edges[0].relation == "uses"
    vpc = design.node("handler-1").parent
    assert [design.node(i).parent for i in new_ids] == [vpc, None]  # lands in the VPC again

    again = main_window.edit_paste()  # a second paste lands further away
    first = design.node(new_ids[0]).position
    second = design.node(again[0]).position
    assert (second.x - first.x, second.y - first.y) == (30, 30)

    document.undo()
    document.undo()
    assert not any(design.has_node(i) for i in new_ids + again)


def test_paste_between_windows(qtbot, main_window, sample_document):
    from app.document import Document
    from app.main_window import MainWindow
    from app.settings import Settings
    from model.design import Design

    main_window.scene.select_ids(["handler-1", "jobs-1"])
    main_window.edit_copy()
    other = MainWindow(Document(Design("Other")), Settings(), autosave_ms=60_000)
    qtbot.addWidget(other)
    pasted = other.edit_paste()
    assert {other.document.design.node(i).label for i in pasted} == {"Handler", "Jobs"}
    assert len(other.document.design.edges) == 1
    other.document.stack.set_clean()


def test_cut_and_duplicate(main_window):
    design = main_window.document.design
    main_window.scene.select_ids(["jobs-1"])
    duplicates = main_window.edit_duplicate()
    assert len(duplicates) == 1 and design.node(duplicates[0]).label == "Jobs"
    assert main_window.document.stack.undo_text() == "Duplicate"

    main_window.scene.select_ids(["jobs-1"])
    main_window.edit_cut()
    assert not design.has_node("jobs-1")
    assert "e-2" not in {e.id for e in design.edges}
    restored = main_window.edit_paste()
    assert design.node(restored[0]).label == "Jobs"
