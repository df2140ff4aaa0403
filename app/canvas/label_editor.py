"""In-place label editing on the canvas (F2, double-click, or Rename in the context menu).

A line edit floats over the element's label in the view; Enter or leaving it applies the
new label as one undoable Rename (or connection label change), Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit


class LabelEditor(QLineEdit):
    """A one-shot editor: commit(text) once on Enter or focus loss, nothing on Escape."""

    def __init__(
        self, view: QGraphicsView, scene_rect: QRectF, text: str, commit: Callable[[str], None]
    ) -> None:
        super().__init__(text, view.viewport())
        self.setObjectName("inPlaceLabelEditor")
        self._commit = commit
        self._done = False
        rect = view.mapFromScene(scene_rect).boundingRect()
        width = max(rect.width(), 160)
        self.setGeometry(rect.center().x() - width // 2, rect.top(), width, max(rect.height(), 26))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.selectAll()
        self.returnPressed.connect(self.finish)
        self.installEventFilter(self)
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def finish(self) -> None:
        if not self._done:
            self._done = True
            self._commit(self.text())
            self.deleteLater()

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        if event.type() == QEvent.Type.FocusOut:
            self.finish()
        return super().eventFilter(watched, event)
