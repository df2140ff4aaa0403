"""The findings list: every finding of the design, sortable and filterable by severity.

Activating a finding asks the window to select and centre its elements; the rule's source
(the AWS page that states the limit) opens in the browser.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDesktopServices,
    QFont,
    QIcon,
    QPainter,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.document import Document
from model.events import (
    EdgeAdded,
    EdgeRemoved,
    EdgeUpdated,
    Event,
    NodeAdded,
    NodeRemoved,
    NodeUpdated,
)
from model.rules import Finding
from model.rules.engine import SEVERITY_RANK

SEVERITIES = ("error", "warning", "info")
SEVERITY_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Info"}
SEVERITY_COLORS = {"error": "#d32f2f", "warning": "#f29900", "info": "#1976d2"}
COLUMNS = ("", "Rule", "Message", "Elements")
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_icons: dict[str, QIcon] = {}


def severity_icon(severity: str) -> QIcon:
    """A filled circle with a mark, drawn once per severity."""
    if severity not in _icons:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SEVERITY_COLORS[severity]))
        if severity == "warning":
            painter.drawPolygon(QPolygonF([QPointF(16, 2), QPointF(30, 29), QPointF(2, 29)]))
        else:
            painter.drawEllipse(2, 2, 28, 28)
        painter.setPen(QColor("white"))
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(20)
        painter.setFont(font)
        mark = {"error": "!", "warning": "!", "info": "i"}[severity]
        rect = pixmap.rect().adjusted(0, 3 if severity == "warning" else 0, 0, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, mark)
        painter.end()
        _icons[severity] = QIcon(pixmap)
    return _icons[severity]


class FindingsModel(QAbstractTableModel):
    """Every finding, one row each, in the document's order. An update removes and inserts
    only the rows that changed (a reset would make the view sort and measure every row
    again, hundreds of milliseconds on a large design)."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []
        self.labels: dict[str, str] = {}

    def set_findings(self, findings: list[Finding], labels: dict[str, str] | None = None) -> None:
        if labels is not None and labels != self.labels:
            self.labels = labels
            if self.findings:
                last = self.index(len(self.findings) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, len(COLUMNS) - 1), last)
        new = list(findings)
        old = self.findings
        if new == old:
            return
        kept, added = set(old), set(new)
        if (
            len(kept) != len(old)
            or len(added) != len(new)
            or [f for f in old if f in added] != [f for f in new if f in kept]
        ):  # duplicates, or the kept rows changed order: start again
            self.beginResetModel()
            self.findings = new
            self.endResetModel()
            return
        for first, last in reversed(_runs([r for r, f in enumerate(old) if f not in added])):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.findings[first : last + 1]
            self.endRemoveRows()
        for first, last in _runs([r for r, f in enumerate(new) if f not in kept]):
            self.beginInsertRows(QModelIndex(), first, last)
            self.findings[first:first] = new[first : last + 1]
            self.endInsertRows()

    def in_severity_order(self) -> bool:
        """Whether the rows run from errors to infos (as the document lists them)."""
        ranks = [SEVERITY_RANK[f.severity] for f in self.findings]
        return all(a <= b for a, b in zip(ranks, ranks[1:], strict=False))

    def sort_value(self, finding: Finding, column: int) -> Any:
        """What a column sorts by; rows that tie keep the document's order."""
        if column == 0:
            return SEVERITY_RANK[finding.severity]
        if column == 1:
            return finding.rule
        if column == 2:
            return self.message(finding)
        return self.elements_text(finding)

    def message(self, finding: Finding) -> str:
        if finding.waiver is not None:
            return f"[waived] {finding.message} (reason: {finding.waiver.reason})"
        return finding.message

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def elements_text(self, finding: Finding) -> str:
        return ", ".join(self.labels.get(e, e) for e in finding.elements) or "design"

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        finding = self.findings[index.row()]
        column = index.column()
        if role == FINDING_ROLE:
            return finding
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return ""
            return finding.rule if column == 1 else self.sort_value(finding, column)
        if role == SORT_ROLE:
            return self.sort_value(finding, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return severity_icon(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{finding.severity.title()}: {finding.message}"
            if finding.hint:
                tip += f"\n\nHint: {finding.hint}"
            if finding.source:
                tip += f"\n\nSource: {finding.source}"
            waiver = finding.waiver
            if waiver is not None:
                by = f" by {waiver.author}" if waiver.author else ""
                until = f", until {waiver.expires}" if waiver.expires else ""
                tip += f"\n\nWaived{by} on {waiver.created}{until}: {waiver.reason}"
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and finding.waiver is not None:
            return QBrush(QColor("#9a9a9a"))
        if role == Qt.ItemDataRole.FontRole and finding.waiver is not None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor("#666"))
        return None


class SeverityFilter(QSortFilterProxyModel):
    """Filters by severity and sorts by a column, ties in the document's order: so a row
    inserted after an edit lands where a fresh sort would put it.

    Sorted by severity, errors first (the default), the document's own order is already the
    answer; the proxy then keeps the model's order rather than sort thousands of rows
    through lessThan (half a second on the 800-cell design)."""

    def __init__(self, model: FindingsModel) -> None:
        super().__init__()
        self.shown = set(SEVERITIES)
        self.setSortRole(SORT_ROLE)
        self.findings_model = model
        self.setSourceModel(model)
        self.by_severity = False
        model.rowsInserted.connect(self._check_order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.by_severity = column == 0 and order == Qt.SortOrder.AscendingOrder
        if self.by_severity and self.findings_model.in_severity_order():
            super().sort(-1, order)
        else:
            super().sort(column, order)

    def _check_order(self) -> None:
        kept = self.by_severity and self.sortColumn() == -1
        if kept and not self.findings_model.in_severity_order():
            super().sort(0, Qt.SortOrder.AscendingOrder)

    def lessThan(  # noqa: N802 (Qt API)
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        model = self.findings_model
        a, b = left.row(), right.row()
        column = left.column()
        first = model.sort_value(model.findings[a], column)
        second = model.sort_value(model.findings[b], column)
        return bool(first < second or (first == second and a < b))

    def set_shown(self, severity: str, on: bool) -> None:
        self.beginFilterChange()
        if on:
            self.shown.add(severity)
        else:
            self.shown.discard(severity)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        findings = self.findings_model.findings
        return row < len(findings) and findings[row].severity in self.shown


class FindingsPanel(QWidget):
    """Table of findings with severity toggles; emits finding_activated(Finding)."""

    finding_activated = Signal(object)
    waive_requested = Signal(object)  # Finding
    unwaive_requested = Signal(object)  # Finding (waived)
    note_requested = Signal(object)  # Finding
    context_menu_requested = Signal(object, object)  # Finding, global QPoint

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.model = FindingsModel()
        self.proxy = SeverityFilter(self.model)
        self._labels_dirty = True
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 28)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 230)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 260)
        header.setHighlightSections(False)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.toggles: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.setSpacing(4)
        for severity in SEVERITIES:
            button = QToolButton()
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(severity_icon(severity))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.toggled.connect(lambda on, s=severity: self.proxy.set_shown(s, on))
            button.setToolTip(f"Show {SEVERITY_TITLES[severity].lower()}")
            self.toggles[severity] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.summary = QLabel()
        bar.addWidget(self.summary)
        self.source_button = QToolButton()
        self.source_button.setText("Open rule source")
        self.source_button.setToolTip("Open the AWS documentation that states this limit")
        self.source_button.setAutoRaise(True)
        self.source_button.setEnabled(False)
        self.source_button.clicked.connect(self.open_current_source)
        bar.addWidget(self.source_button)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.set_document(document)

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.findings_changed.disconnect(self._findings_changed)
            self.document.changed.disconnect(self._labels_changed)
            self.document.design_event.disconnect(self._design_event)
        self.document = document
        document.findings_changed.connect(self._findings_changed)
        document.changed.connect(self._labels_changed)
        document.design_event.connect(self._design_event)
        self._labels_dirty = True
        self.refresh()

    def _findings_changed(self, _findings: object) -> None:
        self.refresh()

    def _design_event(self, event: Event) -> None:
        """Note an edit that can change how the Elements column names something."""
        if isinstance(event, (NodeAdded, NodeRemoved, EdgeAdded, EdgeRemoved, EdgeUpdated)) or (
            isinstance(event, NodeUpdated) and event.old.label != event.new.label
        ):
            self._labels_dirty = True

    def _labels_changed(self) -> None:
        if self._labels_dirty:
            self.refresh()

    def _labels(self) -> dict[str, str]:
        """How the Elements column names each node and connection."""
        assert self.document is not None
        design = self.document.design
        labels = {n.id: n.label or n.id for n in design.iter_nodes()}
        for edge in design.iter_edges():
            labels[edge.id] = f"{labels[edge.source]} → {labels[edge.target]}"
        return labels

    def refresh(self) -> None:
        assert self.document is not None
        findings = self.document.findings
        labels = self._labels() if self._labels_dirty else None
        self._labels_dirty = False
        self.model.set_findings(findings, labels)
        counts = self.counts()
        for severity, button in self.toggles.items():
            button.setText(f"{SEVERITY_TITLES[severity]} {counts[severity]}")
        total = len(findings)
        waived = sum(f.waiver is not None for f in findings)
        if not total:
            self.summary.setText("No findings: the design is within AWS limits")
        else:
            self.summary.setText(f"{waived} waived" if waived else "")
        self.source_button.setEnabled(self.current_finding() is not None)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.model.findings:
            if finding.waiver is None:
                counts[finding.severity] += 1
        return counts

    def visible_findings(self) -> list[Finding]:
        return [
            self.proxy.data(self.proxy.index(row, 0), FINDING_ROLE)
            for row in range(self.proxy.rowCount())
        ]

    def row_of(self, finding: Finding) -> int:
        for row, shown in enumerate(self.visible_findings()):
            if shown == finding:
                return row
        return -1

    def current_finding(self) -> Finding | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, FINDING_ROLE) if index.isValid() else None

    def activate_row(self, row: int) -> None:
        index = self.proxy.index(row, 2)
        self.table.setCurrentIndex(index)
        self._clicked(index)

    def _clicked(self, index: QModelIndex) -> None:
        finding = self.proxy.data(index, FINDING_ROLE)
        if finding is not None:
            self.finding_activated.emit(finding)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = self.proxy.data(current, FINDING_ROLE) if current.isValid() else None
        self.source_button.setEnabled(bool(finding and finding.source))

    def open_current_source(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            open_source(finding)

    def _context_menu(self, point: QPoint) -> None:
        """The window builds the menu from the context-menu registry (target "finding")."""
        index = self.table.indexAt(point)
        finding = self.proxy.data(index, FINDING_ROLE) if index.isValid() else None
        if finding is not None:
            self.table.setCurrentIndex(index)
            self.context_menu_requested.emit(finding, self.table.viewport().mapToGlobal(point))


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def open_source(finding: Finding) -> bool:
    if not finding.source:
        return False
    return QDesktopServices.openUrl(QUrl(finding.source))
