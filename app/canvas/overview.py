"""Mini-map: the whole design scaled to fit, with the main view's visible area outlined;
click or drag to move the main view there."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from app.canvas import style
from app.canvas.view import DesignView


class Overview(QGraphicsView):
    def __init__(self, view: DesignView, parent: QWidget | None = None) -> None:
        super().__init__(view.design_scene, parent)
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
        view.viewport_changed.connect(self.viewport().update)
        view.design_scene.changed.connect(self._refit)
        self._refit()

    def _refit(self) -> None:
        rect = self.main_view.design_scene.items_rect()
        if rect.isNull():
            rect = QRectF(0, 0, 800, 600)
        self.fitInView(rect.adjusted(-60, -60, 60, 60), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._refit()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(rect, style.BACKGROUND)

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
