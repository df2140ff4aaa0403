"""A connection: an orthogonal line with rounded corners and an arrowhead, attached to the
icons of its ends, labelled with its relation and key setting."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.items.badge import BadgeItem
from app.canvas.items.base import ElementItem
from model.elements import Edge
from model.rules import Finding

ARROW = 9.0
GAP = 4.0
CORNER = 8.0
HIT_WIDTH = 12.0
LABEL_HEIGHT = 17.0
LABEL_MARGIN = 4.0
TITLE_ROOM = 200.0  # how far a group's heading (icon and name) is kept clear of labels


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


def edge_texts(edge: Edge) -> list[str]:
    """Label texts from the fullest to the shortest. Where room is tight, a connection with a
    setting that decides limits (a CloudFront event type, a .sync pattern) keeps that setting:
    it says more than the relation, which the two ends already imply."""
    config = edge.config
    key = config.event_type or (
        f".{config.integration_pattern}"
        if config.integration_pattern and config.integration_pattern != "request_response"
        else None
    )
    texts = [edge_text(edge)]
    for text in (key,) if key else (edge.label or str(edge.relation),):
        if text not in texts:
            texts.append(text)
    return texts


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


def _simplify(points: list[QPointF]) -> list[QPointF]:
    """Drop repeated points and bends that are not bends (ends level with each other), so a
    straight connection is one segment with room for its label."""
    result = [points[0]]
    for point in points[1:]:
        if (point - result[-1]).manhattanLength() > 0.5:
            result.append(point)
    index = 1
    while index < len(result) - 1:
        before, here, after = result[index - 1], result[index], result[index + 1]
        level = abs(before.y() - here.y()) < 0.5 and abs(here.y() - after.y()) < 0.5
        plumb = abs(before.x() - here.x()) < 0.5 and abs(here.x() - after.x()) < 0.5
        if level or plumb:
            del result[index]
        else:
            index += 1
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
        self._shape: QPainterPath | None = None
        self._texts: list[tuple[str, float]] = []
        self._shown = QStaticText()
        self._tip_key: tuple[str, str, str] | None = None
        self.set_edge(edge)

    def set_edge(self, edge: Edge) -> None:
        self.edge = edge
        metrics = _metrics()
        self._texts = [(text, metrics.horizontalAdvance(text) + 10) for text in edge_texts(edge)]
        self._tip_key = None
        if self.scene() is not None:  # else placed once added, among its neighbours
            self.update_path()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged and value is not None:
            self.update_path()  # now the label can keep clear of what is around it
        return super().itemChange(change, value)

    def _update_tooltip(self) -> None:
        """The full label and the ends' names; the drawn label may be shortened."""
        key = (self._texts[0][0], self.source.node.label, self.target.node.label)
        if key != self._tip_key:
            self._tip_key = key
            self.setToolTip(f"{key[0]}\n{key[1]} → {key[2]}")

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
        text, rect = self._choose_label([(p.x(), p.y()) for p in points])
        self._label_rect = rect
        if text != self._shown.text():
            self._shown = QStaticText(text)
            self._shown.setTextFormat(Qt.TextFormat.PlainText)
            self._shown.prepare(QTransform(), style.EDGE_FONT)
        self._place_badge()
        self._shape = None
        margin = HIT_WIDTH / 2 + 1
        self._bounds = (
            path.controlPointRect()
            .united(self._arrow.boundingRect())
            .adjusted(-margin, -margin, margin, margin)
            .united(rect.adjusted(-1, -1, 1, 1))
        )
        self._update_tooltip()

    def _choose_label(self, points: list[tuple[float, float]]) -> tuple[str, QRectF]:
        """Where the label goes: the first candidate spot (last segment first, then the first,
        then the others, along each at its middle or nearer its ends) that has room and
        covers no service, group title or other label; else the least bad one, preferring
        the relation alone when the full text does not fit anywhere."""
        height = LABEL_HEIGHT
        obstacles = self._obstacles()
        best: tuple[float, str, tuple[float, float, float, float]] | None = None
        for text, width in self._texts:
            for penalty, rect in _candidates(points, width, height):
                score = penalty + _covered(rect, obstacles)
                if best is None or score < best[0]:
                    best = (score, text, rect)
                    if score == 0:
                        break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        left, top, right, bottom = best[2]
        return best[1], QRectF(left, top, right - left, bottom - top)

    def _obstacles(self) -> list[tuple[float, float, float, float]]:
        """Rectangles a label should keep off: the icons and names of both ends and of the
        other ends of their connections, and those connections' labels. Found through the
        ends rather than a spatial query, which would re-index the scene on every move."""
        scene = self.scene()
        nodes: dict[int, ElementItem] = {id(self.source): self.source, id(self.target): self.target}
        found: list[tuple[float, float, float, float]] = []
        if scene is not None and hasattr(scene, "edge_items_of"):
            for other in scene.edge_items_of((self.edge.source, self.edge.target)):
                if other is self:
                    continue
                nodes[id(other.source)] = other.source
                nodes[id(other.target)] = other.target
                rect = other._label_rect
                if not rect.isNull():
                    found.append((rect.left(), rect.top(), rect.right(), rect.bottom()))
        for item in nodes.values():
            x, y = item.x(), item.y()
            if item.is_container:
                found.append((x, y, x + TITLE_ROOM, y + geo.CONTAINER_HEADER - 8))
            else:
                found.append(
                    (x + geo.ICON_LEFT - 2, y + geo.ICON_TOP - 2,
                     x + geo.ICON_LEFT + geo.ICON + 2, y + geo.ICON_TOP + geo.ICON + 2)
                )  # fmt: skip
                found.append((x + 6, y + geo.LABEL_TOP, x + geo.NODE_W - 6, y + geo.NODE_H))
        return found

    def label_rect(self) -> QRectF:
        return self._label_rect

    def label_text(self) -> str:
        """The text drawn on the connection (the relation alone when space is tight)."""
        return self._shown.text()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            shape = stroker.createStroke(self._path)
            shape.addRect(self._label_rect)
            shape.addPolygon(self._arrow)
            self._shape = shape
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self.scene()
        exporting = bool(scene is not None and getattr(scene, "exporting", False))
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
        line, frame, text_colour = _PENS[selected] if _PENS else _pens()[selected]
        painter.setPen(line)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(line.color())
        painter.drawPolygon(self._arrow)
        painter.setPen(frame)
        painter.setBrush(style.BACKGROUND)
        rect = self._label_rect
        painter.drawRoundedRect(rect, 4, 4)
        painter.setFont(style.EDGE_FONT)
        painter.setPen(text_colour)
        size = self._shown.size()
        painter.drawStaticText(
            QPointF(rect.center().x() - size.width() / 2, rect.center().y() - size.height() / 2),
            self._shown,
        )


