"""The findings badge: count and colour of an element's worst finding, findings as tooltip."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

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
        self._tip_written = True
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    def set_findings(self, findings: list[Finding]) -> None:
        """Show findings; the tooltip listing them is written when the pointer comes over
        the badge (a large design opens with thousands of badges, few ever hovered)."""
        self.findings = list(findings)
        self.setVisible(bool(findings))
        self._tip_written = False
        if self.isUnderMouse() or not findings:
            self._write_tooltip()
        if not findings:
            return
        self.severity = style.worst_severity([f.severity for f in findings])
        self._text = str(len(findings)) if len(findings) < 100 else "99+"
        self.update()

    def _write_tooltip(self) -> None:
        rows = "".join(
            f"<li><b>{escape(f.severity)}</b> {escape(f.message)}"
            + (f"<br><i>{escape(f.hint)}</i>" if f.hint else "")
            + "</li>"
            for f in self.findings
        )
        self.setToolTip(f"<ul style='margin:0'>{rows}</ul>" if rows else "")
        self._tip_written = True

    def tooltip_text(self) -> str:
        """The tooltip as it shows (written now if it was not yet)."""
        if not self._tip_written:
            self._write_tooltip()
        return self.toolTip()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 (Qt API)
        if not self._tip_written:
            self._write_tooltip()
        super().hoverEnterEvent(event)

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
