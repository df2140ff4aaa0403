"""Editor ergonomics (issue 9): wording, counts, and the small things a daily user expects."""

from __future__ import annotations


def test_status_bar_counts_services_and_containers_apart(main_window):
    label = main_window.contents_label
    assert label.text() == "3 services, 1 container and 2 connections"
    main_window.scene.select_ids([e.id for e in main_window.document.design.iter_edges()][:1])
    main_window.edit_delete()
    assert label.text() == "3 services, 1 container and 1 connection"


def test_inspector_contents_use_plurals(main_window):
    main_window.scene.select_ids([])
    main_window.edit_select_all()
    heading = main_window.inspector.heading.text()
    assert heading == "3 services, 1 container and 2 connections selected"


def test_align_and_distribute_from_the_arrange_menu_are_one_undo_step(main_window):
    design = main_window.document.design
    ids = [n.id for n in design.iter_nodes() if not design.spec(n.id).is_container]
    assert len(ids) == 3
    main_window.scene.select_ids(ids)
    before = {i: design.node(i).position for i in ids}
    main_window.actions_by_name["align_left"].trigger()
    assert len({design.node(i).position.x for i in ids}) == 1
    assert main_window.document.stack.undo_text() == "Align left"
    main_window.edit_undo()
    main_window.actions_by_name["distribute_h"].trigger()
    xs = sorted(design.node(i).position.x for i in ids)
    assert abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 1
    assert main_window.document.stack.undo_text() == "Distribute horizontally"
    main_window.edit_undo()
    assert {i: design.node(i).position for i in ids} == before


def test_arrange_actions_need_a_selection(main_window):
    main_window.scene.select_ids([])
    assert not main_window.actions_by_name["align_left"].isEnabled()
    assert not main_window.actions_by_name["distribute_v"].isEnabled()
