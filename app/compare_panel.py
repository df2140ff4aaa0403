"""The compare panel: the changes between the open design and another version, listed;
clicking one selects its elements on the canvas, where the overlay shows them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.visual_diff import ADDED, CHANGED, REMOVED, changed_fields_text
from model.review.diff import DesignDiff

IDS_ROLE = Qt.ItemDataRole.UserRole + 1


def change_rows(diff: DesignDiff) -> list[tuple[str, str, list[str]]]:
    """(kind of change, text, element ids) for each listed change."""
    rows: list[tuple[str, str, list[str]]] = []
    old, new = diff.old, diff.new
    for node_id in diff.nodes.added:
        rows.append(("added", f"Added {new.node(node_id).label or node_id}", [node_id]))
    for edge_id in diff.edges.added:
        edge = new.edge(edge_id)
        rows.append(("added", f"Added {edge.source} {edge.relation} {edge.target}", [edge_id]))
    for node_id in diff.nodes.removed:
        rows.append(("removed", f"Removed {old.node(node_id).label or node_id}", [node_id]))
    for edge_id in diff.edges.removed:
        edge = old.edge(edge_id)
        rows.append(("removed", f"Removed {edge.source} {edge.relation} {edge.target}", [edge_id]))
    for element_id in [*diff.nodes.changed, *diff.edges.changed]:
        name = new.node(element_id).label if new.has_node(element_id) else element_id
        fields = changed_fields_text(diff, element_id).replace("\n", "; ")
        rows.append(("changed", f"Changed {name or element_id}: {fields}", [element_id]))
    for name, (a, b) in {**diff.properties, **diff.profile}.items():
        rows.append(("changed", f"Design {name}: {a} -> {b}", []))
    for waiver in diff.waivers_added:
        rows.append(
            ("added", f"Waiver of {waiver['rule']}: {waiver['reason']}", list(waiver["elements"]))
        )
    for waiver in diff.waivers_removed:
        rows.append(("removed", f"Waiver of {waiver['rule']} removed", list(waiver["elements"])))
    for finding in diff.introduced:
        rows.append(
            ("introduced", f"New {finding.severity}: {finding.message}", list(finding.elements))
        )
    for finding in diff.resolved:
        rows.append(
            ("resolved", f"Resolved {finding.severity}: {finding.message}", list(finding.elements))
        )
    return rows


COLOURS = {
    "added": ADDED,
    "removed": REMOVED,
    "changed": CHANGED,
    "introduced": REMOVED,
    "resolved": ADDED,
}


class ComparePanel(QWidget):
    """Emits ids_activated(list[str]) on a click and closed() from its Close button."""

    ids_activated = Signal(object)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Not comparing")
        self.list = QListWidget()
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        close = QPushButton("Close comparison")
        close.clicked.connect(self.closed)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)

    def show_diff(self, diff: DesignDiff, against: str) -> None:
        self.list.clear()
        rows = change_rows(diff)
        layout_note = f", {len(diff.layout)} moved" if diff.layout else ""
        self.title.setText(f"Compared with {against}: {len(rows)} changes{layout_note}")
        for kind, text, ids in rows:
            item = QListWidgetItem(text)
            item.setData(IDS_ROLE, ids)
            item.setForeground(QBrush(COLOURS[kind]))
            item.setToolTip(text)
            self.list.addItem(item)

    def clear(self) -> None:
        self.list.clear()
        self.title.setText("Not comparing")

    def _clicked(self, item: QListWidgetItem) -> None:
        self.ids_activated.emit(list(item.data(IDS_ROLE) or []))
