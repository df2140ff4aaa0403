"""A group (Region, zone, VPC, subnet, cluster, placement group, Outpost) drawn as a labelled
frame in the AWS architecture-diagram style, resizable by handles when selected.

Only the header band and the border are its shape, so a click or rubber band inside a large
group reaches the services in it and the background."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.items.base import REFUSE, ElementItem
from model.catalog import CATALOG, Icon
from model.elements import Node

HANDLE = 8.0
BORDER_HIT = 6.0
ICON_SIZE = 28
HANDLES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")
CURSORS = {
    "tl": Qt.CursorShape.SizeFDiagCursor,
    "br": Qt.CursorShape.SizeFDiagCursor,
    "tr": Qt.CursorShape.SizeBDiagCursor,
    "bl": Qt.CursorShape.SizeBDiagCursor,
    "t": Qt.CursorShape.SizeVerCursor,
    "b": Qt.CursorShape.SizeVerCursor,
    "l": Qt.CursorShape.SizeHorCursor,
    "r": Qt.CursorShape.SizeHorCursor,
}


class ContainerItem(ElementItem):
    is_container = True

    def __init__(self, node: Node, width: float, height: float, depth: int = 0) -> None:
        super().__init__(node)
        self.width = width
        self.height = height
        self._shape = QPainterPath()
        self._shape_key: tuple[float, float, bool] | None = None
        self.set_depth(depth)
        self._place_badge()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_depth(self, depth: int) -> None:
        self.depth = depth
        self.setZValue(style.Z_CONTAINER + depth + self.stack)

    def set_size(self, width: float, height: float) -> None:
        self.prepareGeometryChange()
        self.width, self.height = width, height
        self._place_badge()
        self.update()

    def _place_badge(self) -> None:
        if self.badge is not None:
            self.badge.setPos(self.badge_position())

    def badge_position(self) -> QPointF:
        return QPointF(self.width - 14, 14)

    def size(self) -> tuple[float, float]:
        return self.width, self.height

    def anchor_rect(self) -> QRectF:
        return self.scene_rect()

    def contains_scene_point(self, point: QPointF) -> bool:
        x, y = point.x() - self.x(), point.y() - self.y()
        return 0.0 <= x <= self.width and 0.0 <= y <= self.height

    def boundingRect(self) -> QRectF:
        margin = HANDLE + 3
        return QRectF(-margin, -margin, self.width + 2 * margin, self.height + 2 * margin)

    def shape(self) -> QPainterPath:
        selected = self.isSelected()
        key = (self.width, self.height, selected)
        if self._shape_key != key:
            outer = QPainterPath()
            outer.addRect(
                QRectF(
                    -BORDER_HIT,
                    -BORDER_HIT,
                    self.width + 2 * BORDER_HIT,
                    self.height + 2 * BORDER_HIT,
                )
            )
            inner = QPainterPath()
            inner.addRect(
                QRectF(
                    BORDER_HIT,
                    geo.CONTAINER_HEADER,
                    max(0.0, self.width - 2 * BORDER_HIT),
                    max(0.0, self.height - geo.CONTAINER_HEADER - BORDER_HIT),
                )
            )
            path = outer.subtracted(inner)
            if selected:
                handles = QPainterPath()
                for rect in self.handle_rects().values():
                    handles.addRect(rect.adjusted(-3, -3, 3, 3))
                path = path.united(handles)
            self._shape = path
            self._shape_key = key
        return self._shape

    def handle_rects(self) -> dict[str, QRectF]:
        w, h, s = self.width, self.height, HANDLE
        centres = {
            "tl": (0, 0),
            "t": (w / 2, 0),
            "tr": (w, 0),
            "r": (w, h / 2),
            "br": (w, h),
            "b": (w / 2, h),
            "bl": (0, h),
            "l": (0, h / 2),
        }
        return {name: QRectF(x - s / 2, y - s / 2, s, s) for name, (x, y) in centres.items()}

    def handle_at(self, local: QPointF) -> str | None:
        if not self.isSelected():
            return None
        for name, rect in self.handle_rects().items():
            if rect.adjusted(-3, -3, 3, 3).contains(local):
                return name
        return None

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exporting = self.exporting()
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
        group = style.group_style(self.node)
        frame = QRectF(0, 0, self.width, self.height)
        pen = QPen(group.border, 1.6 if not group.dashed else 1.4)
        if group.dashed:
            pen.setStyle(Qt.PenStyle.CustomDashLine)
            pen.setDashPattern([5.0, 3.5])
        exposed = option.exposedRect.adjusted(-4, -4, 4, 4)
        if group.fill is not None:
            painter.fillRect(frame.intersected(exposed), group.fill)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if exposed.contains(frame):
            painter.drawRect(frame)
        else:
            _draw_clipped_frame(painter, frame, exposed, pen)
        if self.highlight and not exporting:
            colour = style.REFUSE if self.highlight == REFUSE else style.ACCEPT
            fill = style.REFUSE_FILL if self.highlight == REFUSE else style.ACCEPT_FILL
            painter.fillRect(frame.intersected(exposed), fill)
            painter.setPen(QPen(colour, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            _draw_clipped_frame(painter, frame, exposed, painter.pen())
        icon = (
            Icon(group.icon_override) if group.icon_override else CATALOG.get(self.node.kind).icon
        )
        pixmap = style.icon_pixmap(icon, ICON_SIZE)
        painter.drawPixmap(
            QRectF(0, 0, ICON_SIZE, ICON_SIZE),
            pixmap,
            QRectF(0, 0, pixmap.width(), pixmap.height()),
        )
        painter.setFont(style.GROUP_FONT)
        painter.setPen(group.label)
        text_rect = QRectF(ICON_SIZE + 8, 0, max(0.0, self.width - ICON_SIZE - 36), ICON_SIZE)
        metrics = QFontMetricsF(style.GROUP_FONT)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(self._title(), Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        if selected:
            painter.setPen(QPen(style.SELECTION, 1.5, Qt.PenStyle.SolidLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(frame.adjusted(-2, -2, 2, 2))
            painter.setBrush(style.BACKGROUND)
            painter.setPen(QPen(style.SELECTION, 1.2))
            for rect in self.handle_rects().values():
                painter.drawRect(rect)

    def _title(self) -> str:
        return geo.group_title(self.node)


def _draw_clipped_frame(painter: QPainter, frame: QRectF, exposed: QRectF, pen: QPen) -> None:
    """Draw only the parts of a (possibly dashed) frame inside the exposed area; a large
    group's dashes are otherwise stroked all around on every small repaint. Segments start at
    a whole dash period so the pattern does not shift as the exposed area changes."""
    if pen.style() == Qt.PenStyle.SolidLine:
        period = 1.0
    else:
        period = sum(pen.dashPattern()) * max(pen.widthF(), 1.0)
    left, top, right, bottom = frame.left(), frame.top(), frame.right(), frame.bottom()
    sides = (
        (QPointF(left, top), QPointF(right, top)),
        (QPointF(right, top), QPointF(right, bottom)),
        (QPointF(right, bottom), QPointF(left, bottom)),
        (QPointF(left, bottom), QPointF(left, top)),
    )
    for start, end in sides:
        horizontal = start.y() == end.y()
        fixed = start.y() if horizontal else start.x()
        low_bound, high_bound = (
            (exposed.top(), exposed.bottom()) if horizontal else (exposed.left(), exposed.right())
        )
        if not low_bound <= fixed <= high_bound:
            continue
        a, b = (start.x(), end.x()) if horizontal else (start.y(), end.y())
        lo, hi = (
            (exposed.left(), exposed.right()) if horizontal else (exposed.top(), exposed.bottom())
        )
        sign = 1.0 if b >= a else -1.0
        # distances along the side from its start
        first = max(0.0, min((lo - a) * sign, (hi - a) * sign))
        last = min(abs(b - a), max((lo - a) * sign, (hi - a) * sign))
        if last <= first:
            continue
        first = (first // period) * period
        p1 = a + sign * first
        p2 = a + sign * last
        if horizontal:
            painter.drawLine(QPointF(p1, fixed), QPointF(p2, fixed))
        else:
            painter.drawLine(QPointF(fixed, p1), QPointF(fixed, p2))
