"""A sticky note: a coloured card with the note's text; its connections to the elements it
annotates are drawn dashed by the edge item."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyleOptionGraphicsItem, QWidget

from app.canvas import style
from app.canvas.items.node_item import HANDLE_RADIUS, NodeItem
from model.elements import Node

NOTE_COLOURS: dict[str, tuple[str, str]] = {
    "yellow": ("#fff4a8", "#c9a227"),
    "blue": ("#d6e8ff", "#4a7fc1"),
    "green": ("#d9f5d0", "#4c9a3a"),
    "pink": ("#ffd9e6", "#c2507a"),
    "orange": ("#ffe1c2", "#cc7a29"),
    "grey": ("#ececec", "#8a8a8a"),
}
FOLD = 14.0
PADDING = 8.0


class NoteItem(NodeItem):
    def __init__(self, node: Node, width: float, height: float) -> None:
        self.width, self.height = width, height
        super().__init__(node)
        self.setZValue(style.Z_NODE + 0.5)

    def _layout_label(self) -> None:
        self.setToolTip(self.text())

    def text(self) -> str:
        return str(getattr(self.node.config, "text", "") or self.node.label)

    def colours(self) -> tuple[QColor, QColor]:
        fill, edge = NOTE_COLOURS.get(
            str(getattr(self.node.config, "color", "yellow")), NOTE_COLOURS["yellow"]
        )
        return QColor(fill), QColor(edge)

    def set_node(self, node: Node) -> None:
        super().set_node(node)
        self._layout_label()

    def handle_centre(self) -> QPointF:
        return QPointF(self.width + 10.0, self.height / 2)

    def handle_contains(self, local: QPointF) -> bool:
        delta = local - self.handle_centre()
        return (delta.x() ** 2 + delta.y() ** 2) <= (HANDLE_RADIUS + 3) ** 2

    def badge_position(self) -> QPointF:
        return QPointF(self.width - 6, 2)

    def size(self) -> tuple[float, float]:
        return self.width, self.height

    def anchor_rect(self) -> QRectF:
        return QRectF(self.pos().x(), self.pos().y(), self.width, self.height)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, self.width + 22, self.height + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exporting = self.exporting()
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
        fill, edge = self.colours()
        w, h = self.width, self.height
        card = QPolygonF(
            [
                QPointF(0, 0),
                QPointF(w, 0),
                QPointF(w, h - FOLD),
                QPointF(w - FOLD, h),
                QPointF(0, h),
            ]
        )
        painter.setPen(QPen(style.SELECTION if selected else edge, 2.0 if selected else 1.0))
        painter.setBrush(fill)
        painter.drawPolygon(card)
        painter.setBrush(edge.lighter(150))
        painter.drawPolygon(
            QPolygonF([QPointF(w, h - FOLD), QPointF(w - FOLD, h - FOLD), QPointF(w - FOLD, h)])
        )
        painter.setFont(style.LABEL_FONT)
        painter.setPen(style.TEXT)
        painter.drawText(
            QRectF(PADDING, PADDING, w - 2 * PADDING, h - 2 * PADDING - FOLD / 2),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            self.text(),
        )
        if (self.hovered or selected) and not exporting:
            painter.setPen(QPen(style.SELECTION, 1.5))
            painter.setBrush(style.BACKGROUND)
            painter.drawEllipse(self.handle_centre(), HANDLE_RADIUS, HANDLE_RADIUS)