_METRICS: list[QFontMetricsF] = []
_PENS: list[tuple[QPen, QPen, QPen]] = []


def _pens() -> list[tuple[QPen, QPen, QPen]]:
    """Line, label frame and label text pens, unselected then selected, made once."""
    for selected in (False, True):
        line = QPen(style.SELECTION if selected else style.EDGE, 2.0 if selected else 1.4)
        line.setCapStyle(Qt.PenCapStyle.RoundCap)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        frame = QPen(style.SELECTION if selected else style.GRID_LINE_MAJOR, 1)
        _PENS.append((line, frame, QPen(style.SELECTION if selected else style.TEXT_MUTED)))
    return _PENS


def _metrics() -> QFontMetricsF:
    if not _METRICS:
        _METRICS.append(QFontMetricsF(style.EDGE_FONT))
    return _METRICS[0]


def _candidates(
    points: list[tuple[float, float]], width: float, height: float
) -> list[tuple[float, tuple[float, float, float, float]]]:
    """Label rectangles along the route with a penalty each: by segment preference (last,
    first, then middle ones) and by how far the label overruns its segment."""
    count = len(points) - 1
    order = [count - 1] + ([0] if count > 1 else []) + list(range(1, count - 1))
    result: list[tuple[float, tuple[float, float, float, float]]] = []
    for rank, index in enumerate(order):
        (x1, y1), (x2, y2) = points[index], points[index + 1]
        start_room = CORNER if index > 0 else 0.0
        end_room = ARROW + 2 if index == count - 1 else CORNER
        horizontal = abs(y2 - y1) < 0.5
        length = abs(x2 - x1) if horizontal else abs(y2 - y1)
        room = length - start_room - end_room
        needed = (width if horizontal else height) + 2 * LABEL_MARGIN
        overrun = max(0.0, needed - room)
        sign = 1.0 if (x2 - x1 if horizontal else y2 - y1) >= 0 else -1.0
        spots = [0.5]
        if room > needed * 1.6:
            spare = (room - needed) / room
            spots += [0.5 + spare / 2, 0.5 - spare / 2]  # nearer the end, then the start
        for spot in spots:
            along = start_room + room * spot if room > 0 else length / 2
            cx = x1 + sign * along if horizontal else x1
            cy = y1 if horizontal else y1 + sign * along
            rect = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            result.append((rank * 2 + overrun * 4, rect))
    return result


def _covered(
    rect: tuple[float, float, float, float], obstacles: list[tuple[float, float, float, float]]
) -> float:
    """Penalty for the area of rect that lies on obstacles."""
    left, top, right, bottom = rect
    total = 0.0
    for o_left, o_top, o_right, o_bottom in obstacles:
        w = min(right, o_right) - max(left, o_left)
        if w <= 0:
            continue
        h = min(bottom, o_bottom) - max(top, o_top)
        if h > 0:
            total += w * h
    return total


def _length(point: QPointF) -> float:
    return math.hypot(point.x(), point.y())


def _unit(point: QPointF) -> QPointF:
    length = _length(point)
    return point / length if length else QPointF(0, 0)
