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
