"""The findings about the inspected element, shown at the top of the inspector."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.findings_panel import severity_icon
from app.inspector.base import SEVERITY_COLORS
from model.rules import Finding


class FindingsBox(QFrame):
    """The findings about the inspected element, most severe first."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("inspectorFindings")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 6, 8, 6)
        self.layout_.setSpacing(4)
        self.labels: list[QLabel] = []
        self.rows: list[QWidget] = []

    def show_findings(self, findings: list[Finding]) -> None:
        for row in self.rows:
            row.deleteLater()
        self.labels = []
        self.rows = []
        for finding in findings:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(6)
            icon = QLabel()
            icon.setPixmap(severity_icon(finding.severity).pixmap(14, 14))
            icon.setFixedWidth(16)
            line.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            label = QLabel(finding.message)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            tip = f"{finding.rule}"
            if finding.hint:
                tip += f"\n\nHint: {finding.hint}"
            label.setToolTip(tip)
            label.setProperty("severity", finding.severity)
            line.addWidget(label, 1)
            self.layout_.addWidget(row)
            self.labels.append(label)
            self.rows.append(row)
        worst = findings[0].severity if findings else ""
        self.setProperty("severity", worst)
        self.setStyleSheet(
            f"#inspectorFindings {{ border-left: 3px solid {SEVERITY_COLORS.get(worst, '#ccc')};"
            " background: palette(alternate-base); border-radius: 3px; }"
        )
        self.setVisible(bool(findings))
