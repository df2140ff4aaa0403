"""Mini-map: the whole design scaled to fit, with the main view's visible area outlined;
click or drag to move the main view there.

The design is drawn into a cached image, refreshed a moment after the scene stops changing,
rather than by viewing the design scene itself: a view of the scene repaints the whole design
on every edit, which on a large design costs seconds per keystroke. A refresh draws again
only the parts of the scene that changed, unless the design's extent changed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from app.canvas import style
from app.canvas.view import DesignView

REFRESH_MS = 600
MARGIN = 60.0


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
