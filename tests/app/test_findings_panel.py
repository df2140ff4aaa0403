"""The findings dock: counts, severity filters, clicking selects and centres elements."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.findings_panel import FINDING_ROLE
from model.commands import SetConfig


def _make_timeout_error(document):
    document.push(SetConfig.field(document.design, "handler-1", "timeout_s", 1200))


def test_table_follows_edits_and_counts(main_window):
    panel = main_window.findings
    assert panel.model.rowCount() == 0
    _make_timeout_error(main_window.document)
    rules = {f.rule for f in panel.model.findings}
    assert "LAMBDA_TIMEOUT_MAX" in rules  # updated synchronously on findings_changed
    counts = panel.counts()
    assert counts["error"] >= 1
    assert panel.toggles["error"].text() == f"Errors {counts['error']}"
    assert main_window.error_count.count == counts["error"]
    main_window.document.undo()
    assert panel.model.rowCount() == 0
    assert main_window.error_count.count == 0


def test_severity_filter(main_window):
    panel = main_window.findings
    _make_timeout_error(main_window.document)
    total = panel.proxy.rowCount()
    errors = panel.counts()["error"]
    assert errors >= 1
    panel.toggles["error"].setChecked(False)
    shown = panel.visible_findings()
    assert len(shown) == total - errors
    assert all(f.severity != "error" for f in shown)
    panel.toggles["error"].setChecked(True)
    assert panel.proxy.rowCount() == total


def test_sorting_by_rule(main_window):
    panel = main_window.findings
    _make_timeout_error(main_window.document)
    panel.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    rules = [f.rule for f in panel.visible_findings()]
    assert rules == sorted(rules)
    panel.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [f.rule for f in panel.visible_findings()] == sorted(rules, reverse=True)


def test_clicking_a_finding_selects_its_elements(qtbot, main_window):
    panel = main_window.findings
    _make_timeout_error(main_window.document)
    main_window.scene.select_ids([])
    row = next(r for r, f in enumerate(panel.visible_findings()) if f.rule == "LAMBDA_TIMEOUT_MAX")
    rect = panel.table.visualRect(panel.proxy.index(row, 2))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.scene.selected_ids() == ["handler-1"]
    assert main_window.inspector.target_id == "handler-1"
    assert panel.source_button.isEnabled()
    index = panel.table.currentIndex()
    assert panel.proxy.data(index, FINDING_ROLE).rule == "LAMBDA_TIMEOUT_MAX"


def test_open_rule_source(monkeypatch, main_window):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    _make_timeout_error(main_window.document)
    panel = main_window.findings
    row = next(r for r, f in enumerate(panel.visible_findings()) if f.rule == "LAMBDA_TIMEOUT_MAX")
    panel.activate_row(row)
    panel.open_current_source()
    assert len(opened) == 1 and opened[0].toString().startswith("https://")


def test_next_finding_action(main_window):
    _make_timeout_error(main_window.document)
    main_window.scene.select_ids([])
    main_window.design_next_finding()
    assert main_window.scene.selected_ids()
    assert main_window.findings.current_finding() is not None
