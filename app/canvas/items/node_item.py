"""A service node: its AWS icon with the label centred under it, a findings badge and,
on hover, the handle a connection is dragged from."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsSceneHoverEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.items.base import ACCEPT, CANDIDATE, REFUSE, ElementItem
from model.catalog import node_icon
from model.elements import Node

HANDLE_RADIUS = 6.0
HANDLE_CENTRE = QPointF(geo.ICON_LEFT + geo.ICON + 12.0, geo.ICON_TOP + geo.ICON / 2)
MAX_LABEL_LINES = 2


def wrap_label(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Up to two lines that fit width, breaking at spaces, the last one elided."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == MAX_LABEL_LINES - 1:
            current = " ".join(words[index:])
            break
    if current:
        lines.append(current)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


class NodeItem(ElementItem):
    def __init__(self, node: Node) -> None:
        super().__init__(node)
        self.hovered = False
        self.setZValue(style.Z_NODE)
        self._lines: list[str] = []
        self._layout_label()

    def set_node(self, node: Node) -> None:
        relabel = node.label != self.node.label
        super().set_node(node)
        if relabel:
            self._layout_label()

    def _layout_label(self) -> None:
        metrics = QFontMetricsF(style.LABEL_FONT)
        self._lines = wrap_label(self.node.label, metrics, geo.NODE_W - 4)
        self.setToolTip(self.node.label)

    def label_lines(self) -> list[str]:
        return list(self._lines)

    def badge_position(self) -> QPointF:
        return QPointF(geo.ICON_LEFT + geo.ICON - 2, geo.ICON_TOP + 2)

    def size(self) -> tuple[float, float]:
        return geo.NODE_W, geo.NODE_H

    def anchor_rect(self) -> QRectF:
        return QRectF(
            self.pos().x() + geo.ICON_LEFT, self.pos().y() + geo.ICON_TOP, geo.ICON, geo.ICON
        )

    def handle_centre(self) -> QPointF:
        return HANDLE_CENTRE

    def handle_contains(self, local: QPointF) -> bool:
        """Whether local lies on the connection handle (shown while hovered or selected)."""
        delta = local - HANDLE_CENTRE
        return (delta.x() ** 2 + delta.y() ** 2) <= (HANDLE_RADIUS + 3) ** 2

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, geo.NODE_W + 4, geo.NODE_H + 4)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exporting = self.exporting()
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
        frame = QRectF(0, 0, geo.NODE_W, geo.NODE_H)
        if selected:
            painter.setPen(QPen(style.SELECTION, 1.5))
            painter.setBrush(style.SELECTION_FILL)
            painter.drawRoundedRect(frame.adjusted(1, 1, -1, -1), 8, 8)
        elif self.hovered and not exporting:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.HOVER_FILL)
            painter.drawRoundedRect(frame.adjusted(1, 1, -1, -1), 8, 8)
        if self.highlight and not exporting:
            colour = {ACCEPT: style.ACCEPT, REFUSE: style.REFUSE, CANDIDATE: style.ACCEPT}[
                self.highlight
            ]
            fill = style.REFUSE_FILL if self.highlight == REFUSE else style.ACCEPT_FILL
            width = 1.0 if self.highlight == CANDIDATE else 2.5
            painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine))
            painter.setBrush(fill if self.highlight != CANDIDATE else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(
                QRectF(geo.ICON_LEFT - 5, geo.ICON_TOP - 3, geo.ICON + 10, geo.ICON + 6), 8, 8
            )
        pixmap = style.icon_pixmap(node_icon(self.node.kind, self.node.config), int(geo.ICON))
        painter.drawPixmap(
            QRectF(geo.ICON_LEFT, geo.ICON_TOP, geo.ICON, geo.ICON),
            pixmap,
            QRectF(0, 0, pixmap.width(), pixmap.height()),
        )
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        readable = exporting or style.text_readable(style.LABEL_FONT.pixelSize(), lod)
        painter.setFont(style.LABEL_FONT)
        painter.setPen(style.TEXT)
        line_height = 15.0
        lines = self._lines if readable else []
        for index, line in enumerate(lines):
            painter.drawText(
                QRectF(0, geo.LABEL_TOP + index * line_height, geo.NODE_W, line_height),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                line,
            )
        if (self.hovered or selected) and not exporting:
            painter.setPen(QPen(style.SELECTION, 1.5))
            painter.setBrush(style.BACKGROUND)
            painter.drawEllipse(HANDLE_CENTRE, HANDLE_RADIUS, HANDLE_RADIUS)
            painter.setBrush(style.SELECTION)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(HANDLE_CENTRE, 2.5, 2.5)
