"""The view onto the design scene: zoom around the cursor, pan by middle-drag or space+drag,
rubber-band selection on the background."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

MIN_ZOOM = 0.05
MAX_ZOOM = 4.0
ZOOM_STEP = 1.25


class CanvasScene(Protocol):
    """What the view needs of a scene: the architecture and the workflow scenes both have it."""

    def items_rect(self) -> QRectF: ...

    def rect_of(self, ids: Iterable[Any]) -> QRectF: ...


class DesignView(QGraphicsView):
    zoom_changed = Signal(float)
    viewport_changed = Signal()  # scrolled, zoomed or resized (for the overview)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        if scene.parent() is None:
            scene.setParent(self)
        self.design_scene: CanvasScene = scene  # type: ignore[assignment]
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
            | QPainter.RenderHint.TextAntialiasing
        )
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        # The grid is drawn once per zoom level and reused, not redrawn under every drag.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self._pan_from: QPoint | None = None
        self._space_held = False
        self.horizontalScrollBar().valueChanged.connect(self.viewport_changed)
        self.verticalScrollBar().valueChanged.connect(self.viewport_changed)
        self.viewport_changed.connect(self._tell_scene_what_shows)

    # ---- zoom --------------------------------------------------------------------------
    def zoom(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if abs(factor - current) < 1e-9:
            return
        self.scale(factor / current, factor / current)
        self.zoom_changed.emit(self.zoom())
        self.viewport_changed.emit()

    def zoom_in(self) -> None:
        self._zoom_at_centre(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_at_centre(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self._zoom_at_centre(1.0)

    def _zoom_at_centre(self, factor: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(factor)
        self.setTransformationAnchor(anchor)

    def fit_to_design(self) -> float:
        """Show the whole design, at no more than 100 %; the zoom chosen. Below
        style.LABEL_ZOOM connection labels are hidden (see the items' paint)."""
        rect = self.design_scene.items_rect()
        if rect.isNull():
            self.zoom_reset()
            return self.zoom()
        self.fit_rect(rect.adjusted(-40, -40, 40, 40))
        return self.zoom()

    def fit_rect(self, rect: QRectF) -> None:
        view = self.viewport().rect()
        if view.width() <= 0 or view.height() <= 0 or rect.isEmpty():
            return
        factor = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        self._zoom_at_centre(factor)
        self.centerOn(rect.center())
        self.viewport_changed.emit()

    def center_on_ids(self, ids: Iterable[Any]) -> None:
        rect = self.design_scene.rect_of(ids)
        if rect.isNull():
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() > visible.width() or rect.height() > visible.height():
            self.fit_rect(rect.adjusted(-40, -40, 40, 40))
        else:
            self.centerOn(rect.center())
        self.viewport_changed.emit()

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _tell_scene_what_shows(self) -> None:
        show_first = getattr(self.scene(), "show_first", None)
        if show_first is not None:
            show_first(self.visible_scene_rect())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom() * (ZOOM_STEP**steps))
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.viewport_changed.emit()

    # ---- pan ---------------------------------------------------------------------------
    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt override)
        """Tab and Shift+Tab walk the selection through the design's elements (as in
        draw.io); past the last (or before the first) they move focus on as usual."""
        scene = self.scene()
        if self.hasFocus() and hasattr(scene, "select_adjacent"):
            chosen = scene.select_adjacent(next)
            if chosen:
                self.ensureVisible(self.design_scene.rect_of([chosen]), 40, 40)
                return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space_held and event.button() == Qt.MouseButton.LeftButton
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            if self._space_held:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
