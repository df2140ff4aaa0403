"""The editor's review gestures: waive a finding, remove a waiver, add a note for a finding,
set the review status. The main window, findings panel, inspector and context menus call
these; each change is one undoable command on the open document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog

from app.waiver_dialog import WaiverDialog
from model.commands import AddWaiver, RemoveWaiver
from model.rules import Finding

if TYPE_CHECKING:
    from app.main_window import MainWindow
    from model.design import Design
    from model.review.diff import DesignDiff


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


def note_for_finding(window: MainWindow, finding: Finding) -> str | None:
    """Drop a note with the finding's message beside its first node, attached by a dashed
    line to each node it names; one undoable step. Returns the note's id."""
    design = window.document.design
    targets = [e for e in finding.elements if design.has_node(e)]
    return add_note(window, targets, finding.message, f"Note on {finding.rule}")


def add_note(window: MainWindow, targets: list[str], text: str, label: str = "Note") -> str | None:
    """A note beside the first target (or above the drawing), attached to every target."""
    from model.catalog.notes import NOTE
    from model.commands import AddNode, Command, Connect, Macro
    from model.design import new_node
    from model.elements import Edge, Point

    design = window.document.design
    if targets:
        anchor = design.node(targets[0])
        position = Point(anchor.position.x + 130.0, anchor.position.y - 120.0)
        parent = anchor.parent
    else:
        rect = window.scene.items_rect()
        position, parent = Point(rect.left(), rect.top() - 140.0), None
    note = new_node(design, NOTE, position, label=label, parent=parent, config={"text": text})
    commands: list[Command] = [AddNode(note)]
    for target in targets:
        commands.append(Connect(Edge(design.new_edge_id(), note.id, target, "annotates")))
    if not window.push(Macro("Add note", commands)):
        return None
    window.scene.select_ids([note.id])
    return note.id


def node_menu_entries(window: MainWindow, node_id: str) -> list[tuple[str, Any]]:
    """The review entries of a node's context menu: Waive (or Remove Waiver) for each of
    its findings, and Add Note attached to it. (text, callback) pairs."""
    entries: list[tuple[str, Any]] = []
    for finding in node_findings(window, node_id):
        if finding.rule.startswith("WAIVER_"):
            continue
        if finding.waiver is None:
            entries.append((f"Waive {finding.rule}…", lambda f=finding: waive_finding(window, f)))
        else:
            entries.append(
                (f"Remove Waiver of {finding.rule}", lambda f=finding: remove_waiver(window, f))
            )
    entries.append(("Add Note", lambda: add_note(window, [node_id], "")))
    return entries


# ---- review status -------------------------------------------------------------------------
def set_review_state(window: MainWindow, state: str) -> bool:
    """Set draft, in review or approved, signed with the reviewer's name and today."""
    from model.commands import SetReview
    from model.review.status import status_for

    status = status_for(state, window.settings.review_author())
    current = window.document.design.review
    if current is not None and current.state == status.state and current.by == status.by:
        return False
    return window.push(SetReview(status))


def title_suffix(window: MainWindow) -> str:
    review = window.document.design.review
    return f" [{review.describe()}]" if review is not None else ""


# ---- comparing with another version --------------------------------------------------------
class CompareSession:
    """File ▸ Compare with…: the other version, the overlay on the canvas and the compare
    panel, kept current while the open design is edited."""

    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtCore import Qt

        from app.compare_panel import ComparePanel
        from app.visual_diff import CompareOverlay

        self.window = window
        self.panel = ComparePanel()
        self.panel.ids_activated.connect(self._select)
        self.panel.closed.connect(self.close)
        self.dock = window._dock(
            "compare", "Compare", self.panel, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        window.tabifyDockWidget(window.findings_dock, self.dock)
        self.dock.hide()
        self.overlay = CompareOverlay(window.scene)
        self.other: Design | None = None
        self.other_findings: list[Finding] = []
        self.against = ""
        self.diff: DesignDiff | None = None

    def ask(self) -> bool:
        """Ask which version to compare with: a file, or a git revision of the open file."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

        from app.design_sources import git_revision_spec

        path = self.window.document.path
        in_git = path is not None and git_revision_spec(Path(path)) is not None
        choice = "file"
        if in_git:
            box = QMessageBox(self.window)
            box.setWindowTitle("Compare with")
            box.setText("Compare the open design with another file, or with a git revision?")
            file_button = box.addButton("File…", QMessageBox.ButtonRole.AcceptRole)
            git_button = box.addButton("Git Revision…", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            clicked = box.clickedButton()
            if clicked not in (file_button, git_button):
                return False
            choice = "git" if clicked is git_button else "file"
        if choice == "git":
            assert path is not None
            revision, ok = QInputDialog.getText(
                self.window, "Compare with", "Git revision (commit, branch or tag):", text="HEAD"
            )
            spec = (
                git_revision_spec(Path(path), revision.strip()) if ok and revision.strip() else None
            )
            if spec is None:
                return False
            return self.compare_with(spec)
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Compare with",
            str(path.parent) if path else "",
            "ArchCanvas designs (*.archcanvas *.png);;All files (*)",
        )
        return bool(name) and self.compare_with(name)

    def compare_with(self, spec: str) -> bool:
        """Overlay the version spec names (a path or git:REV:PATH); False when unreadable."""
        from pathlib import Path

        from app.design_sources import load_source
        from model.review.waivers import apply_waivers
        from model.rules import validate
        from model.serialization import LoadError

        path = self.window.document.path
        try:
            other = load_source(spec, Path(path).parent if path else None)
        except LoadError as error:
            self.window.document.error.emit(str(error))
            return False
        self.other = other
        self.other_findings = apply_waivers(other, validate(other))
        self.against = spec
        self.refresh()
        self.dock.show()
        self.dock.raise_()
        return True

    def refresh(self) -> None:
        """Recompute after an edit of the open design (the other version stays as read)."""
        from model.review.diff import diff_designs

        if self.other is None:
            return
        document = self.window.document
        self.diff = diff_designs(
            self.other, document.design, self.other_findings, document.findings
        )
        self.overlay.apply(self.diff)
        self.panel.show_diff(self.diff, self.against)

    def close(self) -> None:
        self.overlay.clear()
        self.panel.clear()
        self.other, self.diff, self.against = None, None, ""
        self.dock.hide()

    def change_text(self, ids: list[str]) -> str:
        """What changed in the one selected element, for the inspector."""
        from app.visual_diff import changed_fields_text

        if self.diff is None or len(ids) != 1:
            return ""
        status = self.overlay.status.get(ids[0])
        if status == "changed":
            return f"Changed since {self.against}:\n{changed_fields_text(self.diff, ids[0])}"
        if status == "added":
            return f"Added since {self.against}"
        return ""

    def _select(self, ids: list[str]) -> None:
        design = self.window.document.design
        present = [i for i in ids if design.has_node(i) or design.has_edge(i)]
        self.window.scene.select_ids(present)
        if present:
            self.window.view.center_on_ids(present)
