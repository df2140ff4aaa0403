"""Mini-map: the whole design scaled to fit, with the main view's visible area outlined;
click or drag to move the main view there.

The design is drawn into a cached image, refreshed a moment after the scene stops changing,
rather than by viewing the design scene itself: a view of the scene repaints the whole design
on every edit, which on a large design costs seconds per keystroke. A refresh draws again
only the parts of the scene that changed, unless the design's extent changed. Where the
overview shrinks the design so far that icons would be a few pixels, it draws a sketch of it
instead (see sketch): drawing every item took most of a second on a design of thousands."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.items.badge import RADIUS as BADGE_RADIUS
from app.canvas.items.node_item import NodeItem
from app.canvas.scene import DesignScene
from app.canvas.view import DesignView
from model.catalog import node_icon

REFRESH_MS = 600
MARGIN = 60.0
SKETCH_SCALE = 0.12  # pixels per scene unit below which the overview draws a sketch


class Overview(QGraphicsView):
    def __init__(self, view: DesignView, parent: QWidget | None = None) -> None:
        self._canvas = QGraphicsScene()
        super().__init__(self._canvas, parent)
        self._canvas.setParent(self)
        self.main_view = view
        self.setInteractive(False)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumSize(160, 110)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._dragging = False
        self._image: QImage | None = None
        self._image_rect = QRectF()
        self._dirty: list[QRectF] = []
        self._dirty_all = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        view.viewport_changed.connect(self.viewport().update)
        view.design_scene.changed.connect(self._changed)
        self.refresh()

    def _changed(self, regions: list[QRectF] | None = None) -> None:
        if regions is None:
            self._dirty_all = True
        elif not regions:
            return
        else:
            self._dirty.extend(regions)
        if not self._timer.isActive():
            self._timer.start(REFRESH_MS)

    def refresh(self) -> None:
        """Fit the design again and redraw the cached picture of it: the parts that changed
        by at least a pixel of it, or all of it when the design's extent changed. Waits while
        the scene is still refining its routes (every route would change under it)."""
        scene = self.main_view.design_scene
        if getattr(scene, "refining", False) and self._image is not None:
            self._timer.start(REFRESH_MS)
            return
        rect = scene.items_rect()
        if rect.isNull():
            rect = QRectF(0, 0, 800, 600)
        rect = rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self._canvas.setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        scale = self.transform().m11() * max(1.0, self.devicePixelRatioF())
        width, height = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
        if width * height > 4096 * 4096 or not self.isVisible():
            self._image = None
            self._image_rect = rect
            if not self.isVisible():
                self._timer.stop()
            self.viewport().update()
            return
        dirty, self._dirty = self._dirty, []
        image = self._image
        if (
            image is None
            or self._dirty_all
            or rect != self._image_rect
            or (image.width(), image.height()) != (width, height)
        ):
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
            dirty = [rect]
        self._dirty_all = False
        scale_x, scale_y = width / rect.width(), height / rect.height()
        dirty = [r for r in dirty if r.width() * scale_x >= 1 or r.height() * scale_y >= 1]
        if not dirty:
            return
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for region in _merged(dirty, rect):
            target = QRectF(
                (region.left() - rect.left()) * scale_x,
                (region.top() - rect.top()) * scale_y,
                region.width() * scale_x,
                region.height() * scale_y,
            )
            painter.setClipRect(target)
            painter.fillRect(target, style.BACKGROUND)
            if scale_x < SKETCH_SCALE and isinstance(scene, DesignScene):
                painter.save()
                painter.setTransform(
                    QTransform(
                        scale_x, 0, 0, scale_y, -rect.left() * scale_x, -rect.top() * scale_y
                    )
                )
                sketch(scene, painter, region)
                painter.restore()
            else:
                scene.render_to(painter, target, region)
        painter.end()
        self._image = image
        self._image_rect = rect
        self.viewport().update()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._timer.start(0)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._changed()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(rect, style.BACKGROUND)
        if self._image is not None:
            painter.drawImage(self._image_rect, self._image)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        visible = self.main_view.visible_scene_rect()
        pen = QPen(style.SELECTION, 2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor(9, 114, 211, 24))
        painter.drawRect(visible)

    def _navigate(self, event: QMouseEvent) -> None:
        target: QPointF = self.mapToScene(event.position().toPoint())
        self.main_view.centerOn(target)
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self._navigate(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._navigate(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False


def sketch(scene: DesignScene, painter: QPainter, region: QRectF) -> None:
    """The design in region as the overview shows it when icons would be a few pixels:
    group frames, connections, each service as a square of its icon's colour
    and each finding badge as a dot of its severity's colour, where and as large as the
    items draw them. Read from the scene's own tables: asking the scene for the items in a
    region costs more than drawing them like this."""
    containers = [c for c in scene.containers.values() if c.scene_rect().intersects(region)]
    for container in sorted(containers, key=QGraphicsItem.zValue):
        group = style.group_style(container.node)
        frame = container.scene_rect()
        if group.fill is not None:
            painter.fillRect(frame, group.fill)
        painter.setPen(QPen(group.border, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame)
    painter.setPen(QPen(style.EDGE, 1.4))
    for edge in scene.edges.values():
        if edge.drawn_rect().intersects(region):
            painter.drawPath(edge.path())
    badges: list[tuple[QColor, QPointF]] = []
    for item in scene.nodes.values():
        if isinstance(item, NodeItem):
            icon = item.anchor_rect()
            if icon.intersects(region):
                painter.fillRect(icon, _icon_colour(item))
        if item.badge is not None and item.badge.isVisible():
            badges.append((style.SEVERITY_COLOURS[item.badge.severity], item.badge.scenePos()))
    for edge in scene.edges.values():
        if edge.badge is not None and edge.badge.isVisible():
            badges.append((style.SEVERITY_COLOURS[edge.badge.severity], edge.badge.scenePos()))
    radius = BADGE_RADIUS
    painter.setPen(Qt.PenStyle.NoPen)
    for colour, at in badges:
        if region.contains(at):
            painter.setBrush(colour)
            painter.drawEllipse(at, radius, radius)


_COLOURS: dict[str, QColor] = {}


def _icon_colour(item: NodeItem) -> QColor:
    """The average colour of a service's icon, worked out once per icon."""
    icon = node_icon(item.node.kind, item.node.config)
    key = f"{icon.source}:{icon.path}"
    colour = _COLOURS.get(key)
    if colour is None:
        image = style.icon_pixmap(icon, int(geo.ICON)).toImage()
        small = image.scaled(1, 1, mode=Qt.TransformationMode.SmoothTransformation)
        colour = small.pixelColor(0, 0)
        colour.setAlpha(255)
        _COLOURS[key] = colour
    return colour


def _merged(regions: list[QRectF], bounds: QRectF) -> list[QRectF]:
    """The changed regions, padded a little (antialiasing spills over), inside bounds, with
    overlapping ones joined; the whole of bounds when they are many or cover most of it."""
    pending = [r.adjusted(-4, -4, 4, 4).intersected(bounds) for r in regions]
    pending = [r for r in pending if not r.isEmpty()]
    if len(pending) > 48:  # many scattered changes: one drawing of all beats many small
        return [bounds]
    merged: list[QRectF] = []
    while pending:
        current = pending.pop()
        joined = True
        while joined:
            joined = False
            for other in list(pending):
                if current.intersects(other):
                    current = current.united(other)
                    pending.remove(other)
                    joined = True
        merged.append(current)
    area = sum(r.width() * r.height() for r in merged)
    if area > 0.5 * bounds.width() * bounds.height():
        return [bounds]
    return merged
