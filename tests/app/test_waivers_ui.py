"""Waiving from the findings panel and the inspector: reason required, greyed, not counted."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.waiver_dialog import WaiverDialog
from model.commands import SetConfig


def _timeout_error(window):
    window.document.push(SetConfig.field(window.document.design, "handler-1", "timeout_s", 1200))
    return next(f for f in window.document.findings if f.rule == "LAMBDA_TIMEOUT_MAX")


def _answer(monkeypatch, reason: str, expires: bool = False, author: str = ""):
    def run(dialog: WaiverDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # a reason is required
        dialog.reason.setPlainText(reason)
        if author:
            dialog.author.setText(author)
        dialog.expires_on.setChecked(expires)
        return QDialog.DialogCode.Accepted if ok.isEnabled() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(WaiverDialog, "exec", run)


def test_waive_from_findings_panel_greys_it_and_stops_counting(main_window, monkeypatch):
    finding = _timeout_error(main_window)
    assert main_window.error_count.count >= 1
    errors = main_window.error_count.count
    _answer(monkeypatch, "Batch job; runs under a 15 minute Lambda timeout", author="ana")
    main_window.findings.waive_requested.emit(finding)
    waiver = main_window.document.design.waivers[0]
    assert waiver.rule == "LAMBDA_TIMEOUT_MAX" and waiver.author == "ana"
    assert waiver.expires is None
    assert main_window.settings.review_author() == "ana"
    assert main_window.error_count.count == errors - 1
    panel = main_window.findings
    assert panel.counts()["error"] == errors - 1
    row = next(r for r, f in enumerate(panel.model.findings) if f.rule == "LAMBDA_TIMEOUT_MAX")
    assert panel.model.findings[row].waiver == waiver
    shown = panel.model.data(panel.model.index(row, 2))
    assert shown.startswith("[waived]") and "15 minute" in shown
    badge = main_window.scene.nodes["handler-1"].badge
    assert badge is None or not any(f.rule == "LAMBDA_TIMEOUT_MAX" for f in badge.findings)
    main_window.document.undo()
    assert not main_window.document.design.waivers
    assert main_window.error_count.count == errors


def test_an_empty_reason_waives_nothing(main_window, monkeypatch):
    finding = _timeout_error(main_window)
    _answer(monkeypatch, "   ")
    assert not main_window.waive_finding(finding)
    assert not main_window.document.design.waivers


def test_waive_with_expiry_from_the_inspector_banner(main_window, monkeypatch):
    _timeout_error(main_window)
    main_window.scene.select_ids(["handler-1"])
    inspector = main_window.inspector
    assert inspector.findings_box.waive_buttons
    _answer(monkeypatch, "accepted for the pilot", expires=True)
    inspector.findings_box.waive_buttons[0].click()
    waiver = main_window.document.design.waivers[0]
    assert waiver.expires is not None and waiver.expires > waiver.created
    labels = [label.text() for label in main_window.inspector.findings_box.labels]
    assert any("Waived: accepted for the pilot" in text for text in labels)


def test_remove_waiver_from_the_panel(main_window, monkeypatch):
    finding = _timeout_error(main_window)
    _answer(monkeypatch, "ok")
    main_window.waive_finding(finding)
    waived = next(f for f in main_window.document.findings if f.waiver is not None)
    main_window.findings.unwaive_requested.emit(waived)
    assert not main_window.document.design.waivers


def test_node_menu_entries_waive_and_add_a_note(main_window, monkeypatch):
    from app.review import node_menu_entries

    _timeout_error(main_window)
    entries = dict(node_menu_entries(main_window, "handler-1"))
    assert "Waive LAMBDA_TIMEOUT_MAX…" in entries and "Add Note" in entries
    _answer(monkeypatch, "from the context menu")
    entries["Waive LAMBDA_TIMEOUT_MAX…"]()
    assert main_window.document.design.waivers[0].reason == "from the context menu"
    entries = dict(node_menu_entries(main_window, "handler-1"))
    assert "Remove Waiver of LAMBDA_TIMEOUT_MAX" in entries
    note_id = entries["Add Note"]()
    design = main_window.document.design
    assert design.node(note_id).kind == "note"
    assert [e.target for e in design.outgoing(note_id)] == ["handler-1"]


def test_the_node_context_menu_offers_waive_and_add_note(main_window, monkeypatch):
    _timeout_error(main_window)
    node = main_window.scene.nodes["handler-1"]
    main_window.context_menu_headless = True
    menu = main_window._canvas_context_menu(
        main_window.view.mapFromScene(node.sceneBoundingRect().center())
    )
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert "Waive LAMBDA_TIMEOUT_MAX…" in actions and "Add Note" in actions
    _answer(monkeypatch, "chosen from the canvas menu")
    actions["Waive LAMBDA_TIMEOUT_MAX…"].trigger()
    assert main_window.document.design.waivers[0].reason == "chosen from the canvas menu"
