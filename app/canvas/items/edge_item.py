"""A connection: an orthogonal line with rounded corners and an arrowhead, attached to the
icons of its ends, labelled with its relation and key setting."""

from __future__ import annotations

import math
from collections.abc import Callable

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

from app.canvas import style
from app.canvas.items.badge import BadgeItem
from app.canvas.items.base import ElementItem
from model.catalog import Relation
from model.elements import Edge
from model.rules import Finding

ANNOTATES = str(Relation.ANNOTATES)

ARROW = 9.0
GAP = 4.0
CORNER = 8.0
HIT_WIDTH = 12.0
LABEL_HEIGHT = 17.0
LABEL_MAX_WIDTH = 220.0
"""A user's connection label wider than this is drawn elided; the tooltip has it whole."""


def edge_text(edge: Edge, fit: Callable[[str], str] = str) -> str:
    """Relation plus the setting that matters most on this connection; fit shortens the
    user's label (never the settings that follow it)."""
    parts = [fit(edge.label) if edge.label else str(edge.relation)]
    config = edge.config
    if config.event_type:
        parts.append(config.event_type)
    if config.integration_pattern and config.integration_pattern != "request_response":
        parts.append(f".{config.integration_pattern}")
    if config.expected_rps is not None:
        parts.append(f"{config.expected_rps:g} req/s")
    return " · ".join(parts)


def edge_texts(edge: Edge, fit: Callable[[str], str] = str) -> list[str]:
    """Label texts from the fullest to the shortest. Where room is tight, a connection with a
    setting that decides limits (a CloudFront event type, a .sync pattern) keeps that setting:
    it says more than the relation, which the two ends already imply."""
    config = edge.config
    key = config.event_type or (
        f".{config.integration_pattern}"
        if config.integration_pattern and config.integration_pattern != "request_response"
        else None
    )
    texts = [edge_text(edge, fit)]
    for text in (key,) if key else (fit(edge.label) if edge.label else str(edge.relation),):
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
    """Drawn along the route its scene's router gives it (see set_route)."""

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
        self._points: list[tuple[float, float]] = []
        self._shown = QStaticText()
        self._tip_key: tuple[str, str, str] | None = None
        self.set_edge(edge)

    def set_edge(self, edge: Edge) -> None:
        self.edge = edge
        metrics = _metrics()

        def fit(label: str) -> str:
            return metrics.elidedText(label, Qt.TextElideMode.ElideRight, LABEL_MAX_WIDTH)

        self._full_text = edge_text(edge)
        self._texts = [
            (text, metrics.horizontalAdvance(text) + 10) for text in edge_texts(edge, fit)
        ]
        self._tip_key = None

    def label_widths(self) -> list[float]:
        """Widths of the label's texts, fullest first (what the label placer chooses from)."""
        return [width for _text, width in self._texts]

    def _update_tooltip(self) -> None:
        """The full label and the ends' names; the drawn label may be shortened."""
        key = (self._full_text, self.source.node.label, self.target.node.label)
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
        """Bring the route up to date with the ends' current positions."""
        scene = self.scene()
        if scene is not None and hasattr(scene, "reroute_nodes"):
            scene.reroute_nodes((self.source.node_id, self.target.node_id))
        else:
            self.set_route(route(self.source.anchor_rect(), self.target.anchor_rect()))

    def route_points(self) -> list[tuple[float, float]]:
        return list(self._points)

    def set_route(
        self,
        points: list[QPointF] | list[tuple[float, float]],
        text_index: int = -1,
        label: tuple[float, float, float, float] | None = None,
    ) -> None:
        """Draw along points (scene coordinates, orthogonal), with the label text of
        text_index (fullest first) at label (left, top, right, bottom), else midway."""
        self.prepareGeometryChange()
        pts = [p if isinstance(p, QPointF) else QPointF(p[0], p[1]) for p in points]
        pts = _simplify(pts)
        if len(pts) < 2:
            pts = [pts[0], pts[0] + QPointF(0.1, 0)]
        self._points = [(p.x(), p.y()) for p in pts]
        path = QPainterPath(pts[0])
        for index in range(1, len(pts) - 1):
            before, corner, after = pts[index - 1], pts[index], pts[index + 1]
            radius = min(CORNER, _length(corner - before) / 2, _length(after - corner) / 2)
            path.lineTo(corner + _unit(before - corner) * radius)
            path.quadTo(corner, corner + _unit(after - corner) * radius)
        tip = pts[-1]
        direction = _unit(tip - pts[-2])
        base = tip - direction * ARROW
        path.lineTo(base)
        normal = QPointF(-direction.y(), direction.x()) * (ARROW * 0.5)
        self._arrow = QPolygonF([tip, base + normal, base - normal])
        self._path = path
        text, width = self._texts[text_index]
        if label is None:
            middle = len(pts) // 2
            centre = (pts[middle - 1] + pts[middle]) / 2
            label = (
                centre.x() - width / 2,
                centre.y() - LABEL_HEIGHT / 2,
                centre.x() + width / 2,
                centre.y() + LABEL_HEIGHT / 2,
            )
        left, top, right, bottom = label
        rect = QRectF(left, top, right - left, bottom - top)
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
        if self.edge.relation == ANNOTATES:
            dashed = QPen(line)
            dashed.setStyle(Qt.PenStyle.DashLine)
            dashed.setColor(style.SELECTION if selected else style.TEXT_MUTED)
            painter.setPen(dashed)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._path)
            return
        painter.setPen(line)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if not exporting and not style.text_readable(style.EDGE_FONT.pixelSize(), lod):
            self._paint_arrow(painter, line)
            return
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
        self._paint_arrow(painter, line)  # over the label: a label on a short last segment
        # would otherwise hide most of the arrowhead

    def _paint_arrow(self, painter: QPainter, line: QPen) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(line.color())
        painter.drawPolygon(self._arrow)


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


def _length(point: QPointF) -> float:
    return math.hypot(point.x(), point.y())


def _unit(point: QPointF) -> QPointF:
    length = _length(point)
    return point / length if length else QPointF(0, 0)
