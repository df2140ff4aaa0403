"""The findings badge: count and colour of an element's worst finding, findings as tooltip."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import style
from model.rules import Finding

RADIUS = 9.0


class BadgeItem(QGraphicsItem):
    """Drawn centred on its position; a child of the element it reports on."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.severity = "info"
        self._text = ""
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self.setVisible(bool(findings))
        if not findings:
            self.setToolTip("")
            return
        self.severity = style.worst_severity([f.severity for f in findings])
        self._text = str(len(findings)) if len(findings) < 100 else "99+"
        rows = "".join(
            f"<li><b>{escape(f.severity)}</b> {escape(f.message)}"
            + (f"<br><i>{escape(f.hint)}</i>" if f.hint else "")
            + "</li>"
            for f in findings
        )
        self.setToolTip(f"<ul style='margin:0'>{rows}</ul>")
        self.update()

    def boundingRect(self) -> QRectF:
        width = max(2 * RADIUS, 8.0 + 6.0 * len(self._text))
        return QRectF(-width / 2 - 1, -RADIUS - 1, width + 2, 2 * RADIUS + 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor("#FFFFFF"), 1.5))
        painter.setBrush(style.SEVERITY_COLOURS.get(self.severity, style.SELECTION))
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(style.BADGE_FONT)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._text)
