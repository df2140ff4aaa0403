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


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and bends that are not bends (ends level with each other), so a
    straight connection is one segment with room for its label."""
    result = [points[0]]
    for point in points[1:]:
        last = result[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) > 0.5:
            result.append(point)
    index = 1
    while index < len(result) - 1:
        before, here, after = result[index - 1], result[index], result[index + 1]
        level = abs(before[1] - here[1]) < 0.5 and abs(here[1] - after[1]) < 0.5
        plumb = abs(before[0] - here[0]) < 0.5 and abs(here[0] - after[0]) < 0.5
        if level or plumb:
            del result[index]
        else:
            index += 1
    return result


def _line(points: list[tuple[float, float]]) -> tuple[QPainterPath, QPolygonF]:
    """The route with rounded corners, stopping short of the arrowhead, and the arrowhead
    (worked out in plain numbers: QPointF arithmetic from Python costs several times more,
    and a large design sets thousands of routes as it opens)."""
    path = QPainterPath(QPointF(*points[0]))
    for index in range(1, len(points) - 1):
        (bx, by), (cx, cy), (ax, ay) = points[index - 1], points[index], points[index + 1]
        before, after = math.hypot(bx - cx, by - cy), math.hypot(ax - cx, ay - cy)
        radius = min(CORNER, before / 2, after / 2)
        into = radius / before if before else 0.0
        out = radius / after if after else 0.0
        path.lineTo(cx + (bx - cx) * into, cy + (by - cy) * into)
        path.quadTo(cx, cy, cx + (ax - cx) * out, cy + (ay - cy) * out)
    (px, py), (tx, ty) = points[-2], points[-1]
    length = math.hypot(tx - px, ty - py)
    dx, dy = ((tx - px) / length, (ty - py) / length) if length else (0.0, 0.0)
    bx, by = tx - dx * ARROW, ty - dy * ARROW
    path.lineTo(bx, by)
    nx, ny = -dy * ARROW * 0.5, dx * ARROW * 0.5
    arrow = QPolygonF([QPointF(tx, ty), QPointF(bx + nx, by + ny), QPointF(bx - nx, by - ny)])
    return path, arrow


_STATIC_TEXTS: dict[str, QStaticText] = {}
_WIDTHS: dict[str, float] = {}


def _static_text(text: str) -> QStaticText:
    """A label's text laid out once per distinct text (most connections share theirs)."""
    static = _STATIC_TEXTS.get(text)
    if static is None:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(QTransform(), style.EDGE_FONT)
        if len(_STATIC_TEXTS) < 4096:
            _STATIC_TEXTS[text] = static
    return static


def _width(text: str) -> float:
    width = _WIDTHS.get(text)
    if width is None:
        width = _metrics().horizontalAdvance(text) + 10
        if len(_WIDTHS) < 4096:
            _WIDTHS[text] = width
    return width


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
        self._drawn = QRectF()  # what the route and label cover (_bounds is stale in preview)
        self.preview = False  # see set_route
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
        self._texts = [(text, _width(text)) for text in edge_texts(edge, fit)]
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
        preview: bool = False,
    ) -> None:
        """Draw along points (scene coordinates, orthogonal), with the label text of
        text_index (fullest first) at label (left, top, right, bottom), else midway.

        In preview (while a node is dragged) the item keeps its bounds and draws nothing:
        the scene's DragLayer draws it, and each change repaints only the segments and the
        label that were and are drawn. A route's bounding rectangle can cover half the
        screen, and repainting all of it on every mouse move is what made dragging slow."""
        if preview or self.preview:
            self._update_drawn()
        if not preview:
            self.prepareGeometryChange()
        pts = _simplify([(p.x(), p.y()) if isinstance(p, QPointF) else p for p in points])
        if len(pts) < 2:
            pts = [pts[0], (pts[0][0] + 0.1, pts[0][1])]
        self._points = pts
        self._path, self._arrow = _line(pts)
        text, width = self._texts[text_index]
        if label is None:
            (x1, y1), (x2, y2) = pts[len(pts) // 2 - 1], pts[len(pts) // 2]
            cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
            label = (cx - width / 2, cy - LABEL_HEIGHT / 2, cx + width / 2, cy + LABEL_HEIGHT / 2)
        left, top, right, bottom = label
        rect = QRectF(left, top, right - left, bottom - top)
        self._label_rect = rect
        if text != self._shown.text():
            self._shown = _static_text(text)
        self._place_badge()
        self._shape = None
        margin = HIT_WIDTH / 2 + 1
        self._drawn = (
            self._path.controlPointRect()
            .united(self._arrow.boundingRect())
            .adjusted(-margin, -margin, margin, margin)
            .united(rect.adjusted(-1, -1, 1, 1))
        )
        self.preview = preview
        if preview:
            self._update_drawn()
        else:
            self._bounds = self._drawn
        self._update_tooltip()

    def _update_drawn(self) -> None:
        """Repaint what the route and its label cover, segment by segment (through the
        scene: an item's own updates are merged into one rectangle)."""
        scene = self.scene()
        if scene is None or not self._points:
            return
        margin = HIT_WIDTH / 2 + 1
        for (x1, y1), (x2, y2) in zip(self._points, self._points[1:], strict=False):
            scene.update(
                QRectF(
                    min(x1, x2) - margin,
                    min(y1, y2) - margin,
                    abs(x2 - x1) + 2 * margin,
                    abs(y2 - y1) + 2 * margin,
                )
            )
        scene.update(self._label_rect.adjusted(-1, -1, 1, 1))

    def end_preview(self) -> None:
        """Draw itself again, where its preview was (the drag ended)."""
        if self.preview:
            self.prepareGeometryChange()
            self.preview = False
            self._bounds = self._drawn

    def path(self) -> QPainterPath:
        """The line as drawn (scene coordinates), without its arrowhead."""
        return self._path

    def drawn_rect(self) -> QRectF:
        """Scene rectangle the route and its label cover."""
        return QRectF(self._drawn)

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
        if self.preview:
            return
        scene = self.scene()
        exporting = bool(scene is not None and getattr(scene, "exporting", False))
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self.draw(painter, lod, selected, exporting)

    def draw(self, painter: QPainter, lod: float, selected: bool, exporting: bool) -> None:
        """The line, arrowhead and (where readable at lod) label."""
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
        if not exporting and not style.text_readable(style.EDGE_FONT.pixelSize(), lod):
            self._draw_arrow(painter, line)
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
        self._draw_arrow(painter, line)  # over the label: a label on a short last segment
        # would otherwise hide most of the arrowhead

    def _draw_arrow(self, painter: QPainter, line: QPen) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(line.color())
        painter.drawPolygon(self._arrow)


class DragLayer(QGraphicsItem):
    """Draws the connections in preview (see EdgeItem.set_route) while a node is dragged.
    Its bounds cover any scene and never change, so repaints stay where routes change."""

    BOUNDS = QRectF(-1e7, -1e7, 2e7, 2e7)

    def __init__(self) -> None:
        super().__init__()
        self.edges: dict[str, EdgeItem] = {}
        self.setZValue(style.Z_EDGE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self.BOUNDS

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self.edges:
            return
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        for edge in self.edges.values():
            edge.draw(painter, lod, edge.isSelected(), False)


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
