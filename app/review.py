"""The editor's review gestures: waive a finding, remove a waiver, add a note for a finding,
set the review status. The main window, findings panel, inspector and context menus call
these; each change is one undoable command on the open document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from app.waiver_dialog import WaiverDialog
from model.commands import AddWaiver, RemoveWaiver
from model.rules import Finding

if TYPE_CHECKING:
    from app.main_window import MainWindow


def waive_finding(window: MainWindow, finding: Finding) -> bool:
    """Ask for the reason (and expiry) and waive the finding; False when cancelled."""
    if finding.waiver is not None or finding.rule.startswith("WAIVER_"):
        return False
    dialog = WaiverDialog(finding, window.settings.review_author(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    waiver = dialog.waiver()
    if waiver.author and waiver.author != window.settings.review_author():
        window.settings.set_review_author(waiver.author)
    return window.push(AddWaiver(waiver))


def remove_waiver(window: MainWindow, finding: Finding) -> bool:
    if finding.waiver is None:
        return False
    return window.push(RemoveWaiver(finding.waiver.key))


def node_findings(window: MainWindow, node_id: str) -> list[Finding]:
    """The findings naming a node, for its context menu's Waive entries."""
    return [f for f in window.document.findings if node_id in f.elements]
