"""The findings about the inspected element, shown at the top of the inspector."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.findings_panel import severity_icon
from app.inspector.base import SEVERITY_COLORS
from model.rules import Finding


class FindingsBox(QFrame):
    """The findings about the inspected element, most severe first; waived ones greyed with
    their reason. Each open finding offers Waive… and Add Note."""

    waive_requested = Signal(object)  # Finding
    note_requested = Signal(object)  # Finding

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("inspectorFindings")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 6, 8, 6)
        self.layout_.setSpacing(4)
        self.labels: list[QLabel] = []
        self.rows: list[QWidget] = []
        self.waive_buttons: list[QToolButton] = []

    def show_findings(self, findings: list[Finding]) -> None:
        for row in self.rows:
            row.deleteLater()
        self.labels = []
        self.rows = []
        self.waive_buttons = []
        for finding in findings:
            row = QWidget()
            rows = QVBoxLayout(row)  # the text takes the panel's width; its buttons go below
            rows.setContentsMargins(0, 0, 0, 0)
            rows.setSpacing(0)
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(6)
            rows.addLayout(line)
            icon = QLabel()
            icon.setPixmap(severity_icon(finding.severity).pixmap(14, 14))
            icon.setFixedWidth(16)
            line.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            text = finding.message
            if finding.waiver is not None:
                text += f"\nWaived: {finding.waiver.reason}"
            elif finding.hint:
                text += f"\nHint: {finding.hint}"
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            tip = f"{finding.rule}"
            if finding.hint:
                tip += f"\n\nHint: {finding.hint}"
            label.setToolTip(tip)
            label.setProperty("severity", finding.severity)
            if finding.waiver is not None:
                label.setStyleSheet("color: palette(mid); font-style: italic;")
            line.addWidget(label, 1)
            buttons = QHBoxLayout()
            buttons.setContentsMargins(0, 0, 0, 0)
            buttons.addStretch(1)
            rows.addLayout(buttons)
            if finding.waiver is None and not finding.rule.startswith("WAIVER_"):
                waive = QToolButton()
                waive.setText("Waive…")
                waive.setAutoRaise(True)
                waive.setToolTip("Accept this finding with a reason (undoable)")
                waive.clicked.connect(lambda _=False, f=finding: self.waive_requested.emit(f))
                buttons.addWidget(waive)
                self.waive_buttons.append(waive)
                note = QToolButton()
                note.setText("Note")
                note.setAutoRaise(True)
                note.setToolTip("Add a note with this finding's message, attached to its elements")
                note.clicked.connect(lambda _=False, f=finding: self.note_requested.emit(f))
                buttons.addWidget(note)
            self.layout_.addWidget(row)
            self.labels.append(label)
            self.rows.append(row)
        open_ = [f for f in findings if f.waiver is None]
        worst = open_[0].severity if open_ else ""
        self.setProperty("severity", worst)
        self.setStyleSheet(
            f"#inspectorFindings {{ border-left: 3px solid {SEVERITY_COLORS.get(worst, '#ccc')};"
            " background: palette(alternate-base); border-radius: 3px; }"
        )
        self.setVisible(bool(findings))
