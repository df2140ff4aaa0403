"""A connection: an orthogonal line with rounded corners and an arrowhead, attached to the
icons of its ends, labelled with its relation and key setting."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from app.canvas import style
from app.canvas.items.badge import BadgeItem
from app.canvas.items.base import ElementItem
from model.elements import Edge
from model.rules import Finding

ARROW = 9.0
GAP = 4.0
CORNER = 8.0
HIT_WIDTH = 12.0


def edge_text(edge: Edge) -> str:
    """Relation plus the setting that matters most on this connection."""
    parts = [edge.label or str(edge.relation)]
    config = edge.config
    if config.event_type:
        parts.append(config.event_type)
    if config.integration_pattern and config.integration_pattern != "request_response":
        parts.append(f".{config.integration_pattern}")
    if config.expected_rps is not None:
        parts.append(f"{config.expected_rps:g} req/s")
    return " · ".join(parts)


def route(source: QRectF, target: QRectF) -> list[QPointF]:
    """Points of an orthogonal route between two rectangles, leaving and entering sideways
    when they are apart horizontally, else vertically; a straight line when they overlap."""
    sc, tc = source.center(), target.center()
    if target.left() - source.right() > 2 * GAP:
        start = QPointF(source.right() + GAP, sc.y())
        end = QPointF(target.left() - GAP, tc.y())
        mid = (start.x() + end.x()) / 2
        return [start, QPointF(mid, start.y()), QPointF(mid, end.y()), end]
    if source.left() - target.right() > 2 * GAP:
        start = QPointF(source.left() - GAP, sc.y())
        end = QPointF(target.right() + GAP, tc.y())
        mid = (start.x() + end.x()) / 2
        return [start, QPointF(mid, start.y()), QPointF(mid, end.y()), end]
    if target.top() - source.bottom() > 2 * GAP:
        start = QPointF(sc.x(), source.bottom() + GAP)
        end = QPointF(tc.x(), target.top() - GAP)
        mid = (start.y() + end.y()) / 2
        return [start, QPointF(start.x(), mid), QPointF(end.x(), mid), end]
    if source.top() - target.bottom() > 2 * GAP:
        start = QPointF(sc.x(), source.top() - GAP)
        end = QPointF(tc.x(), target.bottom() + GAP)
        mid = (start.y() + end.y()) / 2
        return [start, QPointF(start.x(), mid), QPointF(end.x(), mid), end]
    return [sc, tc]


def _label_anchor(points: list[QPointF], width: float) -> QPointF:
    """Middle of the last segment when the label fits there, so the labels of a fan-out do not
    pile up on their shared trunk; else the middle of the longest segment."""
    last = _length(points[-1] - points[-2])
    if last >= width + 2 * ARROW:
        return (points[-2] + points[-1] - _unit(points[-1] - points[-2]) * ARROW) / 2
    segments = list(zip(points, points[1:], strict=False))
    start, end = max(segments, key=lambda pair: _length(pair[1] - pair[0]))
    return (start + end) / 2


def _simplify(points: list[QPointF]) -> list[QPointF]:
    result = [points[0]]
    for point in points[1:]:
        if (point - result[-1]).manhattanLength() > 0.5:
            result.append(point)
    return result


class EdgeItem(QGraphicsItem):
    def __init__(self, edge: Edge, source: ElementItem, target: ElementItem) -> None:
        super().__init__()
        self.edge = edge
        self.edge_id = edge.id
        self.source = source
        self.target = target
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(style.Z_EDGE)
        self.badge: BadgeItem | None = None
        self._path = QPainterPath()
        self._arrow = QPolygonF()
        self._label_rect = QRectF()
        self._bounds = QRectF()
        self._shape = QPainterPath()
        self._text = ""
        self._metrics = QFontMetricsF(style.EDGE_FONT)
        self.set_edge(edge)

    def set_edge(self, edge: Edge) -> None:
        self.edge = edge
        self._text = edge_text(edge)
        self.setToolTip(f"{edge.source} {edge.relation} {edge.target}")
        self.update_path()

    def set_findings(self, findings: list[Finding], show: bool = True) -> None:
        if self.badge is None:
            if not findings:
                return
            self.badge = BadgeItem(self)
            self._place_badge()
        self.badge.set_findings(findings)
        self.badge.setVisible(show and bool(findings))

    def _place_badge(self) -> None:
        if self.badge is not None:
            self.badge.setPos(self._label_rect.right() + 6, self._label_rect.center().y())

    def update_path(self) -> None:
        """Recompute the route from the ends' current positions (called while they move)."""
        self.prepareGeometryChange()
        points = _simplify(route(self.source.anchor_rect(), self.target.anchor_rect()))
        if len(points) < 2:
            points = [points[0], points[0] + QPointF(0.1, 0)]
        path = QPainterPath(points[0])
        for index in range(1, len(points) - 1):
            before, corner, after = points[index - 1], points[index], points[index + 1]
            radius = min(
                CORNER,
                _length(corner - before) / 2,
                _length(after - corner) / 2,
            )
            path.lineTo(corner + _unit(before - corner) * radius)
            path.quadTo(corner, corner + _unit(after - corner) * radius)
        tip = points[-1]
        direction = _unit(tip - points[-2])
        base = tip - direction * ARROW
        path.lineTo(base)
        normal = QPointF(-direction.y(), direction.x()) * (ARROW * 0.5)
        self._arrow = QPolygonF([tip, base + normal, base - normal])
        self._path = path
        width = self._metrics.horizontalAdvance(self._text) + 10
        height = self._metrics.height() + 4
        anchor = _label_anchor(points, width)
        self._label_rect = QRectF(anchor.x() - width / 2, anchor.y() - height / 2, width, height)
        self._place_badge()
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        shape = stroker.createStroke(path)
        shape.addRect(self._label_rect)
        shape.addPolygon(self._arrow)
        self._shape = shape
        self._bounds = shape.boundingRect().adjusted(-2, -2, 2, 2)

    def label_rect(self) -> QRectF:
        return self._label_rect

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self.scene()
        exporting = bool(scene is not None and getattr(scene, "exporting", False))
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
        colour = style.SELECTION if selected else style.EDGE
        pen = QPen(colour, 2.0 if selected else 1.4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._arrow)
        painter.setPen(QPen(style.SELECTION if selected else style.GRID_LINE_MAJOR, 1))
        painter.setBrush(style.BACKGROUND)
        painter.drawRoundedRect(self._label_rect, 4, 4)
        painter.setFont(style.EDGE_FONT)
        painter.setPen(style.SELECTION if selected else style.TEXT_MUTED)
        painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._text)


def _length(point: QPointF) -> float:
    return math.hypot(point.x(), point.y())


def _unit(point: QPointF) -> QPointF:
    length = _length(point)
    return point / length if length else QPointF(0, 0)
